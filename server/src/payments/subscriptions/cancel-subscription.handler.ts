import { eq } from 'drizzle-orm';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { subscriptions } from '../../sales/schema.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { CANCEL_SUBSCRIPTION_TOPIC } from './dunning.ts';

/** Tells the provider to stop a subscription Comptoir ended (dunning, the customer, staff). Idempotent by key. */
export const cancelSubscriptionHandler = defineHandler<{ subscriptionId: string; atPeriodEnd: boolean }>({
  name: 'payments.cancel-provider-subscription',
  topics: [CANCEL_SUBSCRIPTION_TOPIC],
  async perform({ event, services }) {
    const [subscription] = await services.db.select().from(subscriptions).where(eq(subscriptions.id, event.payload.subscriptionId));
    if (!subscription?.providerSubscriptionId) return;
    await paymentProvider(services).cancelSubscription({
      subscriptionId: subscription.providerSubscriptionId,
      atPeriodEnd: event.payload.atPeriodEnd,
      idempotencyKey: `cancel:${subscription.id}:${event.payload.atPeriodEnd ? 'period_end' : 'now'}`,
    });
  },
  async handle() {
    // The provider's `customer.subscription.updated/deleted` webhook records the outcome.
  },
});
