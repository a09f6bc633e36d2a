import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/test-runtime.ts';
import type { SignedIn } from '../../../test/support/identity-fixtures.ts';
import { mailMessages, outboxEvents } from '../../platform/schema.ts';
import { orders } from '../../sales/schema.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import type { SandboxSession } from '../sandbox/sandbox-checkout.ts';
import { getObject } from '../sandbox/sandbox-store.ts';
import { merchantLedgerEntries, paymentAttempts, webhookEvents } from '../schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../test/payments-harness.ts';
import { accepted, type CheckoutRef, checkoutCompleted, deliver, paymentIntentSucceeded, stripeId, unix } from './provider-events.ts';

/**
 * Issue #5, reliability: the same signed event delivered three times at once (Stripe retries a delivery it thinks timed
 * out while the first is still being handled) → one inbox row, one payment success, one receipt, one movement of each
 * kind on the merchant's ledger. On a marketplace order, so the ledger is in play.
 */
let h: PaymentsHarness;
let operator: SignedIn;
let merchantCompanyId: string;
let secret: string;

beforeAll(async () => {
  h = await startPaymentsHarness();
  operator = await h.signIn('admin@pygmalion.demo');
  secret = sandboxWebhookSecretFor(h.test.runtime);

  // Aéro Formation Sud becomes a merchant and finishes its (sandbox) onboarding: account.updated arrives by webhook.
  const companies = await h.app.inject({ method: 'GET', url: '/api/identity/companies', headers: operator.headers });
  expect(companies.statusCode, companies.body).toBe(200);
  const company = (companies.json().items as { id: string; brandName: string }[]).find((c) => c.brandName === 'Aéro Formation Sud');
  merchantCompanyId = company!.id;
  const created = await h.app.inject({ method: 'POST', url: '/api/payments/merchants', headers: operator.headers, payload: { companyId: merchantCompanyId } });
  expect(created.statusCode, created.body).toBe(201);
  const merchant = created.json() as { id: string; providerAccountId: string };
  const completed = await h.app.inject({ method: 'POST', url: `/api/public/sandbox/accounts/${merchant.providerAccountId}/complete` });
  expect(completed.statusCode, completed.body).toBe(200);
  await eventually(async () => {
    const list = await h.app.inject({ method: 'GET', url: '/api/payments/merchants', headers: operator.headers });
    return (list.json().items as { id: string; chargesEnabled: boolean }[]).some((m) => m.id === merchant.id && m.chargesEnabled);
  }, 'the merchant to be able to take payments');
});
afterAll(() => h?.close());

/** A marketplace order of the A320 type rating with its open sandbox checkout, as the provider will echo it. */
async function marketplaceCheckout(email: string): Promise<{ orderId: string; ref: CheckoutRef }> {
  const order = await h.createOrder(operator, {
    customer: { kind: 'person', name: 'Inès Garnier', email },
    quote: { sku: 'PYG-A320-TR' },
    merchantCompanyId,
  });
  expect(order.totalInclTax).toBe(1_850_000);
  const checkout = await h.checkout(operator, order.id);
  const session = (await getObject<SandboxSession>(h.test.runtime.db, checkout.url!.split('/').at(-1)!))!;
  expect(session.destination).toMatchObject({ accountId: expect.stringMatching(/^acct_/) });
  return { orderId: order.id, ref: { sessionId: session.id, amount: session.amount_total, currency: session.currency, metadata: session.metadata } };
}

/** Everything a payment success may cause, counted for one order. */
async function effectsOf(orderId: string, email: string) {
  const db = h.test.runtime.db;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const payments = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, orderId));
  const inbox = await db.select().from(webhookEvents).where(eq(webhookEvents.orderId, orderId));
  const mails = await db
    .select({ template: mailMessages.template })
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, email));
  const ledger = await db.select({ kind: merchantLedgerEntries.kind, amount: merchantLedgerEntries.amount }).from(merchantLedgerEntries).where(eq(merchantLedgerEntries.orderId, orderId));
  const paidEvents = await db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.topic, 'sales.order.paid'), sql`${outboxEvents.payload}->>'orderId' = ${orderId}`));
  const count = <T>(rows: T[], key: (row: T) => string) => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
    return counts;
  };
  return {
    order: { status: order!.status, paidAmount: order!.paidAmount },
    payments: payments.map((p) => ({ kind: p.kind, status: p.status, paymentIntentId: p.paymentIntentId })),
    inbox: inbox.map((row) => ({ type: row.type, status: row.status })).sort((a, b) => a.type.localeCompare(b.type)),
    // The payments module's mails; the invoice mail comes from the invoicing module's jobs, on their own time.
    mails: count(
      mails.filter((m) => m.template.startsWith('payments.')),
      (m) => m.template,
    ),
    ledger: count(ledger, (e) => e.kind),
    ledgerTotal: ledger.reduce((sum, e) => sum + e.amount, 0),
    orderPaidEvents: paidEvents.length,
  };
}

async function allProcessed(eventIds: string[]) {
  return eventually(async () => {
    const rows = await h.test.runtime.db
      .select()
      .from(webhookEvents)
      .where(sql`${webhookEvents.eventId} in ${eventIds}`);
    return rows.length === eventIds.length && rows.every((row) => row.status === 'processed') ? rows : undefined;
  }, `events ${eventIds.join(', ')} to be processed`);
}

describe('the same signed event delivered three times concurrently', () => {
  it('checkout.session.completed ×3 → one inbox row, one payment success, one receipt, one ledger movement of each kind', async () => {
    const email = 'triple@example.fr';
    const { orderId, ref } = await marketplaceCheckout(email);
    const event = checkoutCompleted(ref, { customer: stripeId('cus'), paymentIntent: stripeId('pi') }, unix(new Date()));
    const now = unix(h.test.runtime.clock.now());

    const deliveries = await Promise.all([1, 2, 3].map(() => deliver(h.baseUrl, event, secret, now)));
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    // Exactly one delivery stored it; the other two found it there.
    expect(deliveries.filter((d) => d.body?.duplicate === false)).toHaveLength(1);
    expect(deliveries.filter((d) => d.body?.duplicate === true)).toHaveLength(2);

    const [row] = await allProcessed([event.id]);
    expect(row!.attempts).toBe(1);
    const inboxRows = await h.test.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, event.id));
    expect(inboxRows).toHaveLength(1);

    const effects = await effectsOf(orderId, email);
    expect(effects).toMatchObject({
      order: { status: 'paid', paidAmount: 1_850_000 },
      payments: [{ kind: 'checkout', status: 'succeeded', paymentIntentId: event.data.object.payment_intent }],
      inbox: [{ type: 'checkout.session.completed', status: 'processed' }],
      mails: { 'payments.payment-received': 1 },
      ledger: { sale: 1, provider_fee: 1, platform_commission: 1 },
      orderPaidEvents: 1,
    });
    expect(Object.keys(effects.ledger)).toHaveLength(3);
    // The merchant's share: the sale less the provider's fee and the platform's commission, recorded once.
    expect(effects.ledgerTotal).toBeGreaterThan(0);
    expect(effects.ledgerTotal).toBeLessThan(1_850_000);

    // A replay from the back-office applies the event again: still one of everything.
    const replay = await h.app.inject({ method: 'POST', url: `/api/payments/webhook-events/${row!.id}/replay`, headers: operator.headers });
    expect(replay.statusCode, replay.body).toBe(202);
    await eventually(async () => {
      const [again] = await h.test.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.id, row!.id));
      return again?.status === 'processed' && again.attempts === 2;
    }, 'the replay to be applied');
    expect(await effectsOf(orderId, email)).toEqual(effects);
  });

  it('two different success events (session completed, payment intent succeeded), each ×3 at once → still one of everything', async () => {
    const email = 'triple-mixed@example.fr';
    const { orderId, ref } = await marketplaceCheckout(email);
    const ids = { customer: stripeId('cus'), paymentIntent: stripeId('pi'), charge: stripeId('ch') };
    const created = unix(new Date());
    const intent = paymentIntentSucceeded(ref, ids, created);
    const completed = checkoutCompleted(ref, ids, created);
    const now = unix(h.test.runtime.clock.now());

    // The two events race each other in two jobs; the order's row lock puts them one after the other.
    const deliveries = await Promise.all([intent, completed, intent, completed, intent, completed].map((event) => deliver(h.baseUrl, event, secret, now)));
    expect(deliveries.every(accepted)).toBe(true);
    expect(deliveries.filter((d) => d.body?.duplicate === false)).toHaveLength(2);

    await allProcessed([intent.id, completed.id]);
    const effects = await effectsOf(orderId, email);
    expect(effects).toMatchObject({
      order: { status: 'paid', paidAmount: 1_850_000 },
      payments: [{ kind: 'checkout', status: 'succeeded', paymentIntentId: ids.paymentIntent }],
      inbox: [
        { type: 'checkout.session.completed', status: 'processed' },
        { type: 'payment_intent.succeeded', status: 'processed' },
      ],
      mails: { 'payments.payment-received': 1 },
      ledger: { sale: 1, provider_fee: 1, platform_commission: 1 },
      orderPaidEvents: 1,
    });
    expect(Object.keys(effects.ledger)).toHaveLength(3);
  });
});
