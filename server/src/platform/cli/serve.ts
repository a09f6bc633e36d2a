import cluster from 'node:cluster';
import { type Config, loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createRuntime } from '../runtime.ts';
import type { Runtime } from '../module.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { printLogins, printSeedReport } from './print.ts';
import { serveHttpProcess } from './serve-http-process.ts';
import { superviseHttpProcesses } from './supervise-http-processes.ts';

export interface ServeOptions {
  work: boolean;
  seedDemoWhenEmpty: boolean;
  /** HTTP processes (default: API_PROCESSES). Above one, this process supervises them and serves no HTTP itself. */
  processes?: number;
}

/**
 * `npm start` and `comptoir serve`: the API and the web app, with the job worker unless told
 * otherwise. With several processes (PostgreSQL only), this one migrates, seeds, runs the worker
 * and forks the HTTP processes, which share the port through node:cluster.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  const processes = options.processes ?? config.API_PROCESSES;
  if (cluster.isWorker) return serveHttpProcess(config);
  if (processes > 1 && !config.DATABASE_URL) {
    throw new Error('Several API processes need DATABASE_URL (PostgreSQL): the embedded database lives in one process.');
  }
  const runtime = await createRuntime(config, { work: options.work });
  let stopHttp: (() => Promise<void>) | undefined;
  const stop = async () => {
    await stopHttp?.();
    await runtime.close();
  };
  try {
    const seed = options.seedDemoWhenEmpty ? await seedDemo(runtime) : undefined;
    let port: number;
    if (processes > 1) {
      const supervisor = await superviseHttpProcesses(processes, runtime.log);
      stopHttp = () => supervisor.stop();
      port = supervisor.port;
    } else {
      const app = await buildApp(runtime);
      stopHttp = () => app.close();
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.server.address();
      port = typeof address === 'object' && address ? address.port : config.PORT;
    }
    printBanner(runtime, config, port, { work: options.work, processes });
    if (seed?.seeded) {
      console.log('  Demo data seeded:');
      printSeedReport(seed.reports);
    }
    const logins = (await Promise.all(runtime.modules.map((m) => m.demoLogins?.(runtime) ?? Promise.resolve([])))).flat();
    printLogins(logins);
    console.log('');
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  const { stopOnSignals } = await import('../../cli.ts');
  stopOnSignals(stop);
}

function printBanner(runtime: Runtime, config: Config, port: number, how: { work: boolean; processes: number }): void {
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  console.log('');
  console.log(`Comptoir is running at ${url}`);
  const http = how.processes > 1 ? `   HTTP processes: ${how.processes}` : '';
  console.log(`  API reference: ${url}/api/docs   database: ${runtime.database.kind}   worker: ${how.work ? 'in this process' : 'off'}${http}`);
}
