import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import type { App } from '../platform/module.ts';
import { dateInZone } from './pricing/zoned-date.ts';
import { seedCatalogDemo } from './seed/seed-catalog-demo.ts';

// The APIs behind the product page's negotiated prices, external codes and automatic badges.
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let productId: string;

const today = () => dateInZone(new Date(), 'Europe/Paris');
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function productOf(sku: string): Promise<{ id: string; badges: string[] }> {
  const items = (await app.inject({ method: 'GET', url: `/api/catalog/products?q=${sku}`, headers: admin.headers })).json().items as { id: string; sku: string; badges: string[] }[];
  return items.find((p) => p.sku === sku)!;
}

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
  productId = (await productOf('MTV-OFFRE-001')).id;
});
afterAll(() => test.close());

describe('negotiated prices', () => {
  const create = (payload: object) => app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/negotiated-prices`, headers: admin.headers, payload });
  const quoteFor = async (customer_ref: string, date?: string) =>
    (await app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: admin.headers, payload: { sku: 'MTV-OFFRE-001', plan: 'BASIC', customer_ref, ...(date ? { date } : {}) } })).json().total_incl_tax;

  it('reads days in the company zone, bounds inclusive, as quotes do', async () => {
    const created = await create({ customerRef: 'CLIENT-DAYS', planCode: 'BASIC', amount: 700, validFrom: '2026-03-01', validTo: '2026-03-31' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ validFrom: '2026-02-28T23:00:00.000Z', validTo: '2026-03-30T22:00:00.000Z' });
    expect([await quoteFor('CLIENT-DAYS', '2026-02-28'), await quoteFor('CLIENT-DAYS', '2026-03-01'), await quoteFor('CLIENT-DAYS', '2026-03-31'), await quoteFor('CLIENT-DAYS', '2026-04-01')]).toEqual([990, 700, 700, 990]);
  });

  it('names the field at fault: unknown plan, reversed period, overlapping agreement, bad amount', async () => {
    const unknownPlan = await create({ customerRef: 'CLIENT-F', planCode: 'GOLD', amount: 100 });
    expect([unknownPlan.statusCode, unknownPlan.json().errors[0].field]).toEqual([400, 'body.planCode']);
    const reversed = await create({ customerRef: 'CLIENT-F', amount: 100, validFrom: '2026-05-02', validTo: '2026-05-01' });
    expect([reversed.statusCode, reversed.json().errors[0].field]).toEqual([400, 'body.validTo']);
    const overlap = await create({ customerRef: 'CLIENT-DAYS', planCode: 'BASIC', amount: 650, validFrom: '2026-03-31' });
    expect([overlap.statusCode, overlap.json().errors[0].field]).toEqual([409, 'body.validFrom']);
    expect(overlap.json().errors[0].message).toContain('2026-03-01 → 2026-03-31');
    const negative = await create({ customerRef: 'CLIENT-F', amount: -1 });
    expect([negative.statusCode, negative.json().errors[0].field]).toEqual([400, 'body.amount']);
    // Back to back is fine; so is a price for every plan beside a price for one plan.
    expect((await create({ customerRef: 'CLIENT-DAYS', planCode: 'BASIC', amount: 650, validFrom: '2026-04-01' })).statusCode).toBe(201);
    expect((await create({ customerRef: 'CLIENT-DAYS', amount: 600 })).statusCode).toBe(201);
  });

  it('edits and ends an agreement (its last day), audited; sales staff read but do not write', async () => {
    const created = (await create({ customerRef: 'CLIENT-END', planCode: 'BASIC', amount: 800 })).json();
    const edit = (payload: object, who = admin) => app.inject({ method: 'PATCH', url: `/api/catalog/negotiated-prices/${created.id}`, headers: who.headers, payload });
    const changed = await edit({ amount: 750 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await quoteFor('CLIENT-END')).toBe(750);
    const ended = await edit({ validTo: shift(today(), -1) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await quoteFor('CLIENT-END')).toBe(990);
    expect((await edit({ validFrom: today() })).json().errors[0].field).toBe('body.validTo');
    const sales = await signIn(app, 'sales@winvest.demo');
    expect((await edit({ amount: 1 }, sales)).statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: `/api/catalog/products/${productId}/negotiated-prices`, headers: sales.headers });
    expect(listed.json().items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ amount: 750 });
    const audit = await app.inject({ method: 'GET', url: '/api/identity/audit?table=catalog.negotiated_price', headers: admin.headers });
    expect(audit.json().items.filter((e: { recordId: string; action: string }) => e.recordId === created.id).map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
  });
});

describe('external codes', () => {
  it('warns about another product carrying the same code in the same system, without refusing it', async () => {
    const other = await productOf('DEP-SERVICE-001');
    const put = (id: string, mappings: object[]) => app.inject({ method: 'PUT', url: `/api/catalog/products/${id}/external-mappings`, headers: admin.headers, payload: { mappings } });
    expect((await put(other.id, [{ system: 'OggoData', externalCode: 'OG-777' }])).statusCode).toBe(204);
    expect((await put(productId, [{ system: 'oggodata', externalCode: 'OG-777' }, { system: 'A3DN', externalCode: 'A-1' }])).statusCode).toBe(204);
    const listed = (await app.inject({ method: 'GET', url: `/api/catalog/products/${productId}/external-mappings`, headers: admin.headers })).json().items;
    expect(listed).toEqual([
      { system: 'A3DN', externalCode: 'A-1', sharedWith: [] },
      { system: 'oggodata', externalCode: 'OG-777', sharedWith: [{ productId: other.id, sku: 'DEP-SERVICE-001', name: expect.any(String) }] },
    ]);
    // A sales user of Mondial TV does not learn about products of companies outside their scope.
    const sales = await signIn(app, 'sales@winvest.demo');
    const seen = (await app.inject({ method: 'GET', url: `/api/catalog/products/${productId}/external-mappings`, headers: sales.headers })).json().items;
    expect(seen.find((m: { system: string }) => m.system === 'oggodata').sharedWith).toEqual([]);
  });
});

describe('the automatic Promo badge', () => {
  it('shows « promo » on the product page while a promotion of the version in force runs today', async () => {
    const { companyId, riskId } = (await app.inject({ method: 'GET', url: `/api/catalog/products/${productId}`, headers: admin.headers })).json().product;
    const payload = { sku: 'MTV-PROMO-001', name: 'Offre promo', companyId, riskId, revenueModel: 'revenue', badges: ['nouveau'], effectiveFrom: '2026-01-01T00:00:00Z' };
    const created = await app.inject({ method: 'POST', url: '/api/catalog/products', headers: admin.headers, payload });
    expect(created.statusCode, created.body).toBe(201);
    const { product, versionId } = created.json();
    const page = async () => (await app.inject({ method: 'GET', url: `/api/catalog/products/${product.id}`, headers: admin.headers })).json();
    expect(await page()).toMatchObject({ product: { badges: ['nouveau'] }, currency: 'EUR', timeZone: 'Europe/Paris' });
    const setPromotions = (promotions: object[]) => app.inject({ method: 'PUT', url: `/api/catalog/versions/${versionId}/promotions`, headers: admin.headers, payload: { promotions } });
    // The search shows the same badges, computed in its own statement.
    const searched = async () => {
      const found = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=MTV-PROMO-001', headers: admin.headers })).json() as { items: { sku: string; badges: string[] }[] };
      return found.items.find((item) => item.sku === 'MTV-PROMO-001')?.badges;
    };
    expect((await setPromotions([{ label: 'Ancienne', percentBp: 1000, validFrom: '2026-01-01T00:00:00+01:00', validTo: `${shift(today(), -1)}T00:00:00+01:00` }])).statusCode).toBe(204);
    expect((await page()).product.badges).toEqual(['nouveau']);
    expect(await searched()).toEqual(['nouveau']);
    expect((await setPromotions([{ label: 'Printemps', percentBp: 1000, validFrom: `${shift(today(), -1)}T12:00:00+01:00`, validTo: `${shift(today(), 3)}T00:00:00+01:00` }])).statusCode).toBe(204);
    expect((await page()).product.badges).toEqual(['nouveau', 'promo']);
    expect(await searched()).toEqual(['nouveau', 'promo']);
  });
});
