import { type InvoiceObject, invoiceSubscriptionId, METADATA, type Metadata, type ProviderEvent } from '../provider/provider-event.ts';

/**
 * What an inbox event is about, as a key two concurrent inbox batches must not both hold: the Comptoir order when
 * the provider carries our metadata (sessions, payment intents, charges, subscriptions, invoices of a subscription),
 * else the provider object the event follows (subscription, payment intent, account), else the event itself.
 *
 * Events that share a key are applied by one batch at a time, so two workers never lock the same order from two
 * sides (no deadlock, no waiting on each other's commit). The key is a scheduling hint, not a correctness
 * condition: an event whose key misses its order (a charge without metadata) is still applied correctly, it merely
 * may wait on another batch's row lock.
 */
export function inboxLockKey(event: Pick<ProviderEvent, 'id' | 'type' | 'data'>): string {
  const object = event.data.object as Record<string, unknown> & { id: string; object: string };
  const orderId = comptoirOrderId(object);
  if (orderId) return `order:${orderId}`;
  switch (object.object) {
    case 'invoice': {
      const subscriptionId = invoiceSubscriptionId(object as unknown as InvoiceObject);
      return subscriptionId ? `subscription:${subscriptionId}` : `invoice:${object.id}`;
    }
    case 'subscription':
      return `subscription:${object.id}`;
    case 'charge':
      return typeof object.payment_intent === 'string' ? `payment_intent:${object.payment_intent}` : `charge:${object.id}`;
    case 'checkout.session':
      return typeof object.payment_intent === 'string' ? `payment_intent:${object.payment_intent}` : `checkout.session:${object.id}`;
    case 'payment_intent':
      return `payment_intent:${object.id}`;
    case 'account':
      return `account:${object.id}`;
    default:
      return `event:${event.id}`;
  }
}

function comptoirOrderId(object: Record<string, unknown>): string | null {
  const own = object.metadata as Metadata | null | undefined;
  const parent = (object.parent as InvoiceObject['parent'])?.subscription_details?.metadata;
  const orderId = own?.[METADATA.orderId] ?? parent?.[METADATA.orderId];
  return typeof orderId === 'string' && /^[0-9a-f-]{36}$/i.test(orderId) ? orderId.toLowerCase() : null;
}
