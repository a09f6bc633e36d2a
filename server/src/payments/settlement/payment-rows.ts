import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import { applyPaymentFact, type PaymentFact, type PaymentState, paymentStatus } from '../rules/payment-facts.ts';
import { paymentAttempts } from '../schema.ts';

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
  const next = applyPaymentFact(toPaymentState(row), fact);
  const status = paymentStatus(next);
  const changed = JSON.stringify(next) !== JSON.stringify(toPaymentState(row)) || status !== row.status;
  if (!changed) return { before: row, after: row, changed };
  const [after] = await tx
    .update(paymentAttempts)
    .set({
      status,
      paymentIntentId: next.paymentIntentId,
      invoiceId: next.invoiceId,
      succeededAt: next.succeededAt,
      failedAt: next.failedAt,
      failureMessage: next.failureMessage,
      expiredAt: next.expiredAt,
      refundedAmount: next.refundedAmount,
      updatedAt: new Date(),
    })
    .where(eq(paymentAttempts.id, row.id))
    .returning();
  // What other modules build on (invoices, credit notes, accounting): announced once, on the transition itself.
  if (after!.status === 'succeeded' && row.status !== 'succeeded' && after!.amount > 0) {
    await recordEvent(tx, { topic: PAYMENT_SUCCEEDED_TOPIC, payload: { paymentId: row.id, orderId: row.orderId }, workspaceId: row.workspaceId });
  }
  if (after!.refundedAmount > row.refundedAmount) {
    await recordEvent(tx, {
      topic: PAYMENT_REFUNDED_TOPIC,
      payload: { paymentId: row.id, orderId: row.orderId, refundedBefore: row.refundedAmount, refundedAfter: after!.refundedAmount },
      workspaceId: row.workspaceId,
    });
  }
  return { before: row, after: after!, changed };
}
