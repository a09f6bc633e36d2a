import type { CheckoutSessionObject, PaymentIntentObject } from '../provider/provider-event.ts';
import type { PaymentFact } from './payment-facts.ts';

/**
 * What a checkout-session event says about its payment: expired, failed later (asynchronous method), paid — or
 * nothing yet (an asynchronous payment still on its way). Pure; one rule for the inbox's two paths.
 */
export function checkoutSessionFact(type: string, session: CheckoutSessionObject, at: Date, paymentAmount: number): PaymentFact | null {
  if (type === 'checkout.session.expired') return { kind: 'expired', at };
  if (type === 'checkout.session.async_payment_failed') return { kind: 'failed', at, message: 'Paiement différé refusé' };
  if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') {
    return { kind: 'succeeded', at, amount: session.amount_total ?? paymentAmount, paymentIntentId: session.payment_intent };
  }
  return null;
}

/** What a payment-intent event says about its payment: succeeded, or failed with the provider's reason. */
export function paymentIntentFact(type: string, intent: PaymentIntentObject, at: Date): PaymentFact {
  return type === 'payment_intent.succeeded'
    ? { kind: 'succeeded', at, amount: intent.amount_received, paymentIntentId: intent.id }
    : { kind: 'failed', at, message: intent.last_payment_error?.message ?? 'Paiement refusé', paymentIntentId: intent.id };
}
