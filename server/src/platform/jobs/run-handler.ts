import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { jobEffects } from '../schema.ts';
import type { Services } from '../services.ts';
import type { EventHandler } from './handlers.ts';
import type { EventJobData } from './job-payload.ts';

export type EffectOutcome = 'applied' | 'already-applied';

/**
 * Applies one job's effect exactly once: the effect key is claimed in the same
 * transaction as the handler's writes. A redelivered job (worker crash after commit,
 * lost acknowledgement, manual replay) finds the key taken and does nothing.
 */
export async function applyEffect(
  db: Db,
  services: Services,
  handler: EventHandler,
  data: EventJobData,
  attempt: number,
): Promise<EffectOutcome> {
  let performed: unknown;
  if (handler.perform) {
    const [done] = await db.select({ key: jobEffects.key }).from(jobEffects).where(eq(jobEffects.key, data.effectKey));
    if (done) return 'already-applied';
    performed = await handler.perform({ event: data.event, services, attempt });
  }
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(jobEffects)
      .values({ key: data.effectKey, queue: handler.name, eventId: data.event.id })
      .onConflictDoNothing()
      .returning({ key: jobEffects.key });
    if (claimed.length === 0) return 'already-applied';
    // A handler's writes run under the request id of the change that caused them.
    await tx.execute(sql`select set_config('comptoir.request_id', ${data.event.requestId ?? ''}, true)`);
    await handler.handle({ tx, event: data.event, services, attempt, performed });
    return 'applied';
  });
}
