import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { seedCatalogDemo } from '../catalog/seed/seed-catalog-demo.ts';
import type { App } from '../platform/module.ts';

// The scheme editor's preview: the simulator on a chosen version of the product (a scheduled one being edited).
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

describe('simulate a version', () => {
  it('uses the given version’s scheme, the one in force without it, and refuses another product’s version', async () => {
    const items = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=AP-SANTE-001', headers: admin.headers })).json().items as { id: string; sku: string; companyId: string }[];
    const product = items.find((p) => p.sku === 'AP-SANTE-001')!;
    const detail = (await app.inject({ method: 'GET', url: `/api/catalog/products/${product.id}`, headers: admin.headers })).json() as { versions: { id: string; state: string }[] };
    const current = detail.versions.find((v) => v.state === 'current')!;
    const created = await app.inject({ method: 'POST', url: `/api/catalog/products/${product.id}/versions`, headers: admin.headers, payload: { effectiveFrom: '2031-01-01T00:00:00Z', copyFromVersionId: current.id } });
    expect(created.statusCode, created.body).toBe(201);
    const scheduled = created.json().id as string;
    const put = await app.inject({
      method: 'PUT',
      url: `/api/catalog/versions/${scheduled}/commissions`,
      headers: admin.headers,
      payload: { schemes: [{ appliesTo: 'both', settlement: 'upfront', split: { partner: '0.7', company: '0.3' }, tiers: [{ basis: 'volume', min: '0', max: '10', valueType: 'percent', value: '10' }, { basis: 'volume', min: '10', max: null, valueType: 'percent', value: '15' }] }] },
    });
    expect(put.statusCode, put.body).toBe(204);

    const simulate = (payload: object) => app.inject({ method: 'POST', url: `/api/commissions/companies/${product.companyId}/simulate`, headers: admin.headers, payload: { productId: product.id, volume: 20, amount: 20 * 100_000, date: '2031-02-01', ...payload } });
    const edited = await simulate({ versionId: scheduled });
    expect(edited.statusCode, edited.body).toBe(200);
    // All-units (the catalog's default): 20 sales reach the 15 % tier, 20 × 1 000,00 € × 15 % = 3 000,00 €, split 70/30.
    expect(edited.json()).toMatchObject({ hasScheme: true, total: 300_000 });
    expect(Object.fromEntries((edited.json().beneficiaries as { role: string; amount: number }[]).map((b) => [b.role, b.amount]))).toEqual({ partner: 210_000, company: 90_000 });

    // Without a version, the one in force: the demo's scheme has a split but neither rate nor tiers.
    const inForce = await simulate({});
    expect(inForce.statusCode, inForce.body).toBe(400);
    expect(inForce.json().errors).toEqual([{ field: 'body.scheme.rate', message: 'Un taux ou des paliers, l’un des deux.' }]);

    const other = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=MTV-OFFRE-001', headers: admin.headers })).json().items[0] as { id: string };
    const otherVersion = ((await app.inject({ method: 'GET', url: `/api/catalog/products/${other.id}`, headers: admin.headers })).json() as { versions: { id: string }[] }).versions[0]!.id;
    const refused = await simulate({ versionId: otherVersion });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'body.versionId', message: 'version inconnue' }]);
  });

  it('stores the §3.3 params of a scheme, refuses bad ones on their field, and the simulator applies them', async () => {
    const items = (await app.inject({ method: 'GET', url: '/api/catalog/products?q=AP-SANTE-001', headers: admin.headers })).json().items as { id: string; sku: string; companyId: string }[];
    const product = items.find((p) => p.sku === 'AP-SANTE-001')!;
    const detail = (await app.inject({ method: 'GET', url: `/api/catalog/products/${product.id}`, headers: admin.headers })).json() as { versions: { id: string; state: string }[] };
    const current = detail.versions.find((v) => v.state === 'current')!;
    const version = (await app.inject({ method: 'POST', url: `/api/catalog/products/${product.id}/versions`, headers: admin.headers, payload: { effectiveFrom: '2032-01-01T00:00:00Z', copyFromVersionId: current.id } })).json().id as string;
    const put = (params: object) =>
      app.inject({ method: 'PUT', url: `/api/catalog/versions/${version}/commissions`, headers: admin.headers, payload: { schemes: [{ settlement: 'upfront', split: { company: '1' }, tiers: [{ basis: 'volume', min: '0', max: null, valueType: 'percent', value: '10' }], params }] } });
    const bad = await put({ clawback: { months: 0, rule: 'full' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().errors as { field: string }[]).map((e) => e.field)).toContain('body.schemes.0.params.clawback.months');
    const unknown = await put({ bonus: 1 });
    expect(unknown.statusCode).toBe(400);

    const params = { accrual: 'precompte', perLine: { max: 5_000 }, due: { day: 15, monthsAfter: 1 } };
    expect((await put(params)).statusCode).toBe(204);
    const stored = (await app.inject({ method: 'GET', url: `/api/catalog/versions/${version}`, headers: admin.headers })).json().commissionSchemes as { params: object }[];
    expect(stored[0]!.params).toEqual(params);
    // 3 sales of 1 000,00 € at 10 %: 100,00 € each, capped at 50,00 € per line.
    const simulated = await app.inject({ method: 'POST', url: `/api/commissions/companies/${product.companyId}/simulate`, headers: admin.headers, payload: { productId: product.id, versionId: version, volume: 3, amount: 300_000, date: '2032-02-01' } });
    expect(simulated.statusCode, simulated.body).toBe(200);
    expect(simulated.json().total).toBe(15_000);
  });
});
