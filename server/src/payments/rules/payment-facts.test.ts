import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveOrder, type OrderFacts } from './order-status.ts';
import { applyPaymentFact, type PaymentFact, type PaymentState, paymentStatus } from './payment-facts.ts';
import { deriveSubscriptionStatus } from './subscription-status.ts';

const base: PaymentState = {
  id: 'p1',
  kind: 'checkout',
  amount: 18_500,
  checkoutSessionId: 'cs_1',
  paymentIntentId: null,
  invoiceId: null,
  succeededAt: null,
  failedAt: null,
  failureMessage: null,
  expiredAt: null,
  refundedAmount: 0,
};
const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

const factArb: fc.Arbitrary<PaymentFact> = fc.oneof(
  fc.record({ kind: fc.constant('succeeded' as const), at: fc.integer({ min: 0, max: 100 }).map(at), amount: fc.constant(18_500), paymentIntentId: fc.constant('pi_1') }),
  fc.record({ kind: fc.constant('failed' as const), at: fc.integer({ min: 0, max: 100 }).map(at), message: fc.constantFrom('Carte refusée', 'Fonds insuffisants'), paymentIntentId: fc.constant('pi_1') }),
  fc.record({ kind: fc.constant('expired' as const), at: fc.integer({ min: 0, max: 100 }).map(at) }),
  fc.record({ kind: fc.constant('refunded' as const), at: fc.integer({ min: 0, max: 100 }).map(at), amountCaptured: fc.constant(18_500), amountRefunded: fc.integer({ min: 0, max: 18_500 }), paymentIntentId: fc.constant('pi_1') }),
);

const fold = (facts: readonly PaymentFact[]) => facts.reduce(applyPaymentFact, base);

describe('payment facts', () => {
  it('end in the same state whatever the order of the events (property)', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 8 }).chain((facts) => fc.tuple(fc.constant(facts), fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }))), ([facts, shuffled]) => {
        expect(fold(shuffled)).toEqual(fold(facts));
      }),
    );
  });

  it('are idempotent: applying an event twice changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 6 }), (facts) => {
        expect(fold([...facts, ...facts])).toEqual(fold(facts));
      }),
    );
  });

  it('never refund more than was paid, and a refund proves the payment', () => {
    const state = fold([{ kind: 'refunded', at: at(5), amountCaptured: 18_500, amountRefunded: 99_999 }]);
    expect(state.refundedAmount).toBe(18_500);
    expect(paymentStatus(state)).toBe('succeeded');
  });

  it('a success outranks a decline that came before or after it', () => {
    const declinedThenPaid = fold([
      { kind: 'failed', at: at(1), message: 'Carte refusée' },
      { kind: 'succeeded', at: at(2), amount: 18_500 },
    ]);
    expect(paymentStatus(declinedThenPaid)).toBe('succeeded');
    expect(paymentStatus(fold([{ kind: 'failed', at: at(1), message: 'x' }]))).toBe('failed');
    expect(paymentStatus(fold([{ kind: 'expired', at: at(1) }]))).toBe('expired');
    expect(paymentStatus(base)).toBe('pending');
  });
});

describe('order status', () => {
  const facts: OrderFacts = { totalInclTax: 18_500, submitted: true, cancelledAt: null, fulfilledAt: null };
  const paid = fold([{ kind: 'succeeded', at: at(1), amount: 18_500 }]);

  it.each([
    ['draft', { ...facts, submitted: false }, []],
    ['awaiting_payment', facts, [base]],
    ['cancelled', { ...facts, cancelledAt: at(3) }, [base]],
    ['paid', facts, [paid]],
    ['paid', { ...facts, cancelledAt: at(3) }, [paid]],
    ['fulfilled', { ...facts, fulfilledAt: at(4) }, [paid]],
    ['partially_refunded', facts, [{ ...paid, refundedAmount: 500 }]],
    ['refunded', facts, [{ ...paid, refundedAmount: 18_500 }]],
    ['paid', { ...facts, totalInclTax: 0 }, [{ ...base, kind: 'free' as const, amount: 0, succeededAt: at(1) }]],
  ] as const)('is %s', (status, orderFacts, payments) => {
    expect(deriveOrder(orderFacts, payments).status).toBe(status);
  });

  it('sums paid and refunded money over every payment (renewals included)', () => {
    const renewal = { ...paid, id: 'p2', kind: 'renewal' as const, refundedAmount: 1_000 };
    expect(deriveOrder(facts, [paid, renewal, base])).toMatchObject({ paidAmount: 37_000, refundedAmount: 1_000, status: 'partially_refunded' });
  });
});

describe('subscription status', () => {
  const paid = fold([{ kind: 'succeeded', at: at(1), amount: 18_500 }]);
  const renewalFailed: PaymentState = { ...base, id: 'r1', kind: 'renewal', failedAt: at(100), failureMessage: 'Carte refusée' };
  const renewalPaid: PaymentState = { ...renewalFailed, succeededAt: at(200) };

  it('follows the latest billing, with cancellation final and suspension until a later payment', () => {
    const none = { cancelledAt: null, suspendedAt: null };
    expect(deriveSubscriptionStatus(none, [base]).status).toBe('incomplete');
    expect(deriveSubscriptionStatus(none, [paid])).toEqual({ status: 'active', paidPeriods: 1 });
    expect(deriveSubscriptionStatus(none, [paid, renewalFailed]).status).toBe('past_due');
    expect(deriveSubscriptionStatus(none, [paid, renewalPaid])).toEqual({ status: 'active', paidPeriods: 2 });
    expect(deriveSubscriptionStatus({ ...none, suspendedAt: at(150) }, [paid, renewalFailed]).status).toBe('suspended');
    expect(deriveSubscriptionStatus({ ...none, suspendedAt: at(150) }, [paid, renewalPaid]).status).toBe('active');
    expect(deriveSubscriptionStatus({ ...none, cancelledAt: at(300) }, [paid, renewalPaid]).status).toBe('cancelled');
  });
});
