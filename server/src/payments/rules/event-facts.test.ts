import { describe, expect, it } from 'vitest';
import type { CheckoutSessionObject, PaymentIntentObject } from '../provider/provider-event.ts';
import { checkoutSessionFact, paymentIntentFact } from './event-facts.ts';

const at = new Date('2026-11-24T09:00:00Z');
const session = (over: Partial<CheckoutSessionObject> = {}): CheckoutSessionObject => ({
  id: 'cs_1', object: 'checkout.session', mode: 'payment', status: 'complete', payment_status: 'paid', amount_total: 9900, currency: 'eur', customer: 'cus_1', payment_intent: 'pi_1', subscription: null, metadata: null, ...over,
});
const intent = (over: Partial<PaymentIntentObject> = {}): PaymentIntentObject => ({
  id: 'pi_1', object: 'payment_intent', amount: 9900, amount_received: 9900, currency: 'eur', status: 'succeeded', latest_charge: 'ch_1', metadata: null, ...over,
});

describe('checkoutSessionFact', () => {
  it('reads a paid (or free) session as a success with its amount and intent', () => {
    expect(checkoutSessionFact('checkout.session.completed', session(), at, 1)).toEqual({ kind: 'succeeded', at, amount: 9900, paymentIntentId: 'pi_1' });
    expect(checkoutSessionFact('checkout.session.completed', session({ payment_status: 'no_payment_required', amount_total: null, payment_intent: null }), at, 0)).toEqual({ kind: 'succeeded', at, amount: 0, paymentIntentId: null });
    expect(checkoutSessionFact('checkout.session.async_payment_succeeded', session(), at, 1)?.kind).toBe('succeeded');
  });
  it('reads expiry and a late asynchronous failure, and says nothing of a payment still on its way', () => {
    expect(checkoutSessionFact('checkout.session.expired', session({ payment_status: 'unpaid' }), at, 1)).toEqual({ kind: 'expired', at });
    expect(checkoutSessionFact('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' }), at, 1)).toEqual({ kind: 'failed', at, message: 'Paiement différé refusé' });
    expect(checkoutSessionFact('checkout.session.completed', session({ payment_status: 'unpaid' }), at, 1)).toBeNull();
  });
});

describe('paymentIntentFact', () => {
  it('reads success with the amount received, failure with the provider reason or a default', () => {
    expect(paymentIntentFact('payment_intent.succeeded', intent({ amount_received: 5000 }), at)).toEqual({ kind: 'succeeded', at, amount: 5000, paymentIntentId: 'pi_1' });
    expect(paymentIntentFact('payment_intent.payment_failed', intent({ last_payment_error: { message: 'Carte refusée' } }), at)).toEqual({ kind: 'failed', at, message: 'Carte refusée', paymentIntentId: 'pi_1' });
    expect(paymentIntentFact('payment_intent.payment_failed', intent(), at)).toMatchObject({ message: 'Paiement refusé' });
  });
});
