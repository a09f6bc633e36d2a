import { eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/test-runtime.ts';
import type { SignedIn } from '../../../test/support/identity-fixtures.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import { orders } from '../../sales/schema.ts';
import { inboxLockKey } from '../rules/inbox-lock-key.ts';
import type { SandboxSession } from '../sandbox/sandbox-checkout.ts';
import { getObject } from '../sandbox/sandbox-store.ts';
import { paymentAttempts, webhookEvents } from '../schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../test/payments-harness.ts';
import { type CheckoutRef, checkoutCompleted, paymentIntentSucceeded, providerEvent, stripeId, unix } from './provider-events.ts';

/**
 * Issue #5, the inbox's set-based path: events stored together are claimed in one batch, and the checkout and
 * payment-intent events of its one-off orders are applied together. Whatever the mix — both events of an order in one
 * batch, a declined attempt before the success, an event naming nothing Comptoir knows — each order ends paid once,
 * with one receipt, one `payments.payment.succeeded` and one `sales.order.paid`, and every event has its own outcome.
 */
let h: PaymentsHarness;
let operator: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  operator = await h.signIn('admin@winvest.demo');
});
afterAll(() => h?.close());

async function openCheckout(n: number): Promise<{ orderId: string; email: string; ref: CheckoutRef }> {
  const email = `lot-${n}-${uuidv7().slice(-6)}@example.fr`;
  const order = await h.createOrder(operator, { customer: { kind: 'person', name: `Client Lot ${n}`, email }, quote: { sku: 'DEP-SERVICE-001' } });
  const checkout = await h.checkout(operator, order.id);
  const session = (await getObject<SandboxSession>(h.test.runtime.db, checkout.url!.split('/').at(-1)!))!;
  return { orderId: order.id, email, ref: { sessionId: session.id, amount: session.amount_total, currency: session.currency, metadata: session.metadata } };
}

describe('a batch of payment events', () => {
  it('applies each order once, whatever the batch holds', { timeout: 120_000 }, async () => {
    const checkouts = await Promise.all([1, 2, 3, 4, 5, 6].map(openCheckout));
    const created = unix(new Date());
    const events = checkouts.flatMap(({ ref }, n) => {
      const ids = { customer: stripeId('cus'), paymentIntent: stripeId('pi'), charge: stripeId('ch') };
      const pair = [checkoutCompleted(ref, ids, created), paymentIntentSucceeded(ref, ids, created)];
      if (n !== 0) return n % 2 ? pair : pair.reverse();
      // The first order: a declined attempt on the same intent first (its failure must not survive the success).
      const declined = providerEvent('payment_intent.payment_failed', { id: ids.paymentIntent, object: 'payment_intent', amount: ref.amount, amount_received: 0, currency: 'eur', status: 'requires_payment_method', latest_charge: null, metadata: ref.metadata, last_payment_error: { message: 'Carte refusée' } }, created - 60);
      return [declined, ...pair];
    });
    const stranger = providerEvent('checkout.session.completed', { id: 'cs_not_ours', object: 'checkout.session', mode: 'payment', status: 'complete', payment_status: 'paid', amount_total: 100, currency: 'eur', customer: null, payment_intent: null, subscription: null, metadata: null }, created);
    events.splice(5, 0, stranger);

    // Stored in one transaction: the workers see them all at once and claim them in one batch.
    await h.test.runtime.db.insert(webhookEvents).values(
      events.map((event) => ({ provider: 'sandbox', eventId: event.id, type: event.type, payload: event as unknown as Record<string, unknown>, providerCreated: event.created, lockKey: inboxLockKey(event) })),
    );
    const eventIds = events.map((e) => e.id);
    const rows = await eventually(async () => {
      const all = await h.test.runtime.db.select().from(webhookEvents).where(inArray(webhookEvents.eventId, eventIds));
      return all.every((r) => r.status === 'processed' || r.status === 'ignored') ? all : undefined;
    }, 'the batch to be applied');

    expect(rows.every((r) => r.attempts === 1 && r.lastError === null)).toBe(true);
    const byEvent = new Map(rows.map((r) => [r.eventId, r]));
    expect(byEvent.get(stranger.id)).toMatchObject({ status: 'ignored', outcome: 'Session cs_not_ours is not a Comptoir checkout' });
    for (const { orderId } of checkouts) {
      const mine = rows.filter((r) => r.orderId === orderId);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.every((r) => r.status === 'processed' && r.workspaceId !== null)).toBe(true);
    }
    // Each order's second success tells nothing new.
    expect(rows.filter((r) => r.outcome?.includes('already known'))).toHaveLength(6);

    const orderRows = await h.test.runtime.db.select().from(orders).where(inArray(orders.id, checkouts.map((c) => c.orderId)));
    for (const order of orderRows) expect(order).toMatchObject({ status: 'paid', paidAmount: order.totalInclTax, lastPaymentError: null });
    const payments = await h.test.runtime.db.select().from(paymentAttempts).where(inArray(paymentAttempts.orderId, checkouts.map((c) => c.orderId)));
    expect(payments.map((p) => p.status)).toEqual(checkouts.map(() => 'succeeded'));
    expect(payments.every((p) => p.paymentIntentId?.startsWith('pi_') && p.failedAt !== null === (p.orderId === checkouts[0]!.orderId))).toBe(true);

    for (const { orderId, email } of checkouts) {
      expect(await h.mailsTo(email, 'payments.payment-received')).toBe(1);
      const [counts] = await queryRows<{ paid: number; succeeded: number }>(
        h.test.runtime.db,
        sql`select (select count(*)::int from platform.outbox_event where topic = 'sales.order.paid' and payload->>'orderId' = ${orderId}) as paid,
                   (select count(*)::int from platform.outbox_event where topic = 'payments.payment.succeeded' and payload->>'orderId' = ${orderId}) as succeeded`,
      );
      expect(counts).toEqual({ paid: 1, succeeded: 1 });
    }
    // One settlement per order by the batch (the checkout's own settlement came before), audited on the chain.
    const [audits] = await queryRows<{ n: number }>(
      h.test.runtime.db,
      sql`select count(*)::int as n from identity.audit_log
           where action = 'settle' and table_name = 'sales.order' and actor_label like 'webhook sandbox %' and record_id in ${checkouts.map((c) => c.orderId)}`,
    );
    expect(audits!.n).toBe(6);
    const [customer] = await queryRows<{ n: number }>(h.test.runtime.db, sql`select count(*)::int as n from sales.customer where email = ${checkouts[1]!.email} and provider_customer_id like 'cus_%'`);
    expect(customer!.n).toBe(1);
    expect((await h.test.runtime.db.select().from(orders).where(eq(orders.id, checkouts[0]!.orderId)))[0]!.status).toBe('paid');
  });
});
