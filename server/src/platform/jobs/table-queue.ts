import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Services } from '../services.ts';

/**
 * A queue kept in a module's own table instead of pg-boss — the webhook inbox is one: the stored row *is* the work
 * item, claimed with `FOR UPDATE SKIP LOCKED` and applied in the claiming transaction, so a crash releases it and
 * nothing needs recovering. Worker processes run `concurrency` loops of `drainOnce`; a loop sleeps when a batch comes
 * back empty, until a NOTIFY on `channel` (see `signalTableQueue`) or `JOBS_POLL_SECONDS` (items due later, e.g.
 * retries after a back-off, are found by that poll).
 */
export interface TableQueue {
  name: string;
  channel: string;
  /**
   * Background work (consequences, catch-up) yields to foreground queues: its loops wait while a foreground queue of
   * the process keeps finding work, like handler jobs do. Foreground (the default) is what someone waits for.
   */
  background?: boolean;
  /** Loops per worker process. */
  concurrency(services: Services): number;
  /** Claims and applies one batch; answers how many items it took (0: nothing due now). */
  drainOnce(services: Services): Promise<number>;
}

interface Pending {
  running: boolean;
  again: boolean;
}

const pendingByDb = new WeakMap<Db, Map<string, Pending>>();

/**
 * Wakes the workers of a table queue, in every process, once the caller's write has committed. Calls coalesce: under
 * a burst at most one NOTIFY is in flight per channel and process, and one more follows it if anything was written
 * meanwhile — a worker that wakes drains everything due anyway.
 */
export function signalTableQueue(db: Db, channel: string): void {
  let byChannel = pendingByDb.get(db);
  if (!byChannel) {
    byChannel = new Map();
    pendingByDb.set(db, byChannel);
  }
  let pending = byChannel.get(channel);
  if (!pending) {
    pending = { running: false, again: false };
    byChannel.set(channel, pending);
  }
  if (pending.running) {
    pending.again = true;
    return;
  }
  pending.running = true;
  const state = pending;
  void (async () => {
    do {
      state.again = false;
      // A lost wake-up only delays the work until the workers' next poll.
      await db.execute(sql`select pg_notify(${channel}, '')`).catch(() => {});
    } while (state.again);
    state.running = false;
  })();
}

/** The loops of one table queue in one worker process. */
export class TableQueueRunner {
  #stopping = false;
  #generation = 0;
  #sleepers = new Set<() => void>();
  #loops: Promise<void>[] = [];

  constructor(
    readonly queue: TableQueue,
    readonly services: Services,
    readonly pollMs: number,
    readonly hooks: {
      /** Told when the queue starts finding work and when it runs dry (the job system gives it precedence meanwhile). */
      onBusy?: (busy: boolean) => void;
      /** Awaited before each batch (a background queue waits for the foreground here). */
      beforeBatch?: () => Promise<void>;
    } = {},
  ) {}

  start(): void {
    const loops = Math.max(1, this.queue.concurrency(this.services));
    for (let i = 0; i < loops; i++) this.#loops.push(this.#loop());
  }

  /** A NOTIFY arrived: sleeping loops run now, busy ones run once more before sleeping. */
  wake(): void {
    this.#generation++;
    for (const sleeper of [...this.#sleepers]) sleeper();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const sleeper of [...this.#sleepers]) sleeper();
    await Promise.all(this.#loops);
  }

  /** Loops of this queue whose last batch found work; the hook hears when the first starts and the last stops. */
  #busyLoops = 0;

  #setBusy(loop: { busy: boolean }, busy: boolean): void {
    if (loop.busy === busy) return;
    loop.busy = busy;
    this.#busyLoops += busy ? 1 : -1;
    if (busy ? this.#busyLoops === 1 : this.#busyLoops === 0) this.hooks.onBusy?.(busy);
  }

  async #loop(): Promise<void> {
    const state = { busy: false };
    while (!this.#stopping) {
      const generation = this.#generation;
      let taken = 0;
      try {
        await this.hooks.beforeBatch?.();
        if (this.#stopping) break;
        taken = await this.queue.drainOnce(this.services);
      } catch (error) {
        this.services.log.error({ err: error, queue: this.queue.name }, 'table queue batch failed');
        this.#setBusy(state, false);
        await this.#sleep(this.pollMs);
        continue;
      }
      this.#setBusy(state, taken > 0);
      if (taken === 0 && generation === this.#generation) await this.#sleep(this.pollMs);
    }
    this.#setBusy(state, false);
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleepers.add(done);
    });
  }
}
