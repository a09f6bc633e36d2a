import type { SubscriptionStatus } from '../../sales/schema.ts';
import { type PaymentState, paymentStatus } from './payment-facts.ts';

export interface SubscriptionFacts {
  cancelledAt: Date | null;
  /** Dunning ran out and the workspace chose to suspend (not cancel). */
  suspendedAt: Date | null;
}

/**
 * A subscription's status from its payments (checkout + renewals) and its facts. The latest billing decides between
 * active and past due; a cancellation is final; a suspension holds until a later payment succeeds.
 */
export function deriveSubscriptionStatus(facts: SubscriptionFacts, payments: readonly PaymentState[]): { status: SubscriptionStatus; paidPeriods: number } {
  const billed = payments.filter((p) => p.kind !== 'free');
  const paidPeriods = billed.filter((p) => paymentStatus(p) === 'succeeded').length;
  if (facts.cancelledAt) return { status: 'cancelled', paidPeriods };
  const latest = latestBilling(billed);
  const latestStatus = latest ? paymentStatus(latest) : 'pending';
  if (facts.suspendedAt && !(latestStatus === 'succeeded' && latest!.succeededAt! > facts.suspendedAt)) return { status: 'suspended', paidPeriods };
  if (paidPeriods === 0) return { status: 'incomplete', paidPeriods };
  if (latestStatus === 'failed') return { status: 'past_due', paidPeriods };
  return { status: 'active', paidPeriods };
}

/** The checkout comes first; renewals follow in the order the provider billed them (their first fact's time). */
function latestBilling(payments: readonly PaymentState[]): PaymentState | undefined {
  const time = (p: PaymentState) => (p.kind === 'checkout' ? 0 : Math.min(...[p.succeededAt, p.failedAt].filter((d): d is Date => d !== null).map((d) => d.getTime()), Number.MAX_SAFE_INTEGER));
  return [...payments].sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id)).at(-1);
}
