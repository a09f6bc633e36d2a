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
  const [id] = await recordEvents(tx, [event]);
  return id!;
}

/** Several events in one round trip: the rows and one wake-up (the NOTIFY is delivered at commit, and only then). */
export async function recordEvents(tx: DbOrTx, events: readonly DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const ids = events.map(() => uuidv7());
  const rows = events.map(
    (event, index) =>
      sql`(${ids[index]}::uuid, ${event.topic}, ${JSON.stringify(event.payload)}::jsonb, ${event.workspaceId ?? null}::uuid, ${event.actor ?? null}, ${event.requestId ?? null})`,
  );
  await tx.execute(sql`
    with recorded as (
      insert into platform.outbox_event (id, topic, payload, workspace_id, actor, request_id)
      values ${sql.join(rows, sql`, `)}
      returning id)
    select pg_notify(${OUTBOX_CHANNEL}, '') from (select 1 from recorded limit 1) as one`);
  return ids;
}
