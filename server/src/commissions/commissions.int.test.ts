import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerLines } from '../accounting/schema.ts';
import { commissionSchemes, commissionTiers, products, productVersions } from '../catalog/schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../payments/test/payments-harness.ts';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { eventually } from '../../test/support/test-runtime.ts';
import { recomputeCommissions } from './lines/recompute-commissions.ts';
import { commissionLines } from './schema.ts';

/**
 * Issue #8: a paid Mondial TV subscription earns its salesperson 10 % of 24,92 € HT (seed §13 tiers), as lines and as
 * ledger entries (641 / 421); recomputing changes nothing; a changed rate reverses the entries and posts the new ones.
 */
let h: PaymentsHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await h.signIn('admin@winvest.demo');
});
afterAll(() => h?.close());

const db = () => h.test.runtime.db;

async function netByAccount(productId: string) {
  const rows = await db()
    .select({ account: ledgerLines.account, net: sql<string>`sum(${ledgerLines.debit} - ${ledgerLines.credit})` })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(like(ledgerEntries.sourceKey, `%commission:${productId}:%`))
    .groupBy(ledgerLines.account);
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.net)]));
}

describe('commission lines from sales', () => {
  it('computes, posts, recomputes idempotently, and reverses what changed', async () => {
    const order = await h.createOrder(admin, { customer: { kind: 'person', name: 'Luc Télé', email: 'luc.tele@example.fr' }, quote: { sku: 'MTV-OFFRE-001', plan: 'PREMIUM' } });
    const checkout = await h.checkout(admin, order.id);
    await h.pay(checkout.url!, '4242424242424242');
    const [product] = await db().select().from(products).where(eq(products.sku, 'MTV-OFFRE-001'));
    const lines = await eventually(async () => {
      const rows = await db().select().from(commissionLines).where(and(eq(commissionLines.productId, product!.id), eq(commissionLines.saleId, order.id)));
      return rows.length > 0 && rows.every((r) => r.postedKey) ? rows : undefined;
    }, 'commission lines of the sale');
    const first = lines.find((l) => l.kind === 'commission')!;
    expect(first).toMatchObject({ role: 'salesperson', base: 2_492, rate: '10 %', commission: 249, amount: 249, currency: 'EUR' });
    expect(first.beneficiary).toBeTruthy();
    expect(first.explanation).toContain('10 %');
    expect(await netByAccount(product!.id)).toEqual({ '641100': 249, '421000': -249 });

    const again = await db().transaction((tx) => recomputeCommissions(tx, h.test.runtime.clock, product!.id));
    expect(again.postedEvents).toBe(0);
    const entries = await db().select({ n: sql<number>`count(*)::int` }).from(ledgerEntries).where(like(ledgerEntries.sourceKey, `%commission:${product!.id}:%`));

    // The rate of the first tier becomes 20 %: the event's entries are reversed and posted again at the new amount.
    const [version] = await db().select().from(productVersions).where(eq(productVersions.productId, product!.id));
    const [scheme] = await db().select().from(commissionSchemes).where(eq(commissionSchemes.productVersionId, version!.id));
    await db().update(commissionTiers).set({ value: '20' }).where(and(eq(commissionTiers.schemeId, scheme!.id), eq(commissionTiers.min, '0')));
    const changed = await db().transaction((tx) => recomputeCommissions(tx, h.test.runtime.clock, product!.id));
    expect(changed.postedEvents).toBeGreaterThan(0);
    expect(await netByAccount(product!.id)).toEqual({ '641100': 498, '421000': -498 });
    const reversals = await db().select().from(ledgerEntries).where(like(ledgerEntries.sourceKey, `reversal:commission:${product!.id}:%`));
    expect(reversals.length).toBe(entries[0]!.n);
    const twice = await db().transaction((tx) => recomputeCommissions(tx, h.test.runtime.clock, product!.id));
    expect(twice.postedEvents).toBe(0);
    await db().update(commissionTiers).set({ value: '10' }).where(and(eq(commissionTiers.schemeId, scheme!.id), eq(commissionTiers.min, '0')));
    await db().transaction((tx) => recomputeCommissions(tx, h.test.runtime.clock, product!.id));
    expect(await netByAccount(product!.id)).toEqual({ '641100': 249, '421000': -249 });
  });

  it('simulates a month of sales with its tiers, split and entries (Annex E §2.4)', async () => {
    const [product] = await db().select().from(products).where(eq(products.sku, 'MTV-OFFRE-001'));
    const response = await h.app.inject({ method: 'POST', url: `/api/commissions/companies/${product!.companyId}/simulate`, headers: admin.headers, payload: { productId: product!.id, volume: 150, amount: 150 * 2_492, date: '2025-09-01' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.hasScheme).toBe(true);
    expect(body.bars.map((b: { rate: string }) => b.rate)).toContain('12 %');
    expect(body.total).toBe(body.beneficiaries.reduce((t: number, b: { amount: number }) => t + b.amount, 0));
    for (const entry of body.entries) {
      const d = entry.lines.reduce((t: number, l: { debit: number }) => t + l.debit, 0);
      const c = entry.lines.reduce((t: number, l: { credit: number }) => t + l.credit, 0);
      expect(d).toBe(c);
    }
    const bad = await h.app.inject({ method: 'POST', url: `/api/commissions/companies/${product!.companyId}/simulate`, headers: admin.headers, payload: { productId: product!.id, volume: -1, amount: 0 } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers statements per beneficiary for a period', async () => {
    const [product] = await db().select().from(products).where(eq(products.sku, 'MTV-OFFRE-001'));
    const [line] = await db().select().from(commissionLines).where(eq(commissionLines.productId, product!.id)).limit(1);
    const response = await h.app.inject({ method: 'GET', url: `/api/commissions/companies/${product!.companyId}/statements?period=${line!.period}&role=salesperson`, headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.totals[0]).toMatchObject({ role: 'salesperson', earned: 249 });
    expect(body.totals[0].beneficiaryName).not.toBe(body.totals[0].beneficiary);
    expect(body.lines[0].productSku).toBe('MTV-OFFRE-001');
  });
});
