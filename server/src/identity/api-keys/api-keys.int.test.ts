import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { hashToken } from '../rules/secure-token.ts';
import { apiKeys, auditLog, companies } from '../schema.ts';

/**
 * Integration keys: shown once, stored hashed, scoped to one company and to the
 * permissions integrations may have, rotated, revoked and expiring (controlled clock).
 */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let companyAdmin: SignedIn;
let ftId: string;
let mtvId: string;
let current = new Date();
const clock = { now: () => current };
let counter = 0;

async function companyId(legalName: string): Promise<string> {
  const [row] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, legalName));
  return row!.id;
}

function createKey(as: SignedIn, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/api/identity/api-keys',
    headers: as.headers,
    payload: { name: `Clé ${++counter}`, companyId: ftId, scopes: ['catalog.read'], expiresInDays: 30, ...payload },
  });
}

async function newKey(as: SignedIn = admin, payload: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const response = await createKey(as, payload);
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json().apiKey.id, secret: response.json().secret };
}

function asKey(secret: string, url = '/api/identity/roles') {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });
}

async function keyRow(id: string) {
  const [row] = await test.runtime.db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row!;
}

beforeAll(async () => {
  test = await startTestRuntime({ clock });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  ftId = await companyId('France Téléphone');
  mtvId = await companyId('Mondial TV');
});
afterAll(() => test.close());
// Fresh sessions per test: the expiry test moves the clock past the 12-hour session lifetime.
beforeEach(async () => {
  admin = await signIn(app, 'admin@winvest.demo');
  companyAdmin = await signIn(app, 'company-admin@winvest.demo');
});

describe('API keys', () => {
  it('shows the secret once at creation; lists never contain it; only its hash is stored', async () => {
    const response = await createKey(admin, { name: 'ERP France Téléphone', scopes: ['catalog.read', 'sales.read'] });
    expect(response.statusCode, response.body).toBe(201);
    const { apiKey, secret } = response.json();
    expect(secret).toMatch(/^ck_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey).toMatchObject({ name: 'ERP France Téléphone', companyId: ftId, scopes: ['catalog.read', 'sales.read'], lastUsedAt: null, revokedAt: null });
    expect(apiKey.prefix).toBe(secret.slice(0, 10));
    expect(new Date(apiKey.expiresAt).getTime()).toBe(current.getTime() + 30 * 86_400_000);

    const list = await app.inject({ method: 'GET', url: '/api/identity/api-keys', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(hashToken(secret));
    const row = await keyRow(apiKey.id);
    expect(row.keyHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const [audit] = await test.runtime.db.select().from(auditLog).where(eq(auditLog.recordId, apiKey.id));
    expect(audit).toMatchObject({ action: 'create', tableName: 'identity.api_key', companyId: ftId });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('authenticates as Bearer on routes any caller may use, is refused what its scopes do not cover, and records its use', async () => {
    const key = await newKey();
    const roles = await asKey(key.secret);
    expect(roles.statusCode, roles.body).toBe(200);
    expect(roles.json().apiKeyScopes).toContain('catalog.read');
    expect((await keyRow(key.id)).lastUsedAt?.getTime()).toBe(current.getTime());

    // companies.read is not an API-key scope.
    const companiesList = await asKey(key.secret, '/api/identity/companies');
    expect(companiesList.statusCode, companiesList.body).toBe(403);
    expect(companiesList.json().type).toBe(problemType('forbidden'));
    // Keys cannot manage keys, people, or read the audit trail; they have no profile.
    for (const url of ['/api/identity/api-keys', '/api/identity/users', '/api/identity/audit', '/api/auth/me']) {
      expect((await asKey(key.secret, url)).statusCode, url).toBe(403);
    }
    const selfCreate = await app.inject({
      method: 'POST',
      url: '/api/identity/api-keys',
      headers: { authorization: `Bearer ${key.secret}` },
      payload: { name: 'Escalade', companyId: ftId, scopes: ['catalog.read'] },
    });
    expect(selfCreate.statusCode).toBe(403);

    // A made-up key with the right prefix is nobody.
    const fake = await asKey(`ck_${'x'.repeat(43)}`);
    expect(fake.statusCode).toBe(401);
  });

  it('rotation: the old secret stops at once, the new one works with the same name, company and scopes', async () => {
    const old = await newKey(admin, { name: 'Rotation', scopes: ['catalog.read', 'pricing.simulate'], expiresInDays: 60 });
    const rotate = await app.inject({ method: 'POST', url: `/api/identity/api-keys/${old.id}/rotate`, headers: admin.headers });
    expect(rotate.statusCode, rotate.body).toBe(201);
    const { apiKey, secret } = rotate.json();
    expect(secret).not.toBe(old.secret);
    expect(apiKey.id).not.toBe(old.id);
    expect(apiKey).toMatchObject({ name: 'Rotation', companyId: ftId, scopes: ['catalog.read', 'pricing.simulate'] });
    expect(new Date(apiKey.expiresAt).getTime()).toBe(current.getTime() + 60 * 86_400_000);
    expect((await keyRow(apiKey.id)).rotatedFromId).toBe(old.id);

    expect((await asKey(old.secret)).statusCode).toBe(401);
    expect((await asKey(secret)).statusCode).toBe(200);
    expect((await keyRow(old.id)).revokedAt).not.toBeNull();

    const again = await app.inject({ method: 'POST', url: `/api/identity/api-keys/${old.id}/rotate`, headers: admin.headers });
    expect(again.statusCode).toBe(409);
  });

  it('revocation: the secret stops at once; revoking again is harmless', async () => {
    const key = await newKey();
    expect((await asKey(key.secret)).statusCode).toBe(200);
    const revoke = await app.inject({ method: 'DELETE', url: `/api/identity/api-keys/${key.id}`, headers: admin.headers });
    expect(revoke.statusCode, revoke.body).toBe(204);
    const refused = await asKey(key.secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().type).toBe(problemType('unauthorized'));
    expect((await app.inject({ method: 'DELETE', url: `/api/identity/api-keys/${key.id}`, headers: admin.headers })).statusCode).toBe(204);
    const audits = await test.runtime.db.select().from(auditLog).where(eq(auditLog.recordId, key.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'revoke']);
  });

  it('expiry: a key stops working once its lifetime is over', async () => {
    const key = await newKey(admin, { expiresInDays: 1 });
    current = new Date(current.getTime() + 86_400_000 - 60_000);
    expect((await asKey(key.secret)).statusCode).toBe(200);
    current = new Date(current.getTime() + 2 * 60_000);
    expect((await asKey(key.secret)).statusCode).toBe(401);
  });

  it('refuses scopes outside the API-key list with 400 on body.scopes, and creates nothing', async () => {
    for (const scopes of [['users.manage'], ['catalog.read', 'apiKeys.manage'], ['workspace.manage'], ['audit.read'], ['companies.read'], []]) {
      const name = `Refusée ${scopes.join('+') || 'vide'}`;
      const response = await createKey(admin, { name, scopes });
      expect(response.statusCode, `${scopes}: ${response.body}`).toBe(400);
      expect(response.json().errors.some((e: { field: string }) => e.field.startsWith('body.scopes')), response.body).toBe(true);
      expect(await test.runtime.db.select().from(apiKeys).where(eq(apiKeys.name, name))).toHaveLength(0);
    }
    const badLifetime = await createKey(admin, { expiresInDays: 366 });
    expect(badLifetime.statusCode).toBe(400);
  });

  it('a company admin of France Téléphone manages FT keys only', async () => {
    const mtvKey = await newKey(admin, { companyId: mtvId, name: 'Clé Mondial TV' });

    const refused = await createKey(companyAdmin, { companyId: mtvId, name: 'Tentative MTV' });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await test.runtime.db.select().from(apiKeys).where(eq(apiKeys.name, 'Tentative MTV'))).toHaveLength(0);

    const own = await newKey(companyAdmin, { companyId: ftId, name: 'Clé FT par son admin' });
    const list = await app.inject({ method: 'GET', url: '/api/identity/api-keys', headers: companyAdmin.headers });
    expect(list.statusCode).toBe(200);
    const listed: { id: string; companyId: string }[] = list.json().items;
    expect(listed.map((k) => k.id)).toContain(own.id);
    expect(listed.map((k) => k.id)).not.toContain(mtvKey.id);
    for (const key of listed) expect(key.companyId).toBe(ftId);

    expect((await app.inject({ method: 'DELETE', url: `/api/identity/api-keys/${mtvKey.id}`, headers: companyAdmin.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/identity/api-keys/${mtvKey.id}/rotate`, headers: companyAdmin.headers })).statusCode).toBe(404);
    expect((await asKey(mtvKey.secret)).statusCode).toBe(200);
  });

  it('a sales user manages no keys at all', async () => {
    const sales = await signIn(app, 'sales@winvest.demo');
    expect((await createKey(sales, { companyId: mtvId })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/identity/api-keys', headers: sales.headers })).statusCode).toBe(403);
  });
});
