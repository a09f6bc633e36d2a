import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { eventually } from '../../test/support/test-runtime.ts';
import { type PaymentsHarness, startPaymentsHarness } from './test/payments-harness.ts';

/**
 * Seed 000 B.2 on the sandbox: a training organisation onboards as a merchant, a course is sold for it, the sale is
 * split (provider fee 2.9 % + 0.30 €, platform commission, merchant share), paid out after the delay, and a refund
 * takes the merchant's part back as configured.
 */
let h: PaymentsHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await h.signIn('admin@pygmalion.demo');
});
afterAll(() => h?.close());

describe('marketplace split and payouts', () => {
  it('onboards, splits a sale, pays out, and reverses on refund', async () => {
    const companies = (await h.app.inject({ method: 'GET', url: '/api/identity/companies', headers: admin.headers })).json().items as { id: string; legalName: string }[];
    const of = companies.find((c) => c.legalName === 'Cockpit Académie SAS')!;
    const created = await h.app.inject({ method: 'POST', url: '/api/payments/merchants', headers: admin.headers, payload: { companyId: of.id, commissionBp: 1500, payoutDelayDays: 0 } });
    expect(created.statusCode, created.body).toBe(201);
    const merchant = created.json();
    expect(merchant).toMatchObject({ chargesEnabled: false, providerAccountId: expect.stringMatching(/^acct_/) });

    // Selling before onboarding is refused with a clear reason.
    const early = await h.createOrder(admin, { customer: { kind: 'company', name: 'Aéroport de Nîmes', email: 'formation@nimes.example' }, quote: { sku: 'PYG-CRM-01' }, merchantCompanyId: of.id });
    const refused = await h.app.inject({ method: 'POST', url: `/api/sales/orders/${early.id}/checkout`, headers: admin.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('merchant_not_ready');

    const onboarding = await h.app.inject({ method: 'POST', url: `/api/public/sandbox/accounts/${merchant.providerAccountId}/complete` });
    expect(onboarding.statusCode, onboarding.body).toBe(200);
    await eventually(async () => {
      const list = (await h.app.inject({ method: 'GET', url: '/api/payments/merchants', headers: admin.headers })).json().items;
      return list.find((m: { id: string; chargesEnabled: boolean }) => m.id === merchant.id)?.chargesEnabled;
    }, 'account.updated to enable the merchant');

    const checkout = await h.checkout(admin, early.id);
    expect((await h.pay(checkout.url!, '4242424242424242')).statusCode).toBe(200);
    const paid = await h.waitForOrder(admin, early.id, 'paid');
    expect(paid.order.totalInclTax).toBe(69_000);
    // 69 000 × 2.9 % = 2 001 + 30; 15 % = 10 350; the training organisation keeps the rest.
    const movements = Object.fromEntries(paid.ledger.map((m: { kind: string; amount: number }) => [m.kind, m.amount]));
    expect(movements).toEqual({ sale: 69_000, provider_fee: -2_031, platform_commission: -10_350 });

    const payout = await h.app.inject({ method: 'POST', url: `/api/payments/merchants/${merchant.id}/payouts`, headers: admin.headers });
    expect(payout.json()).toEqual({ payouts: 1, amount: 56_619 });
    const statement = (await h.app.inject({ method: 'GET', url: `/api/payments/merchants/${merchant.id}/ledger`, headers: admin.headers })).json();
    expect(statement.merchant.balance).toEqual({ pending: 0, available: 0, paid: 56_619 });
    expect(statement.payouts[0]).toMatchObject({ status: 'paid', amount: 56_619, providerTransferId: expect.stringMatching(/^tr_/) });
    // Paying out again finds nothing: each movement is paid once.
    expect((await h.app.inject({ method: 'POST', url: `/api/payments/merchants/${merchant.id}/payouts`, headers: admin.headers })).json()).toEqual({ payouts: 0, amount: 0 });

    const refund = await h.app.inject({ method: 'POST', url: `/api/payments/orders/${early.id}/refunds`, headers: admin.headers, payload: {} });
    expect(refund.statusCode, refund.body).toBe(201);
    const refunded = await h.waitForOrder(admin, early.id, 'refunded');
    // The platform keeps its commission by default, so the merchant gives back its share and the commission's part.
    expect(refunded.ledger.find((m: { kind: string }) => m.kind === 'refund').amount).toBe(-(56_619 + 10_350));
    const after = (await h.app.inject({ method: 'GET', url: `/api/payments/merchants/${merchant.id}/ledger`, headers: admin.headers })).json();
    expect(after.merchant.balance.available).toBe(-66_969);
  });
});
