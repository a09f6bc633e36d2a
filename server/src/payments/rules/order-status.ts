import type { OrderStatus } from '../../sales/schema.ts';
import { type PaymentState, paymentStatus } from './payment-facts.ts';

export interface OrderFacts {
  totalInclTax: number;
  /** A checkout was started (or the order was confirmed): it waits for money. */
  submitted: boolean;
  cancelledAt: Date | null;
  fulfilledAt: Date | null;
}

export interface OrderMoney {
  status: OrderStatus;
  paidAmount: number;
  refundedAmount: number;
  paidAt: Date | null;
}

/** The order's money and status, derived from its payments: the one place that decides what an order's status is. */
export function deriveOrder(facts: OrderFacts, payments: readonly PaymentState[]): OrderMoney {
  const succeeded = payments.filter((p) => paymentStatus(p) === 'succeeded');
  const paidAmount = succeeded.reduce((sum, p) => sum + p.amount, 0);
  const refundedAmount = succeeded.reduce((sum, p) => sum + p.refundedAmount, 0);
  const paidTimes = succeeded.map((p) => p.succeededAt).filter((at): at is Date => at !== null);
  // A free order (seed 004's free mandate) is settled by a `free` payment of 0: it counts as paid like any other.
  const paidAt = paidTimes.length ? new Date(Math.min(...paidTimes.map((t) => t.getTime()))) : null;
  return { status: orderStatus(facts, paidAmount, refundedAmount, paidAt), paidAmount, refundedAmount, paidAt };
}

function orderStatus(facts: OrderFacts, paidAmount: number, refundedAmount: number, paidAt: Date | null): OrderStatus {
  if (paidAt) {
    if (refundedAmount > 0 && refundedAmount >= paidAmount) return 'refunded';
    if (refundedAmount > 0) return 'partially_refunded';
    return facts.fulfilledAt ? 'fulfilled' : 'paid';
  }
  if (facts.cancelledAt) return 'cancelled';
  return facts.submitted ? 'awaiting_payment' : 'draft';
}

/** What an order may still have refunded: money kept so far. */
export function refundableAmount(money: Pick<OrderMoney, 'paidAmount' | 'refundedAmount'>, pendingRefunds: number): number {
  return Math.max(0, money.paidAmount - money.refundedAmount - pendingRefunds);
}
