import { loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createRuntime } from '../runtime.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { printLogins, printSeedReport } from './print.ts';

export interface ServeOptions {
  work: boolean;
  seedDemoWhenEmpty: boolean;
}

/** `npm start` and `comptoir serve`: one process serving the API and the web app. */
export async function serve(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config, { work: options.work });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const stop = async () => {
    await app?.close();
    await runtime.close();
  };
  try {
    const seed = options.seedDemoWhenEmpty ? await seedDemo(runtime) : undefined;
    app = await buildApp(runtime);
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    console.log('');
    console.log(`Comptoir is running at ${url}`);
    console.log(`  API reference: ${url}/api/docs   database: ${runtime.database.kind}   worker: ${options.work ? 'in this process' : 'off'}`);
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
