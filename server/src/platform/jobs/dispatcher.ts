import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { type DrizzleTransactionLike, fromDrizzle, type JobInsert, type PgBoss } from 'pg-boss';
import type { Db } from '../db/database.ts';
import { outboxEvents } from '../schema.ts';
import type { HandlerRegistry, OutboxEventView } from './handlers.ts';
import { type EventJobData, effectKey } from './job-payload.ts';

export interface DispatchResult {
  events: number;
  jobs: number;
}

/**
 * Moves committed outbox events into pg-boss queues, one job per (event, handler).
 * The jobs are inserted and the events marked dispatched in one transaction, so an
 * event is either fully dispatched or left for the next run — never half, never twice.
 * `SKIP LOCKED` lets several dispatchers (one per worker process) share the outbox.
 */
export async function dispatchPendingEvents(
  db: Db,
  boss: PgBoss,
  registry: HandlerRegistry,
  batchSize = 200,
): Promise<DispatchResult> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select()
      .from(outboxEvents)
      .where(isNull(outboxEvents.dispatchedAt))
      .orderBy(asc(outboxEvents.occurredAt), asc(outboxEvents.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (events.length === 0) return { events: 0, jobs: 0 };

    const jobsByQueue = new Map<string, JobInsert<EventJobData>[]>();
    const jobCounts = new Map<string, number>();
    for (const row of events) {
      const event: OutboxEventView = {
        id: row.id,
        topic: row.topic,
        payload: row.payload,
        workspaceId: row.workspaceId,
        actor: row.actor,
        requestId: row.requestId,
        occurredAt: row.occurredAt.toISOString(),
      };
      const handlers = registry.forTopic(row.topic);
      jobCounts.set(row.id, handlers.length);
      for (const handler of handlers) {
        const key = effectKey(row.id, handler.name);
        const jobs = jobsByQueue.get(handler.name) ?? [];
        jobs.push({ data: { effectKey: key, event }, singletonKey: key });
        jobsByQueue.set(handler.name, jobs);
      }
    }
    // pg-boss writes its jobs through our transaction, so they commit with the dispatch mark.
    const bossTx = fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
    let jobs = 0;
    for (const [queue, queueJobs] of jobsByQueue) {
      await boss.insert(queue, queueJobs, { db: bossTx });
      jobs += queueJobs.length;
    }
    // One statement for the whole batch; job_count records the fan-out for the admin view.
    const ids = events.map((event) => event.id);
    await tx
      .update(outboxEvents)
      .set({
        dispatchedAt: sql`now()`,
        jobCount: sql`case ${sql.join(
          ids.map((id) => sql`when ${outboxEvents.id} = ${id} then ${jobCounts.get(id) ?? 0}::int`),
          sql` `,
        )} end`,
      })
      .where(inArray(outboxEvents.id, ids));
    return { events: events.length, jobs };
  });
}
