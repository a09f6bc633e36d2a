import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { applyPaymentFact, type PaymentFact, type PaymentState, paymentStatus } from '../rules/payment-facts.ts';
import { paymentAttempts } from '../schema.ts';

export type PaymentRow = typeof paymentAttempts.$inferSelect;

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
  return { before: row, after: after!, changed };
}
