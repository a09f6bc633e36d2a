import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../db/database.ts';

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
  const id = uuidv7();
  // One round trip: the row and its wake-up (the NOTIFY is delivered at commit, and only then).
  await tx.execute(sql`
    with recorded as (
      insert into platform.outbox_event (id, topic, payload, workspace_id, actor, request_id)
      values (${id}, ${event.topic}, ${JSON.stringify(event.payload)}::jsonb, ${event.workspaceId ?? null}, ${event.actor ?? null}, ${event.requestId ?? null})
      returning id)
    select pg_notify(${OUTBOX_CHANNEL}, '') from recorded`);
  return id;
}
