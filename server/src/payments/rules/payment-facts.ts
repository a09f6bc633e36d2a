/**
 * What a payment provider told us, as facts that only ever grow: a success time is kept once known, a refunded
 * total only rises, a cancellation is never undone. Merging facts is commutative, associative and idempotent, so
 * webhook events applied in any order, any number of times, end in the same state (issue #5 reliability).
 * Pure: no I/O; the inbox handler loads the state, applies the fact, and saves what changed.
 */

export interface PaymentState {
  id: string;
  kind: 'checkout' | 'renewal' | 'free';
  amount: number;
  checkoutSessionId: string | null;
  paymentIntentId: string | null;
  invoiceId: string | null;
  succeededAt: Date | null;
  failedAt: Date | null;
  failureMessage: string | null;
  expiredAt: Date | null;
  refundedAmount: number;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'expired';

/** A success outranks any failure (a declined card followed by a good one is a paid checkout). */
export function paymentStatus(p: Pick<PaymentState, 'succeededAt' | 'failedAt' | 'expiredAt' | 'refundedAmount'>): PaymentStatus {
  if (p.succeededAt || p.refundedAmount > 0) return 'succeeded';
  if (p.expiredAt) return 'expired';
  if (p.failedAt) return 'failed';
  return 'pending';
}

export type PaymentFact =
  | { kind: 'succeeded'; at: Date; amount: number; paymentIntentId?: string | null; invoiceId?: string | null }
  | { kind: 'failed'; at: Date; message: string; paymentIntentId?: string | null; invoiceId?: string | null }
  | { kind: 'expired'; at: Date }
  /** `amountRefunded` is the provider's cumulative total (Stripe's `charge.amount_refunded`). */
  | { kind: 'refunded'; at: Date; amountCaptured: number; amountRefunded: number; paymentIntentId?: string | null };

export function applyPaymentFact(state: PaymentState, fact: PaymentFact): PaymentState {
  const next = { ...state };
  if ('paymentIntentId' in fact && fact.paymentIntentId) next.paymentIntentId ??= fact.paymentIntentId;
  if ('invoiceId' in fact && fact.invoiceId) next.invoiceId ??= fact.invoiceId;
  switch (fact.kind) {
    case 'succeeded':
      next.succeededAt = earliest(next.succeededAt, fact.at);
      break;
    case 'failed':
      // The latest failure's message is the one worth showing; ties keep the smaller text so order does not matter.
      if (!next.failedAt || fact.at > next.failedAt || (fact.at.getTime() === next.failedAt.getTime() && fact.message < (next.failureMessage ?? '\uffff'))) {
        next.failedAt = fact.at;
        next.failureMessage = fact.message;
      }
      break;
    case 'expired':
      next.expiredAt = earliest(next.expiredAt, fact.at);
      break;
    case 'refunded':
      // A refunded charge was captured: the refund proves the success even when its own event is late.
      next.succeededAt = earliest(next.succeededAt, fact.at);
      next.refundedAmount = Math.min(next.amount, Math.max(next.refundedAmount, fact.amountRefunded));
      break;
  }
  return next;
}

function earliest(current: Date | null, candidate: Date): Date {
  return current && current <= candidate ? current : candidate;
}
