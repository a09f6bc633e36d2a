import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import type { Role } from '../permissions.ts';
import { DEMO_PASSWORD } from '../seed/demo-data.ts';
import { companies, loginEvents, memberships, users, workspaces } from '../schema.ts';
import { hashPassword } from './passwords.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './sessions.ts';

/**
 * Sign-in over HTTP: cookies, bearer tokens, CSRF, the login journal, lock-out with a
 * controlled clock, workspace choice, disabled accounts. Users that a test mutates
 * are created fresh (non-demo, in a role no workspace forces through MFA).
 */
let test: TestRuntime;
let app: App;
let current = new Date();
const clock = { now: () => current };
const advance = (ms: number) => {
  current = new Date(current.getTime() + ms);
};

const PASSWORD = 'Lanterne-Cerisier-Orage-42';
const USER_AGENT = 'ComptoirTest/1.0 (login.int.test)';
let counter = 0;

async function createUser(input: { role?: Role; workspaces?: string[]; companyLegalName?: string } = {}) {
  const db = test.runtime.db;
  const email = `login-${++counter}-${Date.now().toString(36)}@example.fr`;
  const [user] = await db
    .insert(users)
    .values({ email, displayName: `Test Login ${counter}`, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: current })
    .returning();
  for (const slug of input.workspaces ?? ['winvest']) {
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
    const companyIds: string[] = [];
    if (input.companyLegalName) {
      const [company] = await db.select().from(companies).where(eq(companies.legalName, input.companyLegalName));
      companyIds.push(company!.id);
    }
    await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: input.role ?? 'sales', companyIds });
  }
  return user!;
}

function login(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'user-agent': USER_AGENT, ...headers } });
}

function setCookies(response: { headers: Record<string, unknown> }): string[] {
  const raw = response.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? (raw as string[]) : [String(raw)];
}

function cookieNamed(response: { headers: Record<string, unknown> }, name: string): string {
  const cookie = setCookies(response).find((c) => c.startsWith(`${name}=`));
  expect(cookie, `set-cookie ${name}`).toBeDefined();
  return cookie!;
}

async function eventsFor(email: string) {
  return test.runtime.db.select().from(loginEvents).where(eq(loginEvents.email, email));
}

beforeAll(async () => {
  test = await startTestRuntime({ clock });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
});
afterAll(() => test.close());

describe('login', () => {
  it('sets an httpOnly session cookie and a readable CSRF cookie, and returns a usable bearer token', async () => {
    const response = await login({ email: 'sales@winvest.demo', password: DEMO_PASSWORD });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^cs_/);
    expect(body.csrfToken).toMatch(/^csrf_/);
    expect(body.workspace).toEqual({ slug: 'winvest', name: 'Groupe Winvest' });
    expect(body.mfaEnrollmentRequired).toBe(false);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(current.getTime());

    const session = cookieNamed(response, SESSION_COOKIE);
    expect(session).toContain(`${SESSION_COOKIE}=${body.token}`);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    const csrf = cookieNamed(response, CSRF_COOKIE);
    expect(csrf).toContain(`${CSRF_COOKIE}=${body.csrfToken}`);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/;\s*SameSite=Strict/i);
    if (test.runtime.config.COOKIE_SECURE) {
      expect(session).toMatch(/;\s*Secure/i);
      expect(csrf).toMatch(/;\s*Secure/i);
    }

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user.email).toBe('sales@winvest.demo');
    expect(me.json().workspace.slug).toBe('winvest');
    expect(me.json().grants).toEqual([{ role: 'sales', companyIds: [expect.any(String)] }]);

    // The cookie alone authenticates a safe request too.
    const viaCookie = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: body.token } });
    expect(viaCookie.statusCode, viaCookie.body).toBe(200);
  });

  it('answers a wrong password and an unknown email identically (no user enumeration)', async () => {
    const wrong = await login({ email: 'sales@winvest.demo', password: 'not-the-password' });
    const unknown = await login({ email: 'nobody-here@winvest.demo', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const a = wrong.json();
    const b = unknown.json();
    expect(a.type).toBe(problemType('invalidCredentials'));
    expect(b.type).toBe(a.type);
    expect(b.detail).toBe(a.detail);
    expect(b.title).toBe(a.title);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(a.errors).toBeUndefined();
    expect(setCookies(wrong)).toEqual([]);
    expect(setCookies(unknown)).toEqual([]);
    // The demo user's counter goes back to 0 on its next success.
    await signIn(app, 'sales@winvest.demo');
  });

  it('records every attempt in identity.login_event with ip and user agent', async () => {
    const user = await createUser();
    const unknownEmail = `ghost-${Date.now()}@example.fr`;
    expect((await login({ email: user.email, password: PASSWORD })).statusCode).toBe(200);
    expect((await login({ email: user.email, password: 'wrong-password-here' })).statusCode).toBe(401);
    expect((await login({ email: unknownEmail, password: 'wrong-password-here' })).statusCode).toBe(401);

    const events = await eventsFor(user.email);
    expect(events.map((e) => e.outcome).sort()).toEqual(['bad_password', 'success']);
    for (const event of events) {
      expect(event.userId).toBe(user.id);
      expect(event.ip).toBe('127.0.0.1');
      expect(event.userAgent).toBe(USER_AGENT);
    }
    expect(events.find((e) => e.outcome === 'success')!.workspaceId).not.toBeNull();
    const [unknown] = await eventsFor(unknownEmail);
    expect(unknown).toMatchObject({ outcome: 'unknown_user', userId: null, ip: '127.0.0.1', userAgent: USER_AGENT });
  });

  it('locks the account after 5 wrong passwords, even against the right one, until the delay passes', async () => {
    const user = await createUser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login({ email: user.email, password: `wrong-password-${attempt}` });
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
      expect(response.json().type).toBe(problemType('invalidCredentials'));
    }
    const locked = await login({ email: user.email, password: PASSWORD });
    expect(locked.statusCode, locked.body).toBe(423);
    expect(locked.json().type).toBe(problemType('accountLocked'));
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(setCookies(locked)).toEqual([]);
    expect((await eventsFor(user.email)).filter((e) => e.outcome === 'locked')).toHaveLength(1);

    // Still locked a little before the end of the delay.
    advance((retryAfter - 5) * 1000);
    expect((await login({ email: user.email, password: PASSWORD })).statusCode).toBe(423);

    advance(6_000);
    const unlocked = await login({ email: user.email, password: PASSWORD });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    const [row] = await test.runtime.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.failedLoginCount).toBe(0);
    expect(row!.lockedUntil).toBeNull();
    expect(row!.lastLoginAt?.getTime()).toBe(current.getTime());

    // The counter started again from zero: one more mistake does not lock.
    expect((await login({ email: user.email, password: 'one-more-typo' })).statusCode).toBe(401);
    expect((await login({ email: user.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('the lock grows with further failures after it ends', async () => {
    const user = await createUser();
    for (let attempt = 1; attempt <= 5; attempt++) await login({ email: user.email, password: `wrong-${attempt}-password` });
    const first = Number((await login({ email: user.email, password: PASSWORD })).headers['retry-after']);
    advance((first + 1) * 1000);
    // A 6th failure after the first lock ended: locked again, for longer.
    expect((await login({ email: user.email, password: 'wrong-6-password' })).statusCode).toBe(401);
    const second = await login({ email: user.email, password: PASSWORD });
    expect(second.statusCode).toBe(423);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(first);
  });
});

describe('CSRF', () => {
  it('a cookie-authenticated POST needs the x-csrf-token header', async () => {
    const user = await createUser();
    const { token, csrfToken } = await signIn(app, user.email, { password: PASSWORD });
    const cookies = { [SESSION_COOKIE]: token, [CSRF_COOKIE]: csrfToken };

    const missing = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(missing.statusCode, missing.body).toBe(403);
    expect(missing.json().type).toBe(problemType('csrf'));

    const wrong = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { 'x-csrf-token': `${csrfToken}x` } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().type).toBe(problemType('csrf'));

    // Refused writes left the session alone.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(200);

    const ok = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers: { 'x-csrf-token': csrfToken } });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(401);
  });

  it('a cookie POST with the CSRF header reaches the handler (here: its own validation)', async () => {
    const user = await createUser();
    const { token, csrfToken } = await signIn(app, user.email, { password: PASSWORD });
    const payload = { currentPassword: 'not-my-password', newPassword: 'Another-Strong-Passphrase-9' };
    const without = await app.inject({ method: 'POST', url: '/api/auth/password/change', cookies: { [SESSION_COOKIE]: token }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().type).toBe(problemType('csrf'));
    const withHeader = await app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      cookies: { [SESSION_COOKIE]: token },
      headers: { 'x-csrf-token': csrfToken },
      payload,
    });
    expect(withHeader.statusCode, withHeader.body).toBe(400);
    expect(withHeader.json().errors).toEqual([expect.objectContaining({ field: 'body.currentPassword' })]);
  });

  it('a bearer POST needs no CSRF token', async () => {
    const user = await createUser();
    const { headers } = await signIn(app, user.email, { password: PASSWORD });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers,
      payload: { currentPassword: 'not-my-password', newPassword: 'Another-Strong-Passphrase-9' },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().type).toBe(problemType('validation'));
  });
});

describe('logout', () => {
  it('revokes this session only: its token then gets 401', async () => {
    const user = await createUser();
    const first = await signIn(app, user.email, { password: PASSWORD });
    const second = await signIn(app, user.email, { password: PASSWORD });
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = setCookies(out);
    expect(cleared.some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: first.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().type).toBe(problemType('unauthorized'));
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: second.headers })).statusCode).toBe(200);
  });
});

describe('workspace choice', () => {
  it('a user asking for a workspace they do not belong to gets 403 naming body.workspace', async () => {
    const response = await login({ email: 'sales@winvest.demo', password: DEMO_PASSWORD, workspace: 'pygmalion' });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().type).toBe(problemType('forbidden'));
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.workspace' })]);
    expect(setCookies(response)).toEqual([]);
    const events = await eventsFor('sales@winvest.demo');
    expect(events.some((e) => e.outcome === 'no_workspace')).toBe(true);

    const own = await login({ email: 'sales@winvest.demo', password: DEMO_PASSWORD, workspace: 'winvest' });
    expect(own.statusCode).toBe(200);
  });

  it('a member of two workspaces gets the first by name by default, or the one asked for', async () => {
    const user = await createUser({ workspaces: ['winvest', 'pygmalion'] });
    const byDefault = await login({ email: user.email, password: PASSWORD });
    expect(byDefault.statusCode).toBe(200);
    expect(byDefault.json().workspace.slug).toBe('winvest');
    const asked = await login({ email: user.email, password: PASSWORD, workspace: 'pygmalion' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().workspace.slug).toBe('pygmalion');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${asked.json().token}` } });
    expect(me.json().workspace.slug).toBe('pygmalion');
    expect(me.json().workspaces.map((w: { slug: string }) => w.slug).sort()).toEqual(['pygmalion', 'winvest']);
  });
});

describe('disabled accounts', () => {
  it('refuses the right password with 403 and the wrong one with the usual 401', async () => {
    const user = await createUser();
    const before = await signIn(app, user.email, { password: PASSWORD });
    const admin = await signIn(app, 'admin@winvest.demo');
    const disable = await app.inject({ method: 'POST', url: `/api/identity/users/${user.id}/disable`, headers: admin.headers, payload: { reason: 'test' } });
    expect(disable.statusCode, disable.body).toBe(204);

    const right = await login({ email: user.email, password: PASSWORD });
    expect(right.statusCode, right.body).toBe(403);
    expect(right.json().type).toBe(problemType('forbidden'));
    expect(setCookies(right)).toEqual([]);
    const wrong = await login({ email: user.email, password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe(problemType('invalidCredentials'));
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: before.headers })).statusCode).toBe(401);

    const events = await test.runtime.db
      .select()
      .from(loginEvents)
      .where(and(eq(loginEvents.userId, user.id), inArray(loginEvents.outcome, ['disabled'])));
    expect(events).toHaveLength(1);
  });
});
