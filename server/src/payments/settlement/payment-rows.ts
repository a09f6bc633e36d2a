import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { type DomainEvent, recordEvents } from '../../platform/jobs/outbox.ts';
import { applyPaymentFact, type PaymentFact, type PaymentState, paymentStatus } from '../rules/payment-facts.ts';
import type { paymentAttempts } from '../schema.ts';

export type PaymentRow = typeof paymentAttempts.$inferSelect;

export const PAYMENT_SUCCEEDED_TOPIC = 'payments.payment.succeeded';
export const PAYMENT_REFUNDED_TOPIC = 'payments.payment.refunded';

export function toPaymentState(row: PaymentRow): PaymentState {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    checkoutSessionId: row.checkoutSessionId,
    paymentIntentId: row.paymentIntentId,
    invoiceId: row.invoiceId,
    succeededAt: row.succeededAt,
    failedAt: row.failedAt,
    failureMessage: row.failureMessage,
    expiredAt: row.expiredAt,
    refundedAmount: row.refundedAmount,
  };
}

export interface PaymentChange {
  before: PaymentRow;
  after: PaymentRow;
  changed: boolean;
}

/** Applies one provider fact to a payment row (already locked by the caller) and saves the merged state. */
export async function applyFactToPayment(tx: DbOrTx, row: PaymentRow, fact: PaymentFact): Promise<PaymentChange> {
  const { changes } = await applyFactsToPayments(tx, [{ row, fact }]);
  return changes[0]!;
}

/**
 * Applies facts in order to payment rows locked by the caller — several may name one payment, each then applies to
 * the result of the previous — saves every payment that changed in one statement, and announces each transition once
 * (what other modules build on: invoices, credit notes, accounting). `changes[i]` says what the i-th fact did.
 */
export async function applyFactsToPayments(tx: DbOrTx, inputs: readonly { row: PaymentRow; fact: PaymentFact }[]): Promise<{ changes: PaymentChange[]; latest: Map<string, PaymentRow> }> {
  const original = new Map<string, PaymentRow>();
  const latest = new Map<string, PaymentRow>();
  const now = new Date();
  const changes = inputs.map(({ row, fact }) => {
    if (!original.has(row.id)) original.set(row.id, row);
    const before = latest.get(row.id) ?? row;
    const next = applyPaymentFact(toPaymentState(before), fact);
    const status = paymentStatus(next);
    const changed = JSON.stringify(next) !== JSON.stringify(toPaymentState(before)) || status !== before.status;
    if (!changed) return { before, after: before, changed };
    const after: PaymentRow = { ...before, ...next, status, updatedAt: now };
    latest.set(row.id, after);
    return { before, after, changed };
  });
  const saved = [...latest.values()];
  if (saved.length === 0) return { changes, latest: new Map([...original].map(([id, row]) => [id, row])) };
  await tx.execute(sql`
    update payments.payment p
       set status = v.status, payment_intent_id = v.payment_intent_id, invoice_id = v.invoice_id, succeeded_at = v.succeeded_at,
           failed_at = v.failed_at, failure_message = v.failure_message, expired_at = v.expired_at, refunded_amount = v.refunded_amount,
           updated_at = v.updated_at
      from (values ${sql.join(
        saved.map(
          (r) =>
            sql`(${r.id}::uuid, ${r.status}, ${r.paymentIntentId}::text, ${r.invoiceId}::text, ${r.succeededAt}::timestamptz, ${r.failedAt}::timestamptz, ${r.failureMessage}::text, ${r.expiredAt}::timestamptz, ${r.refundedAmount}::bigint, ${now}::timestamptz)`,
        ),
        sql`, `,
      )}) as v(id, status, payment_intent_id, invoice_id, succeeded_at, failed_at, failure_message, expired_at, refunded_amount, updated_at)
     where p.id = v.id`);
  const events: DomainEvent[] = [];
  for (const after of saved) {
    const row = original.get(after.id)!;
    if (after.status === 'succeeded' && row.status !== 'succeeded' && after.amount > 0) {
      events.push({ topic: PAYMENT_SUCCEEDED_TOPIC, payload: { paymentId: row.id, orderId: row.orderId }, workspaceId: row.workspaceId });
    }
    if (after.refundedAmount > row.refundedAmount) {
      events.push({ topic: PAYMENT_REFUNDED_TOPIC, payload: { paymentId: row.id, orderId: row.orderId, refundedBefore: row.refundedAmount, refundedAfter: after.refundedAmount }, workspaceId: row.workspaceId });
    }
  }
  await recordEvents(tx, events);
  for (const [id, row] of original) if (!latest.has(id)) latest.set(id, row);
  return { changes, latest };
}
