import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/test-runtime.ts';
import type { SignedIn } from '../../../test/support/identity-fixtures.ts';
import { orders } from '../../sales/schema.ts';
import type { SandboxSession } from '../sandbox/sandbox-checkout.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import { getObject, putObject } from '../sandbox/sandbox-store.ts';
import { paymentAttempts, webhookEvents } from '../schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../test/payments-harness.ts';
import { accepted, deliver, stripeId, subscriptionLifecycle, unix } from './provider-events.ts';

/**
 * Stripe's recent API versions: an invoice no longer names the payment intent that paid it, and the charge of a
 * subscription invoice carries no Comptoir metadata — so a refund of that charge names only an intent Comptoir has
 * never seen. The inbox asks the provider for the invoice's payment, records the intent on the payment, and the
 * waiting `charge.refunded` is applied at once.
 */
let h: PaymentsHarness;
let winwin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  winwin = await h.signIn('admin@winwin.demo');
});
afterAll(() => h?.close());

describe('a refund of a charge whose invoice does not name its payment intent', () => {
  it('is traced through the provider and applied', { timeout: 120_000 }, async () => {
    const order = await h.createOrder(winwin, {
      customer: { kind: 'person', name: 'Léa Rochat', email: 'trace@example.ch', country: 'CH' },
      quote: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 30 } },
    });
    const checkout = await h.checkout(winwin, order.id);
    const session = (await getObject<SandboxSession>(h.test.runtime.db, checkout.url!.split('/').at(-1)!))!;
    const ids = { customer: stripeId('cus'), subscription: stripeId('sub'), invoice: stripeId('in'), paymentIntent: stripeId('pi'), charge: stripeId('ch') };
    const start = unix(new Date());
    const events = subscriptionLifecycle(
      { sessionId: session.id, amount: session.amount_total, currency: session.currency, metadata: session.metadata },
      ids,
      { start, periodEnd: start + 365 * 86_400, refundedAt: start + 60, cancelledAt: start + 120 },
      5_000,
    );
    // The invoice as recent API versions send it: no payment_intent. The provider knows it (its invoice payments).
    delete (events.invoicePaid.data.object as Record<string, unknown>).payment_intent;
    await putObject(h.test.runtime.db, { id: ids.invoice, object: 'invoice', payment_intent: ids.paymentIntent } as Parameters<typeof putObject>[1]);

    const secret = sandboxWebhookSecretFor(h.test.runtime);
    for (const event of [events.created, events.invoicePaid, events.completed, events.refunded]) {
      expect(accepted(await deliver(h.baseUrl, event, secret, unix(new Date())))).toBe(true);
    }
    const refunded = await eventually(async () => {
      const [row] = await h.test.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, events.refunded.id));
      return row?.status === 'processed' ? row : undefined;
    }, 'the refund to be applied once its intent is traced', 60_000);
    expect(refunded.outcome).toContain('refunded 5000 in total');

    const [payment] = await h.test.runtime.db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    expect(payment).toMatchObject({ paymentIntentId: ids.paymentIntent, invoiceId: ids.invoice, refundedAmount: 5_000, status: 'succeeded' });
    const [after] = await h.test.runtime.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: 'partially_refunded', refundedAmount: 5_000 });
  });
});
