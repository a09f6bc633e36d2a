import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { outboxEvents } from '../schema.ts';

/** The channel the dispatcher listens on; NOTIFY inside a transaction fires only at commit. */
export const OUTBOX_CHANNEL = 'comptoir_outbox';

export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** `<module>.<noun>.<past-tense verb>`, e.g. `sales.order.paid`. */
  topic: string;
  payload: P;
  workspaceId?: string | null;
  actor?: string | null;
  requestId?: string | null;
}

/**
 * Records a domain event in the caller's transaction. The event becomes jobs only
 * if that transaction commits: a rolled-back change leaves nothing to dispatch.
 */
export async function recordEvent(tx: DbOrTx, event: DomainEvent): Promise<string> {
  const [row] = await tx
    .insert(outboxEvents)
    .values({
      topic: event.topic,
      payload: event.payload,
      workspaceId: event.workspaceId ?? null,
      actor: event.actor ?? null,
      requestId: event.requestId ?? null,
    })
    .returning({ id: outboxEvents.id });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return row!.id;
}
