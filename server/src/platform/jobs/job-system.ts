import type { PgBoss } from 'pg-boss';
import type { Config } from '../config/config.ts';
import type { Services } from '../services.ts';
import { createBoss } from './boss.ts';
import { type DispatchResult, dispatchPendingEvents } from './dispatcher.ts';
import { deadLetterQueue, type HandlerRegistry } from './handlers.ts';
import type { EventJobData } from './job-payload.ts';
import { OUTBOX_CHANNEL } from './outbox.ts';
import { applyEffect } from './run-handler.ts';
import { type TableQueue, TableQueueRunner } from './table-queue.ts';

export interface JobSystemOptions {
  /** Run handlers and the dispatcher in this process (false for API-only processes). */
  work: boolean;
  schedules?: ScheduledTask[];
  /** Queues kept in modules' own tables (the webhook inbox), drained by loops in worker processes. */
  tableQueues?: TableQueue[];
}

/**
 * A running job's worker refreshes its claim this often ÷ 2; a claim not refreshed for this long (its process was
 * killed) is failed by pg-boss's supervisor and retried, instead of staying active until pg-boss's 15-minute expiry.
 */
export const JOB_HEARTBEAT_SECONDS = 30;

/** Recurring work: pg-boss fires one job per tick, which exactly one worker runs. */
export interface ScheduledTask {
  /** Unique; becomes the queue name. */
  name: string;
  /** Cron expression, evaluated in UTC. */
  cron: string;
  run(services: Services, firedAt: Date): Promise<unknown>;
}

/**
 * The jobs side of the platform: pg-boss, the queues of every registered handler
 * (each with its dead-letter queue), the outbox dispatcher and the workers.
 */
export class JobSystem {
  readonly boss: PgBoss;
  #dispatchTimer: NodeJS.Timeout | undefined;
  #dispatching: Promise<unknown> = Promise.resolve();
  #dispatchAgain = false;
  #unlisten: (() => Promise<void>) | undefined;
  #tableQueues = new Map<string, TableQueueRunner>();
  /** Table-queue loops that found work in their last batch, and handler jobs waiting for them to run dry. */
  #busyLoops = 0;
  #waitingForForeground: (() => void)[] = [];
  #started = false;
  #stopping = false;

  constructor(
    readonly services: Services,
    readonly registry: HandlerRegistry,
    readonly options: JobSystemOptions,
  ) {
    this.boss = createBoss(services.database, { supervise: options.work, poolMax: 4 });
    this.boss.on('error', (error) => services.log.error({ err: error }, 'pg-boss error'));
  }

  get config(): Config {
    return this.services.config;
  }

  get ready(): boolean {
    return this.#started && !this.#stopping;
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.ensureQueues();
    this.#started = true;
    if (!this.options.work) return;
    for (const handler of this.registry.all()) {
      await this.boss.work<EventJobData>(
        handler.name,
        {
          batchSize: this.config.JOBS_BATCH_SIZE,
          pollingIntervalSeconds: this.config.JOBS_POLL_SECONDS,
          // A full batch means more is waiting: fetch again at once instead of sleeping a polling interval, which
          // would cap each queue at JOBS_BATCH_SIZE jobs per JOBS_POLL_SECONDS (10 jobs/s by default).
          burstWhenBatchFull: true,
          perJobResults: true,
          includeMetadata: true,
        },
        async (jobs) =>
          Promise.all(
            jobs.map(async (job) => {
              await this.#foregroundFirst();
              try {
                const outcome = await applyEffect(this.services.db, this.services, handler, job.data, job.retryCount);
                return { id: job.id, status: 'completed' as const, output: { outcome } };
              } catch (error) {
                this.services.log.warn({ err: error, queue: handler.name, jobId: job.id }, 'job failed');
                return { id: job.id, status: 'failed' as const, output: errorOutput(error) };
              }
            }),
          ),
      );
    }
    for (const task of this.options.schedules ?? []) {
      await this.boss.schedule(task.name, task.cron, {}, { tz: 'UTC' });
      await this.boss.work(task.name, { pollingIntervalSeconds: this.config.JOBS_POLL_SECONDS }, async () => {
        await task.run(this.services, new Date());
      });
    }
    for (const queue of this.options.tableQueues ?? []) {
      let busy = false;
      const onBusy = (now: boolean) => {
        if (now === busy) return;
        busy = now;
        this.#busyLoops += now ? 1 : -1;
        if (this.#busyLoops === 0) this.#releaseBackground();
      };
      const hooks = queue.background ? { beforeBatch: () => this.#foregroundFirst() } : { onBusy };
      const runner = new TableQueueRunner(queue, this.services, this.config.JOBS_POLL_SECONDS * 1000, hooks);
      this.#tableQueues.set(queue.channel, runner);
      runner.start();
    }
    await this.#listenForEvents();
    this.#dispatchTimer = setInterval(() => this.requestDispatch(), this.config.JOBS_POLL_SECONDS * 1000);
    this.requestDispatch();
  }

  /**
   * Table queues (the webhook inbox) are the foreground: what they apply, someone is waiting for (the customer on the
   * payment page). Handler jobs — invoices and their PDFs, commissions, ledger entries, mails, all consequences of what
   * the foreground applied — wait in this process while a table queue keeps finding work, and run as soon as it runs
   * dry. Under a burst the events are applied first and their consequences follow, instead of both sharing the CPU
   * until the very end. A handler job waiting here stays active in pg-boss (its heartbeat keeps it).
   */
  async #foregroundFirst(): Promise<void> {
    while (this.#busyLoops > 0 && !this.#stopping) await new Promise<void>((resolve) => this.#waitingForForeground.push(resolve));
  }

  #releaseBackground(): void {
    const waiting = this.#waitingForForeground;
    this.#waitingForForeground = [];
    for (const resolve of waiting) resolve();
  }

  /** Creates every handler's queue and dead-letter queue; idempotent. */
  async ensureQueues(): Promise<void> {
    const queues = await this.boss.getQueues();
    const existing = new Set(queues.map((queue) => queue.name));
    for (const task of this.options.schedules ?? []) {
      if (!existing.has(task.name)) await this.boss.createQueue(task.name, { retryLimit: 2, retryBackoff: true });
    }
    for (const handler of this.registry.all()) {
      const dead = deadLetterQueue(handler.name);
      if (!existing.has(dead)) await this.boss.createQueue(dead, { retentionSeconds: 60 * 60 * 24 * 365 });
      if (!existing.has(handler.name)) {
        await this.boss.createQueue(handler.name, {
          retryLimit: handler.retryLimit ?? this.config.JOBS_RETRY_LIMIT,
          retryDelay: this.config.JOBS_RETRY_DELAY_SECONDS,
          retryBackoff: true,
          retryDelayMax: 60 * 60,
          deadLetter: dead,
          heartbeatSeconds: JOB_HEARTBEAT_SECONDS,
        });
      } else if (queues.find((queue) => queue.name === handler.name)?.heartbeatSeconds !== JOB_HEARTBEAT_SECONDS) {
        // Queues created before the heartbeat existed get it too.
        await this.boss.updateQueue(handler.name, { heartbeatSeconds: JOB_HEARTBEAT_SECONDS });
      }
    }
  }

  /** Coalesces wake-ups: at most one dispatch runs, and one more is queued behind it. */
  requestDispatch(): void {
    if (!this.ready) return;
    if (this.#dispatchAgain) return;
    this.#dispatchAgain = true;
    this.#dispatching = this.#dispatching.then(async () => {
      this.#dispatchAgain = false;
      await this.dispatchAll().catch((error) => this.services.log.error({ err: error }, 'outbox dispatch failed'));
    });
  }

  /** Dispatches until the outbox has nothing pending (or only rows other dispatchers hold). */
  async dispatchAll(): Promise<DispatchResult> {
    const total: DispatchResult = { events: 0, jobs: 0 };
    for (;;) {
      const batch = await dispatchPendingEvents(this.services.db, this.boss, this.registry);
      total.events += batch.events;
      total.jobs += batch.jobs;
      if (batch.events === 0 || this.#stopping) return total;
    }
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#releaseBackground();
    if (this.#dispatchTimer) clearInterval(this.#dispatchTimer);
    await this.#unlisten?.().catch(() => {});
    await Promise.all([...this.#tableQueues.values()].map((runner) => runner.stop()));
    await this.#dispatching;
    if (this.#started) await this.boss.stop({ graceful: true, close: true, timeout: 10_000 });
  }

  async #listenForEvents(): Promise<void> {
    const { database } = this.services;
    const channels = [OUTBOX_CHANNEL, ...this.#tableQueues.keys()];
    const onNotification = (channel: string) => (channel === OUTBOX_CHANNEL ? this.requestDispatch() : this.#tableQueues.get(channel)?.wake());
    if (database.pglite) {
      const pglite = database.pglite;
      const unlisteners = await Promise.all(channels.map((channel) => pglite.listen(channel, () => onNotification(channel))));
      this.#unlisten = async () => {
        for (const unlisten of unlisteners) await unlisten();
      };
      return;
    }
    const client = await database.pool!.connect();
    client.on('notification', (message) => onNotification(message.channel));
    client.on('error', () => {});
    for (const channel of channels) await client.query(`LISTEN ${channel}`);
    this.#unlisten = async () => {
      await client.query('UNLISTEN *').catch(() => {});
      client.release();
    };
  }
}

function errorOutput(error: unknown): { message: string; name?: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { message: String(error) };
}
