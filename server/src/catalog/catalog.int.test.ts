import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import type { App } from '../platform/module.ts';
import { seedCatalogDemo } from './seed/seed-catalog-demo.ts';

let test: TestRuntime;
let app: App;
let admin: SignedIn;

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
});
afterAll(() => test.close());

async function quote(who: SignedIn, body: object) {
  return app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: who.headers, payload: body });
}

describe('quotes of the demo catalog match the seeds', () => {
  it.each([
    ['BASIC', 990, 825, 165],
    ['CONFORT', 1990, 1658, 332],
    ['PREMIUM', 2990, 2492, 498],
  ])('Mondial TV %s: %i TTC monthly (TVA 20 %%)', async (plan, ttc, ht, tva) => {
    const response = await quote(admin, { sku: 'MTV-OFFRE-001', plan, quantity: 1, attributes: { client_type: 'particulier', age: 25 }, date: '2026-03-01', channel: 'web', promotion_code: null });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ currency: 'EUR', product_version: 1, total_incl_tax: ttc, total_excl_tax: ht, total_tax: tva });
    expect(body.lines[0]).toMatchObject({ unit_amount: ttc, quantity: 1, recurrence: 'monthly', monthly_equivalent: ttc, tax_rate_bp: 2000 });
    expect(body.total_excl_tax + body.total_tax).toBe(body.total_incl_tax);
  });

  it('Depanssur: 100 € one-shot TTC', async () => {
    const body = (await quote(admin, { sku: 'DEP-SERVICE-001' })).json();
    expect(body).toMatchObject({ total_incl_tax: 10_000, total_excl_tax: 8333, total_tax: 1667 });
    expect(body.lines[0].monthly_equivalent).toBeNull();
  });

  it('Action Prévoyance is priced by the partner: a clear problem until the connector exists', async () => {
    const response = await quote(admin, { sku: 'AP-SANTE-001' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'partner_pricing_unavailable' });
  });

  it.each([
    [{ client_type: 'particulier', age: 25 }, 18_500, 1542],
    [{ client_type: 'particulier', age: 20 }, 8500, 708],
    [{ client_type: 'particulier', age: 16 }, 0, 0],
    [{ client_type: 'particulier', birth_date: '2000-05-01' }, 18_500, 1542],
    [{ client_type: 'particulier', age: 40, free: true }, 0, 0],
    [{ client_type: 'entreprise', employees: 0 }, 16_000, 1333],
    [{ client_type: 'entreprise', employees: 1 }, 26_000, 2167],
    [{ client_type: 'entreprise', employees: 2 }, 36_000, 3000],
    [{ client_type: 'entreprise', employees: 4 }, 46_000, 3833],
    [{ client_type: 'entreprise', employees: 10 }, 56_000, 4667],
    [{ client_type: 'entreprise', employees: 20 }, 66_000, 5500],
    [{ client_type: 'entreprise', employees: 30 }, 76_000, 6333],
    [{ client_type: 'entreprise', employees: 250 }, 86_000, 7167],
  ])('WIN WIN mandate %o → CHF %i / year (public quote, no sign-in)', async (attributes, total, monthly) => {
    const response = await app.inject({ method: 'POST', url: '/api/public/winwin/pricing/quote', payload: { sku: 'WW-MANDAT-GESTION', attributes, date: '2026-11-23' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.currency).toBe('CHF');
    expect(body.total_incl_tax).toBe(total);
    expect(body.lines[0].monthly_equivalent).toBe(monthly);
  });

  it('MécaFormation coaching (exempt training) and subscription', async () => {
    const meca = await signIn(app, 'admin@mecaformation.demo');
    const primo = (await quote(meca, { sku: 'MECA-COACHING', plan: 'PRIMO' })).json();
    expect(primo).toMatchObject({ total_incl_tax: 89_000, total_tax: 0 });
    expect(primo.lines[0].tax_mention).toMatch(/261-4-4/);
    expect((await quote(meca, { sku: 'MECA-COACHING', plan: 'GARAGES_PRO' })).json().total_incl_tax).toBe(149_000);
    expect((await quote(meca, { sku: 'MECA-ABONNEMENT', plan: 'MENSUEL' })).json().total_incl_tax).toBe(2900);
  });

  it('answers 400 naming the field for input it cannot price', async () => {
    const missingAge = await app.inject({ method: 'POST', url: '/api/public/winwin/pricing/quote', payload: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier' } } });
    expect(missingAge.statusCode).toBe(400);
    expect(missingAge.json().errors[0].field).toMatch(/^body\.attributes/);
    const unknownPlan = await quote(admin, { sku: 'MTV-OFFRE-001', plan: 'GOLD' });
    expect(unknownPlan.statusCode).toBe(400);
    expect(unknownPlan.json().errors[0].field).toMatch(/^body\.plan/);
    const badQuantity = await quote(admin, { sku: 'MTV-OFFRE-001', plan: 'BASIC', quantity: 0 });
    expect(badQuantity.statusCode).toBe(400);
    expect(badQuantity.json().errors[0].field).toBe('body.quantity');
  });

  it('applies a negotiated price to its customer only, until it is withdrawn', async () => {
    const products = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=MTV-OFFRE-001', headers: admin.headers })).json().items;
    const productId = products.find((p: { sku: string }) => p.sku === 'MTV-OFFRE-001').id;
    const agreed = await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/negotiated-prices`, headers: admin.headers, payload: { customerRef: 'CLIENT-42', planCode: 'BASIC', amount: 790 } });
    expect(agreed.statusCode, agreed.body).toBe(201);
    const priced = async (customer_ref?: string) => (await quote(admin, { sku: 'MTV-OFFRE-001', plan: 'BASIC', ...(customer_ref ? { customer_ref } : {}) })).json().total_incl_tax;
    expect(await priced('CLIENT-42')).toBe(790);
    expect(await priced('CLIENT-43')).toBe(990);
    expect(await priced()).toBe(990);
    const sales = await signIn(app, 'sales@winvest.demo');
    const listed = await app.inject({ method: 'GET', url: `/api/catalog/products/${productId}/negotiated-prices`, headers: sales.headers });
    expect(listed.json().items).toHaveLength(1);
    const refused = await app.inject({ method: 'DELETE', url: `/api/catalog/negotiated-prices/${agreed.json().id}`, headers: sales.headers });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/catalog/negotiated-prices/${agreed.json().id}`, headers: admin.headers })).statusCode).toBe(204);
    expect(await priced('CLIENT-42')).toBe(990);
  });

  it('does not quote a product that is not published on the web in public', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/public/winvest/pricing/quote', payload: { sku: 'AP-SANTE-001' } });
    expect(response.statusCode).toBe(404);
  });
});

describe('versions, lifecycle and publication', () => {
  let productId: string;
  let versionId: string;
  let companyId: string;
  let riskId: string;

  beforeAll(async () => {
    const companies = (await app.inject({ method: 'GET', url: '/api/identity/companies', headers: admin.headers })).json().items as { id: string; brandName: string }[];
    companyId = companies.find((c) => c.brandName === 'Action Prévoyance')!.id;
    const risk = await app.inject({ method: 'POST', url: '/api/catalog/risks', headers: admin.headers, payload: { companyId, code: 'PREVOYANCE', label: 'Prévoyance' } });
    riskId = risk.json().id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/catalog/products',
      headers: admin.headers,
      payload: { sku: 'AP-PREV-001', name: 'Prévoyance réglementée', companyId, riskId, revenueModel: 'revenue', effectiveFrom: '2026-01-01T00:00:00Z' },
    });
    expect(created.statusCode, created.body).toBe(201);
    productId = created.json().product.id;
    versionId = created.json().versionId;
    const plans = await app.inject({
      method: 'PUT',
      url: `/api/catalog/versions/${versionId}/plans`,
      headers: admin.headers,
      payload: { plans: [{ code: 'STANDARD', name: 'Standard', recurrence: 'monthly', rule: { type: 'fixed', amount: 2500, taxMode: 'incl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: { kind: 'recurring', every: 1, unit: 'month' } } }] },
    });
    expect(plans.statusCode, plans.body).toBe(204);
  });

  it('refuses a duplicate SKU with 409 naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/catalog/products', headers: admin.headers, payload: { sku: 'AP-PREV-001', name: 'x', companyId, riskId, revenueModel: 'revenue' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].field).toBe('body.sku');
  });

  it('refuses invalid lifecycle moves', async () => {
    const response = await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/transition`, headers: admin.headers, payload: { status: 'active' } });
    expect(response.statusCode).toBe(422);
  });

  it('refuses publication without the web documents and the accounting mapping, listing what is missing', async () => {
    await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/transition`, headers: admin.headers, payload: { status: 'test' } });
    const response = await app.inject({ method: 'POST', url: `/api/catalog/versions/${versionId}/publications`, headers: admin.headers, payload: { companyId, channels: ['web'], startAt: '2026-01-01T00:00:00Z' } });
    expect(response.statusCode).toBe(422);
    const codes = (response.json().missing as { code: string }[]).map((m) => m.code);
    expect(codes).toEqual(['document:DIPA', 'document:CG', 'accounting:revenue']);
  });

  it('publishes once documents and mapping are there; the live version is then frozen', async () => {
    for (const type of ['DIPA', 'CG']) {
      const doc = await app.inject({
        method: 'POST',
        url: `/api/catalog/versions/${versionId}/documents`,
        headers: admin.headers,
        payload: { type, title: `${type} Prévoyance`, fileName: `${type}.pdf`, contentType: 'application/pdf', contentBase64: Buffer.from(`%PDF-1.7 ${type}`).toString('base64'), mandatory: true },
      });
      expect(doc.statusCode, doc.body).toBe(201);
      const download = await app.inject({ method: 'GET', url: `/api/catalog/documents/${doc.json().id}/content`, headers: admin.headers });
      expect(download.body).toBe(`%PDF-1.7 ${type}`);
    }
    const catalogManager = await signIn(app, 'catalog@winvest.demo');
    const refused = await app.inject({ method: 'PUT', url: `/api/catalog/versions/${versionId}/accounting-mappings`, headers: catalogManager.headers, payload: { mappings: [{ companyId, nature: 'revenue', glAccount: '706000' }] } });
    expect(refused.statusCode).toBe(403);
    const accounting = await signIn(app, 'accounting@winvest.demo');
    const mapped = await app.inject({ method: 'PUT', url: `/api/catalog/versions/${versionId}/accounting-mappings`, headers: accounting.headers, payload: { mappings: [{ companyId, nature: 'revenue', glAccount: '706000' }] } });
    expect(mapped.statusCode).toBe(204);
    const checklist = await app.inject({ method: 'GET', url: `/api/catalog/versions/${versionId}/checklist?companyId=${companyId}&channels=web`, headers: admin.headers });
    expect(checklist.json().ready).toBe(true);
    const published = await app.inject({ method: 'POST', url: `/api/catalog/versions/${versionId}/publications`, headers: admin.headers, payload: { companyId, channels: ['web'], visibility: 'public', startAt: '2026-01-01T00:00:00Z' } });
    expect(published.statusCode, published.body).toBe(201);
    await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/transition`, headers: admin.headers, payload: { status: 'active' } });
    const edit = await app.inject({ method: 'PUT', url: `/api/catalog/versions/${versionId}/plans`, headers: admin.headers, payload: { plans: [] } });
    expect(edit.statusCode).toBe(409);
    const remove = await app.inject({ method: 'DELETE', url: `/api/catalog/products/${productId}`, headers: admin.headers });
    expect(remove.statusCode).toBe(409);
  });

  it('schedules a new version: the quote date picks the version in force, and the diff shows the price change', async () => {
    // Always in the future, whenever the test runs.
    const year = new Date().getUTCFullYear() + 2;
    const next = await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/versions`, headers: admin.headers, payload: { effectiveFrom: `${year}-01-01T00:00:00+01:00`, copyFromVersionId: versionId } });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ version: 2, state: 'scheduled' });
    const plans = await app.inject({
      method: 'PUT',
      url: `/api/catalog/versions/${next.json().id}/plans`,
      headers: admin.headers,
      payload: { plans: [{ code: 'STANDARD', name: 'Standard', recurrence: 'monthly', rule: { type: 'fixed', amount: 2700, taxMode: 'incl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: { kind: 'recurring', every: 1, unit: 'month' } } }] },
    });
    expect(plans.statusCode, plans.body).toBe(204);
    const before = (await quote(admin, { sku: 'AP-PREV-001', date: `${year - 1}-12-31` })).json();
    const after = (await quote(admin, { sku: 'AP-PREV-001', date: `${year}-01-01` })).json();
    expect([before.product_version, before.total_incl_tax]).toEqual([1, 2500]);
    expect([after.product_version, after.total_incl_tax]).toEqual([2, 2700]);
    const overlap = await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/versions`, headers: admin.headers, payload: { effectiveFrom: '2026-06-01T00:00:00Z', effectiveTo: '2026-08-01T00:00:00Z' } });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].field).toBe('body.effectiveFrom');
    const diff = await app.inject({ method: 'GET', url: `/api/catalog/versions/${versionId}/diff/${next.json().id}`, headers: admin.headers });
    expect(diff.json().changes.map((c: { section: string; key: string }) => `${c.section}:${c.key}`)).toEqual(['version:v1→v2', 'prices:STANDARD']);
  });

  it('quotes an unpublished version afresh after each price change (the quote cache forgets changed prices)', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/catalog/products', headers: admin.headers, payload: { sku: 'AP-CACHE-001', name: 'Cache', companyId, riskId, revenueModel: 'revenue', effectiveFrom: '2026-01-01T00:00:00Z' } });
    const versionId = created.json().versionId;
    const setPrice = (amount: number) =>
      app.inject({
        method: 'PUT',
        url: `/api/catalog/versions/${versionId}/plans`,
        headers: admin.headers,
        payload: { plans: [{ code: 'P', name: 'P', recurrence: 'one_shot', rule: { type: 'fixed', amount, taxMode: 'incl', taxCategory: 'standard', recurrence: { kind: 'one_time' } } }] },
      });
    expect((await setPrice(1000)).statusCode).toBe(204);
    expect((await quote(admin, { sku: 'AP-CACHE-001' })).json().total_incl_tax).toBe(1000);
    expect((await setPrice(1100)).statusCode).toBe(204);
    expect((await quote(admin, { sku: 'AP-CACHE-001' })).json().total_incl_tax).toBe(1100);
  });

  it('searches in French with accents ignored, and filters', async () => {
    const search = async (query: string) => (await app.inject({ method: 'GET', url: `/api/catalog/products?${query}`, headers: admin.headers })).json().items.map((p: { sku: string }) => p.sku);
    expect(await search('q=reglementees')).toEqual(['AP-PREV-001']);
    expect(await search('q=prevoy')).toContain('AP-PREV-001');
    expect(await search('pricingMode=partner_api')).toEqual(['AP-SANTE-001']);
    // An external mapping makes a product "integrated" (seed 003 §3.4 filter).
    const cache = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=AP-CACHE-001', headers: admin.headers })).json().items[0];
    const mapped = await app.inject({ method: 'PUT', url: `/api/catalog/products/${cache.id}/external-mappings`, headers: admin.headers, payload: { mappings: [{ system: 'OggoData', externalCode: 'OG-123' }] } });
    expect(mapped.statusCode, mapped.body).toBe(204);
    const twice = await app.inject({ method: 'PUT', url: `/api/catalog/products/${cache.id}/external-mappings`, headers: admin.headers, payload: { mappings: [{ system: 'A', externalCode: '1' }, { system: 'a', externalCode: '2' }] } });
    expect(twice.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/catalog/products/${cache.id}/external-mappings`, headers: admin.headers })).json().items).toEqual([{ system: 'OggoData', externalCode: 'OG-123', sharedWith: [] }]);
    expect(await search('integrated=true')).toEqual(expect.arrayContaining(['AP-SANTE-001', 'AP-CACHE-001']));
    expect(await search('q=cache')).toEqual(['AP-CACHE-001']);
    expect(await search('status=active&published=true&pricingMode=fixed')).toEqual(expect.arrayContaining(['MTV-OFFRE-001', 'DEP-SERVICE-001', 'AP-PREV-001']));
    const sales = await signIn(app, 'sales@winvest.demo');
    const seen = (await app.inject({ method: 'GET', url: '/api/catalog/products', headers: sales.headers })).json().items.map((p: { sku: string }) => p.sku);
    expect(seen).toEqual(['MTV-OFFRE-001']);
    // Words only (the prepared statements): the same scope, and the total counted in the same query.
    const words = async (who: SignedIn, query: string) => (await app.inject({ method: 'GET', url: `/api/catalog/products?${query}`, headers: who.headers })).json();
    expect((await words(sales, 'q=offre')).items.map((p: { sku: string }) => p.sku)).toEqual(['MTV-OFFRE-001']);
    expect((await words(sales, 'q=prevoy')).items).toEqual([]);
    const all = await words(admin, 'q=prev');
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(1);
    expect(await words(admin, 'q=prev&limit=1')).toMatchObject({ total: all.total, items: [all.items[0]] });
    expect(await words(admin, `q=prev&offset=${all.total}`)).toEqual({ total: all.total, items: [] });
    expect(await words(admin, 'q=prev&status=active&offset=500')).toMatchObject({ items: [] });
  });
});
