import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/test-runtime.ts';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { paymentAttempts, webhookEvents } from './schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from './test/payments-harness.ts';

/**
 * Seed 001's Definition of Done for payments, end to end on the sandbox: success, failure, refund — through the real
 * checkout, the hosted page's API, signed webhooks over HTTP, the inbox and its jobs.
 */
let h: PaymentsHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await h.signIn('admin@winvest.demo');
});
afterAll(() => h?.close());

const depanssur = (email: string) => ({ customer: { kind: 'person', name: 'Camille Martin', email }, quote: { sku: 'DEP-SERVICE-001' } });

describe('payments on the sandbox (seed 001 DoD)', () => {
  it('success: the order is paid once the signed webhooks are applied, with one receipt', async () => {
    const order = await h.createOrder(admin, depanssur('camille@example.fr'));
    expect(order).toMatchObject({ status: 'draft', totalInclTax: 10_000 });
    const checkout = await h.checkout(admin, order.id);
    expect(checkout.kind).toBe('redirect');
    // A second click returns the same open checkout (no second session, no second charge).
    expect((await h.checkout(admin, order.id)).url).toBe(checkout.url);
    const paid = await h.pay(checkout.url!, '4242 4242 4242 4242');
    expect(paid.statusCode).toBe(200);
    const detail = await h.waitForOrder(admin, order.id, 'paid');
    expect(detail.order.paidAmount).toBe(10_000);
    expect(detail.payments).toHaveLength(1);
    expect(detail.payments[0]).toMatchObject({ status: 'succeeded', amount: 10_000 });
    expect(detail.payments[0].paymentIntentId).toMatch(/^pi_/);
    await eventually(async () => (await h.mailsTo('camille@example.fr', 'payments.payment-received')) === 1, 'the receipt');
    const events = await eventually(async () => {
      const rows = await h.test.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.orderId, order.id));
      return rows.length >= 2 && rows.every((row) => row.status === 'processed') ? rows : undefined;
    }, 'both webhooks processed');
    expect(events.map((e) => e.type).sort()).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
    expect(await h.mailsTo('camille@example.fr', 'payments.payment-received')).toBe(1);
  });

  it('failure: a declined card answers 402, the order keeps waiting with the reason, a good card then pays it', async () => {
    const order = await h.createOrder(admin, depanssur('refus@example.fr'));
    const checkout = await h.checkout(admin, order.id);
    const declined = await h.pay(checkout.url!, '4000000000000002');
    expect(declined.statusCode).toBe(402);
    expect(declined.body.detail).toMatch(/declined/);
    await eventually(async () => {
      const detail = await h.order(admin, order.id);
      return detail.order.lastPaymentError ? detail : undefined;
    }, 'the failure to be recorded');
    const waiting = await h.order(admin, order.id);
    expect(waiting.order.status).toBe('awaiting_payment');
    expect(waiting.payments[0].status).toBe('failed');
    expect((await h.pay(checkout.url!, '4242424242424242')).statusCode).toBe(200);
    const detail = await h.waitForOrder(admin, order.id, 'paid');
    expect(detail.payments[0].status).toBe('succeeded');
  });

  it('refund: partial then full, confirmed by charge.refunded; over-refunding is refused and changes nothing', async () => {
    const order = await h.createOrder(admin, depanssur('rembourse@example.fr'));
    const checkout = await h.checkout(admin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    await h.waitForOrder(admin, order.id, 'paid');
    await eventually(async () => {
      const [payment] = await h.test.runtime.db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
      return payment?.paymentIntentId ?? undefined;
    }, 'the payment intent');

    const tooMuch = await h.app.inject({ method: 'POST', url: `/api/payments/orders/${order.id}/refunds`, headers: admin.headers, payload: { amount: 10_001 } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].field).toBe('body.amount');

    const partial = await h.app.inject({ method: 'POST', url: `/api/payments/orders/${order.id}/refunds`, headers: admin.headers, payload: { amount: 2_500, reason: 'requested_by_customer' } });
    expect(partial.statusCode, partial.body).toBe(201);
    let detail = await h.waitForOrder(admin, order.id, 'partially_refunded');
    expect(detail.order.refundedAmount).toBe(2_500);
    await eventually(async () => (await h.order(admin, order.id)).refunds[0].status === 'succeeded', 'the refund confirmed');

    const rest = await h.app.inject({ method: 'POST', url: `/api/payments/orders/${order.id}/refunds`, headers: admin.headers, payload: {} });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().amount).toBe(7_500);
    detail = await h.waitForOrder(admin, order.id, 'refunded');
    expect(detail.order.refundedAmount).toBe(10_000);
    await eventually(async () => (await h.mailsTo('rembourse@example.fr', 'payments.refund-issued')) === 2, 'two refund mails');

    const nothingLeft = await h.app.inject({ method: 'POST', url: `/api/payments/orders/${order.id}/refunds`, headers: admin.headers, payload: { amount: 1 } });
    expect(nothingLeft.statusCode).toBe(422);
  });
});

describe('subscriptions on the sandbox (seed 004)', () => {
  let winwin: SignedIn;
  beforeAll(async () => {
    winwin = await h.signIn('admin@winwin.demo');
  });
  const mandate = (email: string, attributes: object) => ({ customer: { kind: 'person', name: 'Léa Muller', email, country: 'CH' }, quote: { sku: 'WW-MANDAT-GESTION', attributes } });

  it('a free mandate (under 18) is confirmed without a provider', async () => {
    const order = await h.createOrder(winwin, mandate('jeune@example.ch', { client_type: 'particulier', age: 15 }));
    expect(order.totalInclTax).toBe(0);
    const result = await h.checkout(winwin, order.id);
    expect(result).toMatchObject({ kind: 'settled', url: null, status: 'paid' });
    const detail = await h.order(winwin, order.id);
    expect(detail.payments).toEqual([expect.objectContaining({ kind: 'free', status: 'succeeded', amount: 0, provider: 'none' })]);
  });

  it('renews yearly when the sandbox clock passes the period end', async () => {
    const order = await h.createOrder(winwin, mandate('renouvelle@example.ch', { client_type: 'particulier', age: 30 }));
    expect(order.totalInclTax).toBe(18_500);
    const checkout = await h.checkout(winwin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    const active = await eventually(async () => {
      const detail = await h.order(winwin, order.id);
      return detail.subscription?.status === 'active' && detail.order.status === 'paid' ? detail : undefined;
    }, 'an active subscription');
    expect(active.subscription).toMatchObject({ interval: 'year', paidPeriods: 1 });
    const firstEnd = new Date(active.subscription.currentPeriodEnd).getTime();

    const advanced = await h.app.inject({ method: 'POST', url: '/api/payments/sandbox/clock/advance', headers: winwin.headers, payload: { days: 366 } });
    expect(advanced.statusCode, advanced.body).toBe(200);
    const renewed = await eventually(async () => {
      const detail = await h.order(winwin, order.id);
      // The detail reads the order and the subscription one after the other: wait until both show the renewal.
      return detail.subscription.paidPeriods === 2 && detail.order.paidAmount === 37_000 ? detail : undefined;
    }, 'the renewal');
    expect(new Date(renewed.subscription.currentPeriodEnd).getTime()).toBeGreaterThan(firstEnd);
    expect(renewed.order.paidAmount).toBe(37_000);
    expect(renewed.payments.map((p: { kind: string }) => p.kind)).toEqual(['checkout', 'renewal']);
  });
});
