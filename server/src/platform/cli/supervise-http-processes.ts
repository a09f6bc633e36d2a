import cluster, { type Worker } from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';

/** A process that dies sooner than this after its start is failing at start-up: it is not restarted in a loop. */
const MIN_LIFETIME_MS = 10_000;
/** How long a process may take to finish its requests and close once asked to stop, before it is killed. */
const STOP_DEADLINE_MS = 20_000;
/** What the supervisor sends a process to stop it, and what a process sends once it listens. */
export const STOP_MESSAGE = { type: 'comptoir:stop' } as const;
export const LISTENING_TYPE = 'comptoir:listening';

export interface HttpSupervisor {
  /** The port every process listens on (node:cluster gives them one socket). */
  port: number;
  /** Asks the processes to stop (each closes its server and its runtime), kills those past the deadline, waits for all. */
  stop(): Promise<void>;
}

/**
 * Forks `count` HTTP processes of the same command (they see `cluster.isWorker` and serve), waits
 * until each listens, and replaces one that dies unexpectedly — unless it died at start-up, which
 * a restart would only repeat. The primary spreads connections among them (round robin on Linux).
 */
export async function superviseHttpProcesses(count: number, log: FastifyBaseLogger): Promise<HttpSupervisor> {
  let stopping = false;
  const startedAt = new Map<Worker, number>();

  const fork = () =>
    new Promise<number>((resolve, reject) => {
      const worker = cluster.fork();
      startedAt.set(worker, Date.now());
      const onMessage = (message: unknown) => {
        if (isListening(message)) {
          worker.off('exit', onEarlyExit);
          resolve(message.port);
        }
      };
      const onEarlyExit = (code: number | null, signal: string | null) => reject(new Error(`HTTP process ${worker.process.pid} exited at start-up (${signal ?? `code ${code}`})`));
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    if (lived < MIN_LIFETIME_MS) {
      log.error({ pid: worker.process.pid, code, signal }, 'HTTP process died soon after starting; not restarted');
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'HTTP process died; starting another');
    fork().then(
      () => log.warn({ replaced: worker.process.pid }, 'replacement HTTP process listening'),
      (error) => log.error({ err: error }, 'replacement HTTP process failed to start'),
    );
  });

  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const deadline = setTimeout(() => worker.process.kill('SIGKILL'), STOP_DEADLINE_MS);
            worker.once('exit', () => {
              clearTimeout(deadline);
              resolve();
            });
            // A process whose channel is already gone gets the signal instead.
            if (worker.isConnected()) worker.send(STOP_MESSAGE);
            else worker.process.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    // One after the other: the first listen creates the shared socket (and picks the port when PORT=0).
    const port = await fork();
    await Promise.all(Array.from({ length: count - 1 }, () => fork()));
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function isListening(message: unknown): message is { type: typeof LISTENING_TYPE; port: number } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === LISTENING_TYPE;
}
