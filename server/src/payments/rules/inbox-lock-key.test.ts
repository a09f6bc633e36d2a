import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { inboxLockKey } from './inbox-lock-key.ts';

const orderId = '0191f3b4-8a1e-7c2d-9e0f-1a2b3c4d5e6f';
const event = (object: Record<string, unknown>): ProviderEvent => ({
  id: 'evt_1',
  object: 'event',
  type: `${String(object.object)}.something`,
  created: 1,
  livemode: false,
  data: { object: { id: 'obj_1', ...object } as ProviderEvent['data']['object'] },
});

describe('inboxLockKey', () => {
  it('keys every event that carries our metadata by its order, whatever the object', () => {
    const metadata = { comptoir_order_id: orderId.toUpperCase() };
    for (const object of ['checkout.session', 'payment_intent', 'charge', 'subscription', 'invoice']) {
      expect(inboxLockKey(event({ object, metadata }))).toBe(`order:${orderId}`);
    }
  });

  it('reads the order of an invoice from its subscription details (recent Stripe API versions)', () => {
    const invoice = event({ object: 'invoice', metadata: {}, parent: { subscription_details: { subscription: 'sub_9', metadata: { comptoir_order_id: orderId } } } });
    expect(inboxLockKey(invoice)).toBe(`order:${orderId}`);
  });

  it('falls back to the provider object the event follows', () => {
    expect(inboxLockKey(event({ object: 'invoice', subscription: 'sub_9', metadata: null }))).toBe('subscription:sub_9');
    expect(inboxLockKey(event({ object: 'invoice', parent: { subscription_details: { subscription: 'sub_9' } } }))).toBe('subscription:sub_9');
    expect(inboxLockKey(event({ object: 'invoice' }))).toBe('invoice:obj_1');
    expect(inboxLockKey(event({ object: 'subscription', metadata: {} }))).toBe('subscription:obj_1');
    expect(inboxLockKey(event({ object: 'charge', payment_intent: 'pi_7', metadata: null }))).toBe('payment_intent:pi_7');
    expect(inboxLockKey(event({ object: 'charge', payment_intent: null }))).toBe('charge:obj_1');
    expect(inboxLockKey(event({ object: 'checkout.session', payment_intent: 'pi_7' }))).toBe('payment_intent:pi_7');
    expect(inboxLockKey(event({ object: 'checkout.session', payment_intent: null }))).toBe('checkout.session:obj_1');
    expect(inboxLockKey(event({ object: 'payment_intent' }))).toBe('payment_intent:obj_1');
    expect(inboxLockKey(event({ object: 'account' }))).toBe('account:obj_1');
    expect(inboxLockKey(event({ object: 'payout' }))).toBe('event:evt_1');
  });

  it('ignores metadata that is not an order id (a forged or foreign value cannot pick a key)', () => {
    expect(inboxLockKey(event({ object: 'payment_intent', metadata: { comptoir_order_id: "x'; drop table" } }))).toBe('payment_intent:obj_1');
  });
});
