import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { nextInvalidation, settleInvalidations, writeFromOutside } from '../../../test/support/invalidation-probes.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { companies, workspaces } from '../../identity/schema.ts';
import type { App } from '../../platform/module.ts';
import { products, productVersions, publications } from '../schema.ts';
import { seedCatalogDemo } from '../seed/seed-catalog-demo.ts';
import { quoteCaches } from './quote-cache.ts';

/**
 * The quote's in-memory lookups (quote-cache.ts): a change is quoted from the next request on
 * when this process makes it, and once its NOTIFY arrives when it is made elsewhere; entries
 * of one workspace are never served to, nor dropped by, another; the actor's company scope
 * and the public catalogue's publication windows are checked on every quote.
 */
let test: TestRuntime;
let app: App;
let winvest: SignedIn;
let winwin: SignedIn;
const workspaceIds: Record<string, string> = {};

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  app = await test.app();
  winvest = await signIn(app, 'admin@winvest.demo');
  winwin = await signIn(app, 'admin@winwin.demo');
  for (const row of await test.runtime.db.select().from(workspaces)) workspaceIds[row.slug] = row.id;
});
afterAll(() => test.close());

const rule = (amount: number) => ({ type: 'fixed', amount, taxMode: 'incl', taxCategory: 'standard', recurrence: { kind: 'one_time' } });

async function quote(who: SignedIn, body: object) {
  return app.inject({ method: 'POST', url: '/api/catalog/pricing/quote', headers: who.headers, payload: body });
}
async function price(who: SignedIn, body: object): Promise<number> {
  const response = await quote(who, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().total_incl_tax;
}

/** A product of the workspace's company with one price from 2026-01-01 (created through the API). */
async function productWithPrice(who: SignedIn, legalName: string, sku: string, amount: number) {
  const [company] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, legalName));
  const risk = await app.inject({ method: 'POST', url: '/api/catalog/risks', headers: who.headers, payload: { companyId: company!.id, code: `R-${sku}`, label: 'Risque' } });
  expect(risk.statusCode, risk.body).toBe(201);
  const created = await app.inject({
    method: 'POST',
    url: '/api/catalog/products',
    headers: who.headers,
    payload: { sku, name: `Produit ${sku}`, companyId: company!.id, riskId: risk.json().id, revenueModel: 'revenue', effectiveFrom: '2026-01-01T00:00:00Z' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const versionId = created.json().versionId as string;
  await setPrice(who, versionId, amount);
  return { productId: created.json().product.id as string, versionId };
}

async function setPrice(who: SignedIn, versionId: string, amount: number) {
  const response = await app.inject({ method: 'PUT', url: `/api/catalog/versions/${versionId}/plans`, headers: who.headers, payload: { plans: [{ code: 'P', name: 'P', recurrence: 'one_shot', rule: rule(amount) }] } });
  expect(response.statusCode, response.body).toBe(204);
}

const cachedProduct = (workspace: string, sku: string) => quoteCaches(test.runtime.invalidation).products.get(`${workspaceIds[workspace]} sku ${sku}`, Date.now());

/** Quotes until the product is served from memory (a NOTIFY of the setup's own writes may drop the first entry). */
async function cachedPrice(who: SignedIn, workspace: string, body: { sku: string; date?: string }): Promise<number> {
  await settleInvalidations(test);
  let amount = 0;
  await eventually(async () => {
    amount = await price(who, body);
    return cachedProduct(workspace, body.sku) !== undefined;
  }, 'the product to be cached');
  return amount;
}

describe('changes made by this process are quoted from the next request on', () => {
  it('a new version scheduled after the product was cached, and its price', async () => {
    const { productId, versionId } = await productWithPrice(winvest, 'Action Prévoyance', 'CACHE-SCHED-001', 1000);
    const year = new Date().getUTCFullYear() + 2; // a version scheduled in the future, whenever the test runs
    const inNextVersion = `${year}-02-01`;
    expect(await cachedPrice(winvest, 'winvest', { sku: 'CACHE-SCHED-001', date: inNextVersion })).toBe(1000);
    const next = await app.inject({ method: 'POST', url: `/api/catalog/products/${productId}/versions`, headers: winvest.headers, payload: { effectiveFrom: `${year}-01-01T00:00:00+01:00`, copyFromVersionId: versionId } });
    expect(next.statusCode, next.body).toBe(201);
    expect(cachedProduct('winvest', 'CACHE-SCHED-001')).toBeUndefined();
    expect(await price(winvest, { sku: 'CACHE-SCHED-001', date: inNextVersion })).toBe(1000);
    await setPrice(winvest, next.json().id, 1200);
    expect(await price(winvest, { sku: 'CACHE-SCHED-001', date: inNextVersion })).toBe(1200);
    expect(await price(winvest, { sku: 'CACHE-SCHED-001', date: '2026-06-01' })).toBe(1000);
  });
});

describe('changes made elsewhere are quoted once their NOTIFY arrives', () => {
  it('a price rewritten by SQL, then the version closed by SQL', async () => {
    const { versionId } = await productWithPrice(winvest, 'Action Prévoyance', 'CACHE-SQL-001', 1000);
    expect(await cachedPrice(winvest, 'winvest', { sku: 'CACHE-SQL-001' })).toBe(1000);
    const repriced = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'catalog' && i.workspaceId === workspaceIds.winvest);
    await writeFromOutside(test, `update catalog.pricing_rule set payload = jsonb_set(payload, '{amount}', '1500') where product_version_id = $1`, [versionId]);
    await repriced;
    expect(await price(winvest, { sku: 'CACHE-SQL-001' })).toBe(1500);
    const closed = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'catalog' && i.workspaceId === workspaceIds.winvest);
    await writeFromOutside(test, `update catalog.product_version set effective_to = '2026-03-01T00:00:00Z' where id = $1`, [versionId]);
    await closed;
    expect((await quote(winvest, { sku: 'CACHE-SQL-001', date: '2026-02-01' })).statusCode).toBe(200);
    expect((await quote(winvest, { sku: 'CACHE-SQL-001', date: '2026-03-02' })).statusCode).toBe(422);
  });
});

describe('tenancy', () => {
  it('the same SKU in two workspaces: each quotes its own, and a change in one leaves the other cached', async () => {
    const ours = await productWithPrice(winvest, 'Action Prévoyance', 'SAME-SKU-001', 1000);
    await productWithPrice(winwin, 'WIN WIN Finance Sàrl', 'SAME-SKU-001', 2000);
    expect(await cachedPrice(winvest, 'winvest', { sku: 'SAME-SKU-001' })).toBe(1000);
    expect(await cachedPrice(winwin, 'winwin', { sku: 'SAME-SKU-001' })).toBe(2000);
    expect(cachedProduct('winvest', 'SAME-SKU-001')).toBeDefined();
    expect((await quote(winwin, { sku: 'SAME-SKU-001' })).json().currency).toBe('CHF');
    expect((await quote(winvest, { sku: 'SAME-SKU-001' })).json().currency).toBe('EUR');
    await setPrice(winvest, ours.versionId, 1100);
    expect(cachedProduct('winvest', 'SAME-SKU-001')).toBeUndefined();
    expect(cachedProduct('winwin', 'SAME-SKU-001')).toBeDefined();
    expect(await price(winvest, { sku: 'SAME-SKU-001' })).toBe(1100);
    expect(await price(winwin, { sku: 'SAME-SKU-001' })).toBe(2000);
  });

  it('checks the actor’s companies on every quote, even for a product another actor had cached', async () => {
    expect(await cachedPrice(winvest, 'winvest', { sku: 'DEP-SERVICE-001' })).toBe(10_000);
    const sales = await signIn(app, 'sales@winvest.demo');
    expect((await quote(sales, { sku: 'DEP-SERVICE-001' })).statusCode).toBe(404);
    expect((await quote(sales, { sku: 'MTV-OFFRE-001', plan: 'BASIC' })).statusCode).toBe(200);
    // And a product of another workspace is unknown, cached there or not.
    expect((await quote(winwin, { sku: 'DEP-SERVICE-001' })).statusCode).toBe(404);
  });

  it('the public catalogue: a product leaves it the moment its publication ends', async () => {
    const publicQuote = () => app.inject({ method: 'POST', url: '/api/public/winwin/pricing/quote', payload: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 25 } } });
    await settleInvalidations(test);
    expect((await publicQuote()).statusCode).toBe(200);
    expect((await publicQuote()).statusCode).toBe(200);
    const live = await test.runtime.db
      .select({ id: publications.id })
      .from(publications)
      .innerJoin(productVersions, eq(productVersions.id, publications.productVersionId))
      .innerJoin(products, eq(products.id, productVersions.productId))
      .where(and(eq(products.sku, 'WW-MANDAT-GESTION'), eq(products.workspaceId, workspaceIds.winwin!)));
    for (const { id } of live) {
      expect((await app.inject({ method: 'POST', url: `/api/catalog/publications/${id}/end`, headers: winwin.headers })).statusCode).toBe(204);
    }
    expect((await publicQuote()).statusCode).toBe(404);
    // Another workspace's public catalogue never answers for winwin's products.
    expect((await app.inject({ method: 'POST', url: '/api/public/winvest/pricing/quote', payload: { sku: 'WW-MANDAT-GESTION' } })).statusCode).toBe(404);
  });
});
