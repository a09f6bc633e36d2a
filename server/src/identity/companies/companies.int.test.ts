import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { luhnCheckDigit } from '../rules/french-company-ids.ts';
import { frenchVatFromSiren } from '../rules/vat-numbers.ts';
import { auditLog, companies, workspaces } from '../schema.ts';

/**
 * Companies over HTTP: identifier validation (SIREN, SIRET, VAT/IDE), uniqueness,
 * who may create and edit, and the audit rows each write leaves.
 */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let companyAdmin: SignedIn;
let ftId: string;
let mtvId: string;
let winvestId: string;
let counter = 0;

/** A fresh, valid SIREN (Luhn key), never the all-zero one. */
function newSiren(): string {
  for (;;) {
    const payload = String(randomInt(10_000_000, 99_999_999));
    const siren = payload + luhnCheckDigit(payload);
    if (siren !== '000000000') return siren;
  }
}

function siretOf(siren: string, establishment = '0001'): string {
  const payload = siren + establishment;
  return payload + luhnCheckDigit(payload);
}

function frenchCompany(overrides: Record<string, unknown> = {}) {
  const siren = newSiren();
  return {
    legalName: `Société Test ${++counter} ${Date.now().toString(36)}`,
    brandName: `Test ${counter}`,
    siren,
    siret: siretOf(siren),
    vatNumber: frenchVatFromSiren(siren),
    country: 'FR',
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    addresses: [{ kind: 'head_office', line1: '1 rue du Test', postalCode: '75001', city: 'Paris', country: 'FR' }],
    ...overrides,
  };
}

function create(as: SignedIn, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/identity/companies', headers: as.headers, payload });
}

function patch(as: SignedIn, id: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/identity/companies/${id}`, headers: as.headers, payload });
}

/** Companies of Winvest with this legal name (another workspace may use the same name). */
async function byLegalName(legalName: string) {
  return test.runtime.db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, winvestId), eq(companies.legalName, legalName)));
}

async function auditOf(recordId: string, action: string) {
  return test.runtime.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.recordId, recordId), eq(auditLog.action, action), eq(auditLog.tableName, 'identity.company')));
}

function fields(response: { json(): { errors?: { field: string }[] } }): string[] {
  return (response.json().errors ?? []).map((e) => e.field);
}

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
  companyAdmin = await signIn(app, 'company-admin@winvest.demo');
  winvestId = (await test.runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'winvest')))[0]!.id;
  ftId = (await byLegalName('France Téléphone'))[0]!.id;
  mtvId = (await byLegalName('Mondial TV'))[0]!.id;
});
afterAll(() => test.close());

describe('creating a company', () => {
  it.each([
    ['an invalid SIREN (Luhn)', { siren: '530895710', siret: null, vatNumber: null }, 'body.siren'],
    ['a SIREN of the wrong length', { siren: '12345678', siret: null, vatNumber: null }, 'body.siren'],
    ['an invalid SIRET (Luhn)', { siret: 'BAD' }, 'body.siret'],
    ['a SIRET of another SIREN', { siret: 'OTHER' }, 'body.siret'],
    ['a VAT number with the wrong key', { vatNumber: 'WRONG_KEY' }, 'body.vatNumber'],
    ['a VAT number of another SIREN', { vatNumber: 'OTHER' }, 'body.vatNumber'],
    ['a malformed VAT number', { vatNumber: 'FR-not-a-number' }, 'body.vatNumber'],
  ])('refuses %s with 400 on that field and creates nothing', async (_what, override, field) => {
    const base = frenchCompany();
    const other = newSiren();
    const values: Record<string, unknown> = { ...base, ...override };
    // Luhn catches any single changed digit.
    if (values.siret === 'BAD') values.siret = base.siret.slice(0, 13) + String((Number(base.siret.at(-1)) + 1) % 10);
    if (values.siret === 'OTHER') values.siret = siretOf(other);
    if (values.vatNumber === 'WRONG_KEY') {
      const key = Number(base.vatNumber.slice(2, 4));
      values.vatNumber = `FR${String((key + 1) % 97).padStart(2, '0')}${base.siren}`;
    }
    if (values.vatNumber === 'OTHER') values.vatNumber = frenchVatFromSiren(other);

    const response = await create(admin, values);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().type).toBe(problemType('validation'));
    expect(fields(response)).toContain(field);
    expect(await byLegalName(base.legalName)).toHaveLength(0);
  });

  it('names every bad identifier at once', async () => {
    const base = frenchCompany({ siren: '530895710', siret: '53089571000010', vatNumber: 'FR00530895710' });
    const response = await create(admin, base);
    expect(response.statusCode).toBe(400);
    expect(fields(response)).toEqual(expect.arrayContaining(['body.siren', 'body.siret', 'body.vatNumber']));
    expect(await byLegalName(base.legalName as string)).toHaveLength(0);
  });

  it('creates a valid French company (201) with an audit row holding the new values', async () => {
    const input = frenchCompany();
    // People type identifiers with spaces: they are stored compact.
    const spaced = { ...input, siren: `${input.siren.slice(0, 3)} ${input.siren.slice(3, 6)} ${input.siren.slice(6)}`, vatNumber: ` ${input.vatNumber.toLowerCase()} ` };
    const response = await create(admin, spaced);
    expect(response.statusCode, response.body).toBe(201);
    const company = response.json();
    expect(company).toMatchObject({
      legalName: input.legalName,
      siren: input.siren,
      siret: input.siret,
      vatNumber: input.vatNumber,
      country: 'FR',
      currency: 'EUR',
      isActive: true,
    });

    const [audit] = await auditOf(company.id, 'create');
    expect(audit).toMatchObject({
      actorLabel: 'admin@winvest.demo',
      companyId: company.id,
      before: null,
      after: expect.objectContaining({ legalName: input.legalName, siren: input.siren, vatNumber: input.vatNumber, brandName: input.brandName }),
    });
    const list = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: admin.headers });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(company.id);
  });

  it('creates a Swiss company with an IDE/TVA number', async () => {
    const response = await create(admin, {
      legalName: `Suisse Test ${Date.now().toString(36)} SA`,
      brandName: 'Suisse Test',
      vatNumber: 'CHE-116.281.710 TVA',
      country: 'CH',
      currency: 'CHF',
      timeZone: 'Europe/Zurich',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ vatNumber: 'CHE-116.281.710 TVA', siren: null, siret: null, country: 'CH', currency: 'CHF' });

    const wrongCheck = await create(admin, {
      legalName: `Suisse Faux ${Date.now().toString(36)} SA`,
      brandName: 'Suisse Faux',
      vatNumber: 'CHE-116.281.711 TVA',
      country: 'CH',
      currency: 'CHF',
      timeZone: 'Europe/Zurich',
    });
    expect(wrongCheck.statusCode).toBe(400);
    expect(fields(wrongCheck)).toContain('body.vatNumber');
  });

  it('refuses a duplicate legal name or SIREN in the workspace with 409', async () => {
    const duplicateName = await create(admin, frenchCompany({ legalName: 'France Téléphone' }));
    expect(duplicateName.statusCode, duplicateName.body).toBe(409);
    expect(fields(duplicateName)).toContain('body.legalName');
    expect(await byLegalName('France Téléphone')).toHaveLength(1);

    const duplicateSiren = await create(admin, frenchCompany({ siren: '800397291', siret: '80039729100017', vatNumber: 'FR50800397291' }));
    expect(duplicateSiren.statusCode, duplicateSiren.body).toBe(409);
    expect(fields(duplicateSiren)).toContain('body.siren');
  });

  it('the same legal name is fine in another workspace', async () => {
    const pygmalion = await signIn(app, 'admin@pygmalion.demo');
    const response = await create(pygmalion, frenchCompany({ legalName: 'France Téléphone' }));
    expect(response.statusCode, response.body).toBe(201);
  });

  it('only a whole-workspace manager creates companies: sales and company admins get 403', async () => {
    const sales = await signIn(app, 'sales@winvest.demo');
    for (const who of [sales, companyAdmin]) {
      const input = frenchCompany();
      const response = await create(who, input);
      expect(response.statusCode, response.body).toBe(403);
      expect(await byLegalName(input.legalName)).toHaveLength(0);
    }
  });
});

describe('editing a company', () => {
  it('the company admin of France Téléphone edits it (200) with an audit row before/after', async () => {
    const [before] = await byLegalName('France Téléphone');
    const response = await patch(companyAdmin, ftId, { brandName: 'FT Mobile', brandTheme: { primaryColor: '#112233' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ brandName: 'FT Mobile', brandTheme: { primaryColor: '#112233' }, siren: '800397291' });

    const audits = await auditOf(ftId, 'update');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorLabel: 'company-admin@winvest.demo',
      actorRole: 'company_admin',
      companyId: ftId,
      before: expect.objectContaining({ brandName: before!.brandName, brandTheme: before!.brandTheme }),
      after: expect.objectContaining({ brandName: 'FT Mobile', brandTheme: { primaryColor: '#112233' } }),
    });
  });

  it('re-checks identifiers against the stored ones', async () => {
    const response = await patch(admin, ftId, { siret: siretOf(newSiren()) });
    expect(response.statusCode, response.body).toBe(400);
    expect(fields(response)).toContain('body.siret');
    const [row] = await byLegalName('France Téléphone');
    expect(row!.siret).toBe('80039729100017');
  });

  it('the company admin of France Téléphone gets 404 on Mondial TV and changes nothing', async () => {
    const response = await patch(companyAdmin, mtvId, { brandName: 'Pwned' });
    expect(response.statusCode, response.body).toBe(404);
    expect((await byLegalName('Mondial TV'))[0]!.brandName).toBe('Mondial TV');
    expect(await auditOf(mtvId, 'update')).toHaveLength(0);
    expect((await app.inject({ method: 'GET', url: `/api/identity/companies/${mtvId}`, headers: companyAdmin.headers })).statusCode).toBe(404);
  });

  it('a sales user may read their company but not edit it', async () => {
    const sales = await signIn(app, 'sales@winvest.demo');
    const list = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: sales.headers });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([mtvId]);
    const response = await patch(sales, mtvId, { brandName: 'Mondial' });
    expect(response.statusCode).toBe(403);
  });

  it('renaming onto another company’s legal name is a 409', async () => {
    const response = await patch(admin, mtvId, { legalName: 'USGP' });
    expect(response.statusCode, response.body).toBe(409);
  });
});
