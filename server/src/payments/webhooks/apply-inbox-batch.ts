import { sql } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { withBatchedAudit } from '../../identity/audit/append-audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import type { Services } from '../../platform/services.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { nextInboxAttemptAt } from '../rules/inbox-backoff.ts';
import { applyCheckoutEventsInBulk } from './apply-checkout-events.ts';
import { type ApplyOutcome, applyProviderEvent, EventNotReadyError } from './apply-provider-event.ts';

interface ClaimedEvent {
  id: string;
  provider: string;
  event_id: string;
  attempts: number;
  payload: ProviderEvent;
}

type Result = { event: ClaimedEvent; outcome: ApplyOutcome } | { event: ClaimedEvent; error: unknown };

/** Thrown inside a shared batch when one of its events fails: the batch is rolled back and applied event by event. */
class SharedBatchFailed extends Error {}

/**
 * Claims up to `limit` inbox events that are due (received, or failed and past their back-off) and applies them in
 * one transaction, which also records each outcome: processed / ignored, or failed with its next attempt. Exactly
 * once follows from that transaction: a crash rolls everything back and the rows are due again; a duplicate delivery
 * was never stored; a replay is applied again, and every effect is a guarded merge.
 *
 * Fast path first — the whole batch without savepoints, its checkout and payment-intent events set-based
 * (`apply-checkout-events.ts`: a burst of payments costs a dozen statements per batch instead of a dozen per event).
 * If any event fails, that transaction is rolled back and the batch is claimed again and applied event by event,
 * each in its savepoint, so the failure is recorded on its own row and the others land.
 */
export async function applyInboxBatch(services: Services, limit: number): Promise<number> {
  try {
    return await runBatch(services, limit, 'shared');
  } catch (error) {
    // Whatever broke the shared transaction (an event, a deadlock, the set-based path itself), event by event the
    // batch still lands and the culprit is written on its own row — a batch never blocks the inbox.
    if (!(error instanceof SharedBatchFailed) && !isTransient(error)) services.log.error({ err: error }, 'inbox batch failed as a whole; applying it event by event');
    return runBatch(services, limit, 'isolated');
  }
}

async function runBatch(services: Services, limit: number, mode: 'shared' | 'isolated'): Promise<number> {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const claimed = await claimDueEvents(tx, now, limit);
    if (claimed.length === 0) return 0;
    const cause = (event: ClaimedEvent) => ({ auth: { kind: 'anonymous', requestId: '' } satisfies AuthContext, actorLabel: `webhook ${event.provider} ${event.event_id}` });
    const results: Result[] = [];
    if (mode === 'shared') {
      // The batch commits or rolls back whole, so its audit rows can be chained once, at the end.
      await withBatchedAudit(tx, async () => {
        // Checkout and payment-intent events of one-off orders together (set-based), then the rest one by one.
        const together = await applyCheckoutEventsInBulk(
          tx,
          services,
          claimed.map((event) => ({ key: event.id, provider: event.provider, event: event.payload, cause: cause(event) })),
        );
        for (const event of claimed) {
          const outcome = together.get(event.id);
          if (outcome) {
            results.push({ event, outcome });
            continue;
          }
          try {
            results.push({ event, outcome: await applyProviderEvent(tx, services, event.provider, event.payload, cause(event)) });
          } catch (error) {
            throw new SharedBatchFailed(`event ${event.event_id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        }
      });
    } else {
      for (const event of claimed) {
        try {
          results.push({ event, outcome: await tx.transaction((savepoint) => applyProviderEvent(savepoint, services, event.provider, event.payload, cause(event))) });
        } catch (error) {
          services.log.warn({ err: error, inboxId: event.id, eventId: event.event_id }, 'webhook event failed; it will be retried');
          results.push({ event, error });
        }
      }
    }
    await recordOutcomes(tx, results, now);
    return claimed.length;
  });
}

/**
 * The oldest due events, skipping rows another worker holds, and among them only those whose subject (lock key: the
 * order, mostly) no other batch is applying — `pg_try_advisory_xact_lock` never waits, so two batches never lock one
 * order from two sides. Rows passed over stay due and come back in a later batch.
 */
async function claimDueEvents(tx: DbOrTx, now: Date, limit: number): Promise<ClaimedEvent[]> {
  return queryRows<ClaimedEvent>(
    tx,
    sql`with due as (
          select id from payments.webhook_event
           where status in ('received', 'failed') and (status = 'received' or next_attempt_at <= ${now})
           order by received_at
           limit ${limit}
           for update skip locked)
        select w.id, w.provider, w.event_id, w.attempts, w.payload
          from payments.webhook_event w join due on due.id = w.id
         where pg_try_advisory_xact_lock(hashtextextended('webhook-inbox:' || coalesce(w.lock_key, w.id::text), 0))
         order by w.received_at, w.id`,
  );
}

/** Every outcome of the batch in one statement. */
async function recordOutcomes(tx: DbOrTx, results: Result[], now: Date): Promise<void> {
  if (results.length === 0) return;
  const rows = results.map(({ event, ...result }) => {
    const attempts = event.attempts + 1;
    if ('outcome' in result) {
      const { outcome } = result;
      return sql`(${event.id}::uuid, ${outcome.status}, ${attempts}::int, ${outcome.summary.slice(0, 500)}, ${outcome.workspaceId}::uuid, ${outcome.orderId}::uuid, ${now}::timestamptz, null::text, null::timestamptz)`;
    }
    const message = errorMessage(result.error);
    const lastError = `${result.error instanceof EventNotReadyError ? 'waiting: ' : ''}${message}`.slice(0, 1000);
    return sql`(${event.id}::uuid, 'failed', ${attempts}::int, null::text, null::uuid, null::uuid, null::timestamptz, ${lastError}, ${nextInboxAttemptAt(now, attempts)}::timestamptz)`;
  });
  await tx.execute(sql`
    update payments.webhook_event w
       set status = v.status, attempts = v.attempts,
           outcome = coalesce(v.outcome, w.outcome), workspace_id = coalesce(v.workspace_id, w.workspace_id), order_id = coalesce(v.order_id, w.order_id),
           processed_at = coalesce(v.processed_at, w.processed_at), last_error = v.last_error, next_attempt_at = v.next_attempt_at
      from (values ${sql.join(rows, sql`, `)}) as v(id, status, attempts, outcome, workspace_id, order_id, processed_at, last_error, next_attempt_at)
     where w.id = v.id`);
}

/** What went wrong, in one line for the inbox screen: the database's own message rather than the SQL that met it. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return cause && error.message.startsWith('Failed query') ? cause : error.message;
}

/** A deadlock or serialization failure met by the shared batch: applying the events one by one will get through. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '40P01' || code === '40001';
}
