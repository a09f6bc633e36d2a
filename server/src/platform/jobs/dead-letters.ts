import type { PgBoss } from 'pg-boss';
import { DEAD_LETTER_SUFFIX, deadLetterQueue, type HandlerRegistry } from './handlers.ts';
import type { EventJobData } from './job-payload.ts';

export interface DeadJob {
  id: string;
  /** The handler queue the job failed in. */
  queue: string;
  deadQueue: string;
  createdAt: string;
  data: EventJobData;
  /** The last failure pg-boss recorded, when it carried one over. */
  output: unknown;
}

/** Jobs whose retries ran out, across every handler's dead-letter queue, oldest first. */
export async function listDeadJobs(boss: PgBoss, registry: HandlerRegistry, limit = 200): Promise<DeadJob[]> {
  const result: DeadJob[] = [];
  for (const handler of registry.all()) {
    const deadQueue = deadLetterQueue(handler.name);
    const jobs = await boss.findJobs<EventJobData>(deadQueue, { queued: true, limit });
    for (const job of jobs) {
      result.push({
        id: job.id,
        queue: handler.name,
        deadQueue,
        createdAt: job.createdOn.toISOString(),
        data: job.data,
        output: job.output ?? null,
      });
    }
  }
  return result.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, limit);
}

export class DeadJobNotFoundError extends Error {
  constructor(queue: string, id: string) {
    super(`No dead job ${id} in ${queue}`);
    this.name = 'DeadJobNotFoundError';
  }
}

/**
 * Sends a dead job back to its handler queue with fresh retries. The effect key
 * travels with it, so replaying a job whose effect did land is harmless.
 */
export async function replayDeadJob(boss: PgBoss, queue: string, id: string): Promise<void> {
  const deadQueue = queue.endsWith(DEAD_LETTER_SUFFIX) ? queue : deadLetterQueue(queue);
  const moved = await boss.redrive(deadQueue, { ids: [id], destination: deadQueue.slice(0, -DEAD_LETTER_SUFFIX.length) });
  if (moved === 0) throw new DeadJobNotFoundError(queue, id);
}

/** Replays every dead job of one queue (or of all queues); returns how many moved. */
export async function replayAllDeadJobs(boss: PgBoss, registry: HandlerRegistry, queue?: string): Promise<number> {
  let moved = 0;
  for (const handler of registry.all()) {
    if (queue && handler.name !== queue) continue;
    moved += await boss.redrive(deadLetterQueue(handler.name), { destination: handler.name });
  }
  return moved;
}

export interface QueueStats {
  name: string;
  queued: number;
  active: number;
  deferred: number;
  dead: number;
  total: number;
}

export async function queueStats(boss: PgBoss, registry: HandlerRegistry): Promise<QueueStats[]> {
  const queues = await boss.getQueues();
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  return registry.all().map((handler) => {
    const queue = byName.get(handler.name);
    const dead = byName.get(deadLetterQueue(handler.name));
    return {
      name: handler.name,
      queued: queue?.queuedCount ?? 0,
      active: queue?.activeCount ?? 0,
      deferred: queue?.deferredCount ?? 0,
      dead: dead?.queuedCount ?? 0,
      total: queue?.totalCount ?? 0,
    };
  });
}
