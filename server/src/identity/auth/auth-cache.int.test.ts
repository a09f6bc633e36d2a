import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { nextInvalidation, settleInvalidations, writeFromOutside } from '../../../test/support/invalidation-probes.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import type { App } from '../../platform/module.ts';
import type { Role } from '../permissions.ts';
import { hashToken } from '../rules/secure-token.ts';
import { companies, memberships, sessions, users, workspaces } from '../schema.ts';
import { authCache } from './auth-cache.ts';
import { hashPassword } from './passwords.ts';

/**
 * The in-memory cache of resolved sessions and API keys (auth-cache.ts) never outlives a
 * revocation: in-process right after the service that revokes, and through the NOTIFY of
 * migration 0008 for a change made elsewhere (another process, a hand-typed statement).
 * Each test first proves the credential is served from memory, then changes it.
 */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let current = new Date();
const clock = { now: () => current };
const advance = (ms: number) => {
  current = new Date(current.getTime() + ms);
};
const PASSWORD = 'Lanterne-Cerisier-Orage-42';
let counter = 0;

beforeAll(async () => {
  test = await startTestRuntime({ clock });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
});
afterAll(() => test.close());

async function createUser(role: Role = 'sales', workspaceSlug = 'winvest') {
  const db = test.runtime.db;
  const email = `cache-${++counter}-${Date.now().toString(36)}@example.fr`;
  const [user] = await db.insert(users).values({ email, displayName: `Cache ${counter}`, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: current }).returning();
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, workspaceSlug));
  const [membership] = await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role, companyIds: [] }).returning();
  return { user: user!, membershipId: membership!.id, email };
}

const me = (who: { headers: Record<string, string> }) => app.inject({ method: 'GET', url: '/api/auth/me', headers: who.headers });
const cached = (token: string) => authCache(test.runtime.invalidation).get(hashToken(token), current.getTime());

/**
 * Signs in and makes requests until the session is served from the cache. On PostgreSQL the
 * NOTIFY of the sign-in's own writes (last login, a fresh membership) arrives a little later:
 * it is let through first, so it cannot drop the entry in the middle of a test.
 */
async function cachedSignIn(email: string, password?: string): Promise<SignedIn> {
  const who = await signIn(app, email, password ? { password } : {});
  await settleInvalidations(test);
  await eventually(async () => {
    expect((await me(who)).statusCode).toBe(200);
    return cached(who.token) !== undefined;
  }, 'the session to be cached');
  return who;
}

async function sessionIdOf(who: SignedIn): Promise<string> {
  const items = (await app.inject({ method: 'GET', url: '/api/auth/sessions', headers: who.headers })).json().items as { id: string; current: boolean }[];
  return items.find((s) => s.current)!.id;
}

describe('in-process: refused from the very next request', () => {
  it('after logout', async () => {
    const { email } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: who.headers })).statusCode).toBe(204);
    expect((await me(who)).statusCode).toBe(401);
  });

  it('after one of my other sessions is ended from "my security"', async () => {
    const { email } = await createUser();
    const phone = await cachedSignIn(email, PASSWORD);
    const laptop = await cachedSignIn(email, PASSWORD);
    const ended = await app.inject({ method: 'DELETE', url: `/api/auth/sessions/${await sessionIdOf(phone)}`, headers: laptop.headers });
    expect(ended.statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(200);
  });

  it('after an API key is revoked', async () => {
    const [ft] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'France Téléphone'));
    const created = await app.inject({ method: 'POST', url: '/api/identity/api-keys', headers: admin.headers, payload: { name: 'Cache', companyId: ft!.id, scopes: ['catalog.read'] } });
    const { apiKey, secret } = created.json() as { apiKey: { id: string }; secret: string };
    const asKey = () => app.inject({ method: 'GET', url: '/api/identity/roles', headers: { authorization: `Bearer ${secret}` } });
    await settleInvalidations(test);
    await eventually(async () => (await asKey()).statusCode === 200 && cached(secret) !== undefined, 'the key to be cached');
    expect((await app.inject({ method: 'DELETE', url: `/api/identity/api-keys/${apiKey.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await asKey()).statusCode).toBe(401);
  });

  it('after a role change (new grants at once) and a membership removal (no access at all)', async () => {
    const { email, membershipId } = await createUser('sales');
    const who = await cachedSignIn(email, PASSWORD);
    expect((await me(who)).json().grants).toEqual([{ role: 'sales', companyIds: [] }]);
    const changed = await app.inject({ method: 'PATCH', url: `/api/identity/memberships/${membershipId}`, headers: admin.headers, payload: { role: 'auditor' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await me(who)).json().grants).toEqual([{ role: 'auditor', companyIds: [] }]);
    expect((await app.inject({ method: 'DELETE', url: `/api/identity/memberships/${membershipId}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await me(who)).statusCode).toBe(401);
  });

  it('after the account is disabled', async () => {
    const { email, user } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    expect((await app.inject({ method: 'POST', url: `/api/identity/users/${user.id}/disable`, headers: admin.headers, payload: {} })).statusCode).toBe(204);
    expect((await me(who)).statusCode).toBe(401);
  });

  it('after a password change, for the other sessions; the one that changed it goes on', async () => {
    const { email } = await createUser();
    const other = await cachedSignIn(email, PASSWORD);
    const self = await cachedSignIn(email, PASSWORD);
    const changed = await app.inject({ method: 'POST', url: '/api/auth/password/change', headers: self.headers, payload: { currentPassword: PASSWORD, newPassword: 'Boussole-Pivoine-Granit-77' } });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(self)).statusCode).toBe(200);
  });
});

describe('through NOTIFY: a change made outside this process is refused once its notification arrives', () => {
  it('a session revoked by SQL', async () => {
    const { email } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    const sessionId = await sessionIdOf(who);
    const heard = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'session' && i.id === sessionId);
    await writeFromOutside(test, 'update identity.session set revoked_at = now() where id = $1', [sessionId]);
    await heard;
    expect(cached(who.token)).toBeUndefined();
    expect((await me(who)).statusCode).toBe(401);
  });

  it('an API key revoked by SQL', async () => {
    const [ft] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'France Téléphone'));
    const created = await app.inject({ method: 'POST', url: '/api/identity/api-keys', headers: admin.headers, payload: { name: 'Cache SQL', companyId: ft!.id, scopes: ['catalog.read'] } });
    const { apiKey, secret } = created.json() as { apiKey: { id: string }; secret: string };
    const asKey = () => app.inject({ method: 'GET', url: '/api/identity/roles', headers: { authorization: `Bearer ${secret}` } });
    await settleInvalidations(test);
    await eventually(async () => (await asKey()).statusCode === 200 && cached(secret) !== undefined, 'the key to be cached');
    const heard = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'apiKey' && i.id === apiKey.id);
    await writeFromOutside(test, 'update identity.api_key set revoked_at = now() where id = $1', [apiKey.id]);
    await heard;
    expect((await asKey()).statusCode).toBe(401);
  });

  it('an account disabled by SQL, and a membership deleted by SQL', async () => {
    const disabled = await createUser();
    const removed = await createUser();
    const a = await cachedSignIn(disabled.email, PASSWORD);
    const b = await cachedSignIn(removed.email, PASSWORD);
    const heardA = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'user' && i.id === disabled.user.id);
    const heardB = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'user' && i.id === removed.user.id);
    await writeFromOutside(test, 'update identity."user" set disabled_at = now() where id = $1', [disabled.user.id]);
    await writeFromOutside(test, 'delete from identity.membership where id = $1', [removed.membershipId]);
    await Promise.all([heardA, heardB]);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });

  it('a last-seen write alone notifies nobody (it is the cache’s own bookkeeping)', async () => {
    const { email } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    const sessionId = await sessionIdOf(who);
    const seen: string[] = [];
    const unsubscribe = test.runtime.invalidation.subscribe((i) => seen.push(i.kind === 'session' ? i.id : ''));
    await writeFromOutside(test, 'update identity.session set last_seen_at = now() where id = $1', [sessionId]);
    // A change that does notify, after it: once it is heard, the one before would have been too.
    const heard = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'session' && i.id === sessionId);
    await writeFromOutside(test, 'update identity.session set mfa_enrollment_required = true where id = $1', [sessionId]);
    await heard;
    unsubscribe();
    expect(seen.filter((id) => id === sessionId)).toHaveLength(1);
  });
});

describe('tenancy, expiry and last seen', () => {
  it('keeps each workspace’s sessions apart: a change in one workspace forgets only its own', async () => {
    const winwin = await cachedSignIn('admin@winwin.demo');
    const winvest = await cachedSignIn('admin@winvest.demo');
    const renamed = await app.inject({ method: 'PATCH', url: '/api/identity/workspace', headers: winvest.headers, payload: { name: 'Groupe Winvest (renommé)' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(cached(winvest.token)).toBeUndefined();
    expect(cached(winwin.token)).toBeDefined();
    expect((await me(winvest)).json().workspace).toMatchObject({ slug: 'winvest', name: 'Groupe Winvest (renommé)' });
    expect((await me(winwin)).json().workspace.slug).toBe('winwin');
  });

  it('writes last seen at most once a minute per session', async () => {
    const { email } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    const lastSeen = async () => (await test.runtime.db.select().from(sessions).where(eq(sessions.id, await sessionIdOf(who))))[0]!.lastSeenAt.getTime();
    const first = await lastSeen();
    advance(30_000);
    expect((await me(who)).statusCode).toBe(200);
    expect(await lastSeen()).toBe(first);
    advance(31_000);
    expect((await me(who)).statusCode).toBe(200);
    expect(await lastSeen()).toBe(current.getTime());
  });

  it('refuses a cached session once it has expired, with no write at all', async () => {
    const { email } = await createUser();
    const who = await cachedSignIn(email, PASSWORD);
    advance(test.runtime.config.SESSION_TTL_HOURS * 3600_000 + 1_000);
    expect((await me(who)).statusCode).toBe(401);
  });
});
