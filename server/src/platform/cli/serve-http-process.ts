import type { Config } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import type { Runtime } from '../module.ts';
import { createRuntime } from '../runtime.ts';
import { LISTENING_TYPE, STOP_MESSAGE } from './supervise-http-processes.ts';

/**
 * One HTTP process of a cluster: no migrations (the supervisor ran them), no worker, no seed.
 * Caches stay coherent across processes through the database's NOTIFY (platform/cache).
 * The stop listeners come first: a stop that arrives while the process is still starting
 * (a replacement, or Ctrl-C right after launch) must not be lost.
 */
export async function serveHttpProcess(config: Config): Promise<void> {
  let runtime: Runtime | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let stopRequested = false;
  let started = false;
  const exit = () => {
    // Fastify closes idle keep-alive connections and waits for requests under way.
    (async () => {
      await app?.close();
      await runtime?.close();
    })().finally(() => process.exit(0));
  };
  const stop = () => {
    if (stopRequested) return;
    stopRequested = true;
    if (started) exit();
  };
  process.on('message', (message) => {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === STOP_MESSAGE.type) stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  runtime = await createRuntime(config, { work: false, skipMigrations: true });
  if (!stopRequested) {
    app = await buildApp(runtime);
    if (!stopRequested) await app.listen({ port: config.PORT, host: config.HOST });
  }
  started = true;
  if (stopRequested) return exit();
  const address = app!.server.address();
  process.send?.({ type: LISTENING_TYPE, port: typeof address === 'object' && address ? address.port : config.PORT });
}
