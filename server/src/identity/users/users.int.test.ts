import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { mailMessages } from '../../platform/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../permissions.ts';
import { auditLog, companies, memberships, users, workspaces } from '../schema.ts';
import { disableInactiveUsers } from './disable-inactive-users.ts';

/**
 * People and memberships: who may invite whom on what, membership edits, the
 * last-admin rule, disabling accounts (by hand and for inactivity) and their audit.
 */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let companyAdmin: SignedIn;
let ftId: string;
let mtvId: string;
let apId: string;

const PASSWORD = 'Boussole-Framboise-Ecluse-27';
let counter = 0;

async function workspaceId(slug: string): Promise<string> {
  const [row] = await test.runtime.db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row!.id;
}

async function companyId(legalName: string): Promise<string> {
  const [row] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, legalName));
  return row!.id;
}

async function createUser(input: { role?: Role; companyIds?: string[]; slug?: string; isDemo?: boolean; lastLoginAt?: Date | null; createdAt?: Date } = {}) {
  const db = test.runtime.db;
  const email = `users-${++counter}-${Date.now().toString(36)}@example.fr`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      displayName: `Test Users ${counter}`,
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
      isDemo: input.isDemo ?? false,
      lastLoginAt: input.lastLoginAt ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    })
    .returning();
  const [membership] = await db
    .insert(memberships)
    .values({ workspaceId: await workspaceId(input.slug ?? 'winvest'), userId: user!.id, role: input.role ?? 'sales', companyIds: input.companyIds ?? [ftId] })
    .returning();
  return { ...user!, membershipId: membership!.id };
}

function invite(as: SignedIn, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/identity/users/invitations', headers: as.headers, payload });
}

function patchMembership(as: SignedIn, membershipId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/identity/memberships/${membershipId}`, headers: as.headers, payload });
}

function deleteMembership(as: SignedIn, membershipId: string) {
  return app.inject({ method: 'DELETE', url: `/api/identity/memberships/${membershipId}`, headers: as.headers });
}

function disable(as: SignedIn, userId: string, reason?: string) {
  return app.inject({ method: 'POST', url: `/api/identity/users/${userId}/disable`, headers: as.headers, payload: reason ? { reason } : {} });
}

async function membershipOf(email: string, role: Role) {
  const [row] = await test.runtime.db
    .select({ id: memberships.id, companyIds: memberships.companyIds })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.role, role)));
  return row!;
}

async function userByEmail(email: string) {
  const [row] = await test.runtime.db.select().from(users).where(eq(users.email, email));
  return row;
}

async function me(session: SignedIn) {
  return app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
}

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  ftId = await companyId('France Téléphone');
  mtvId = await companyId('Mondial TV');
  apId = await companyId('Action Prévoyance');
  admin = await signIn(app, 'admin@winvest.demo');
  companyAdmin = await signIn(app, 'company-admin@winvest.demo');
});
afterAll(() => test.close());

describe('invitations by a company admin', () => {
  it('invites onto France Téléphone, but not workspace-wide, not on Mondial TV, not as workspace admin', async () => {
    const stamp = Date.now().toString(36);
    const ok = await invite(companyAdmin, { email: `ft-ok-${stamp}@example.fr`, displayName: 'Recrue FT', role: 'sales', companyIds: [ftId] });
    expect(ok.statusCode, ok.body).toBe(201);
    const [mail] = await test.runtime.db.select().from(mailMessages).where(eq(mailMessages.toAddress, `ft-ok-${stamp}@example.fr`));
    expect(mail?.template).toBe('identity.invitation');

    const refused: [string, Record<string, unknown>][] = [
      ['whole workspace', { role: 'sales', companyIds: [] }],
      ['no companyIds at all', { role: 'sales' }],
      ['Mondial TV', { role: 'sales', companyIds: [mtvId] }],
      ['FT and Mondial TV', { role: 'sales', companyIds: [ftId, mtvId] }],
      ['workspace admin on FT', { role: 'workspace_admin', companyIds: [ftId] }],
    ];
    for (const [what, body] of refused) {
      const email = `ft-no-${what.replaceAll(' ', '-').toLowerCase()}-${stamp}@example.fr`;
      const response = await invite(companyAdmin, { email, displayName: 'Refusé', ...body });
      expect(response.statusCode, `${what}: ${response.body}`).toBe(403);
      expect(response.json().type).toBe(problemType('forbidden'));
      expect(await userByEmail(email), `${what}: no account created`).toBeUndefined();
      expect(await test.runtime.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email))).toHaveLength(0);
    }
  });

  it('a sales user cannot invite anyone', async () => {
    const sales = await signIn(app, 'sales@winvest.demo');
    const response = await invite(sales, { email: `by-sales-${Date.now()}@example.fr`, displayName: 'X', role: 'sales', companyIds: [mtvId] });
    expect(response.statusCode).toBe(403);
  });

  it('an unknown company is a 400 on body.companyIds; the same role twice is a 409', async () => {
    const unknown = await invite(admin, {
      email: `unknown-co-${Date.now()}@example.fr`,
      displayName: 'X',
      role: 'sales',
      companyIds: ['01900000-0000-7000-8000-000000000999'],
    });
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'body.companyIds' })]);

    const existing = await createUser({ role: 'sales', companyIds: [ftId] });
    const again = await invite(admin, { email: existing.email, displayName: existing.displayName, role: 'sales', companyIds: [mtvId] });
    expect(again.statusCode, again.body).toBe(409);
    // An existing account gains a new role without an invitation email.
    const added = await invite(admin, { email: existing.email, displayName: existing.displayName, role: 'adv_quality', companyIds: [mtvId] });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().userId).toBe(existing.id);
    expect(await test.runtime.db.select().from(mailMessages).where(eq(mailMessages.toAddress, existing.email))).toHaveLength(0);
  });
});

describe('membership changes', () => {
  it('a company admin edits and removes memberships within France Téléphone only', async () => {
    const user = await createUser({ role: 'sales', companyIds: [ftId] });
    const session = await signIn(app, user.email, { password: PASSWORD });

    const changed = await patchMembership(companyAdmin, user.membershipId, { role: 'catalog_manager' });
    expect(changed.statusCode, changed.body).toBe(200);
    const [row] = await test.runtime.db.select().from(memberships).where(eq(memberships.id, user.membershipId));
    expect(row!.role).toBe('catalog_manager');
    const [audit] = await test.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, user.membershipId), eq(auditLog.action, 'update')));
    expect(audit).toMatchObject({
      actorLabel: 'company-admin@winvest.demo',
      before: { userId: user.id, role: 'sales', companyIds: [ftId] },
      after: { userId: user.id, role: 'catalog_manager', companyIds: [ftId] },
    });

    for (const [what, body] of [
      ['extend to Mondial TV', { companyIds: [ftId, mtvId] }],
      ['whole workspace', { companyIds: [] }],
      ['workspace admin', { role: 'workspace_admin' }],
    ] as const) {
      const response = await patchMembership(companyAdmin, user.membershipId, body);
      expect(response.statusCode, `${what}: ${response.body}`).toBe(403);
    }
    const [unchanged] = await test.runtime.db.select().from(memberships).where(eq(memberships.id, user.membershipId));
    expect(unchanged).toMatchObject({ role: 'catalog_manager', companyIds: [ftId] });

    const strict = await patchMembership(companyAdmin, user.membershipId, { role: 'sales', userId: admin.token });
    expect(strict.statusCode).toBe(400);

    const removed = await deleteMembership(companyAdmin, user.membershipId);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await test.runtime.db.select().from(memberships).where(eq(memberships.id, user.membershipId))).toHaveLength(0);
    // Without any membership left, the open session has no access at once.
    expect((await me(session)).statusCode).toBe(401);
  });

  it('a company admin gets 404 on memberships outside France Téléphone and 403 on one reaching beyond it', async () => {
    const salesMtv = await membershipOf('sales@winvest.demo', 'sales');
    expect((await patchMembership(companyAdmin, salesMtv.id, { role: 'adv_quality' })).statusCode).toBe(404);
    expect((await deleteMembership(companyAdmin, salesMtv.id)).statusCode).toBe(404);
    const auditor = await membershipOf('auditor@winvest.demo', 'auditor');
    expect((await patchMembership(companyAdmin, auditor.id, { role: 'sales' })).statusCode).toBe(404);
    expect((await deleteMembership(companyAdmin, auditor.id)).statusCode).toBe(404);

    const spanning = await createUser({ role: 'sales', companyIds: [ftId, mtvId] });
    expect((await patchMembership(companyAdmin, spanning.membershipId, { companyIds: [ftId] })).statusCode).toBe(403);
    expect((await deleteMembership(companyAdmin, spanning.membershipId)).statusCode).toBe(403);
    const [kept] = await test.runtime.db.select().from(memberships).where(eq(memberships.id, spanning.membershipId));
    expect(kept!.companyIds).toEqual([ftId, mtvId]);
  });

  it('the workspace admin grants, edits and removes memberships anywhere in the workspace', async () => {
    const user = await createUser({ role: 'sales', companyIds: [mtvId] });
    const granted = await app.inject({
      method: 'POST',
      url: `/api/identity/users/${user.id}/memberships`,
      headers: admin.headers,
      payload: { role: 'auditor', companyIds: [] },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect((await patchMembership(admin, user.membershipId, { companyIds: [mtvId, apId] })).statusCode).toBe(200);
    expect((await deleteMembership(admin, granted.json().id)).statusCode).toBe(204);
  });
});

describe('the last workspace admin', () => {
  it('cannot be removed or demoted; a second one can', async () => {
    // MécaFormation has exactly one workspace admin.
    const mecaAdmin = await signIn(app, 'admin@mecaformation.demo');
    const own = await membershipOf('admin@mecaformation.demo', 'workspace_admin');

    const remove = await deleteMembership(mecaAdmin, own.id);
    expect(remove.statusCode, remove.body).toBe(409);
    expect(remove.json().type).toBe(problemType('conflict'));
    expect((await patchMembership(mecaAdmin, own.id, { role: 'auditor' })).statusCode).toBe(409);
    const [meca] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'MécaFormation SAS'));
    expect((await patchMembership(mecaAdmin, own.id, { companyIds: [meca!.id] })).statusCode).toBe(409);
    const [still] = await test.runtime.db.select().from(memberships).where(eq(memberships.id, own.id));
    expect(still).toMatchObject({ role: 'workspace_admin', companyIds: [] });

    const support = await userByEmail('support@mecaformation.demo');
    const second = await app.inject({
      method: 'POST',
      url: `/api/identity/users/${support!.id}/memberships`,
      headers: mecaAdmin.headers,
      payload: { role: 'workspace_admin', companyIds: [] },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await deleteMembership(mecaAdmin, second.json().id)).statusCode).toBe(204);
    // Back to one: refused again.
    expect((await deleteMembership(mecaAdmin, own.id)).statusCode).toBe(409);
  });

  it('a workspace admin limited to some companies does not count as the workspace’s admin', async () => {
    // WIN WIN Finance has exactly one workspace admin; nobody else in this file touches it.
    const wwAdmin = await signIn(app, 'admin@winwin.demo');
    const own = await membershipOf('admin@winwin.demo', 'workspace_admin');
    const [ww] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'WIN WIN Finance Sàrl'));
    const sales = await userByEmail('sales@winwin.demo');
    const scoped = await app.inject({
      method: 'POST',
      url: `/api/identity/users/${sales!.id}/memberships`,
      headers: wwAdmin.headers,
      payload: { role: 'workspace_admin', companyIds: [ww!.id] },
    });
    expect(scoped.statusCode, scoped.body).toBe(201);

    // The only whole-workspace admin steps down: nobody could manage the workspace any more.
    const demote = await patchMembership(wwAdmin, own.id, { role: 'accounting' });
    expect(demote.statusCode, demote.body).toBe(409);
  });
});

describe('disabling accounts', () => {
  it('ends the user’s sessions, refuses their sign-in, and is audited with before/after', async () => {
    const user = await createUser();
    const session = await signIn(app, user.email, { password: PASSWORD });
    const response = await disable(admin, user.id, 'Départ de l’entreprise');
    expect(response.statusCode, response.body).toBe(204);

    expect((await me(session)).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD } });
    expect(login.statusCode).toBe(403);

    const audit = await app.inject({ method: 'GET', url: `/api/identity/audit?table=identity.user&record=${user.id}`, headers: admin.headers });
    expect(audit.statusCode, audit.body).toBe(200);
    const entry = audit.json().items.find((i: { action: string }) => i.action === 'disable');
    expect(entry).toMatchObject({
      actorLabel: 'admin@winvest.demo',
      actorRole: 'workspace_admin',
      tableName: 'identity.user',
      recordId: user.id,
      before: { disabledAt: null },
      after: { disabledAt: expect.any(String), reason: 'Départ de l’entreprise' },
    });
    const listed = (await app.inject({ method: 'GET', url: '/api/identity/users', headers: admin.headers })).json().items;
    expect(listed.find((u: { id: string }) => u.id === user.id).disabledAt).not.toBeNull();

    const enable = await app.inject({ method: 'POST', url: `/api/identity/users/${user.id}/enable`, headers: admin.headers });
    expect(enable.statusCode, enable.body).toBe(204);
    expect((await signIn(app, user.email, { password: PASSWORD })).token).toMatch(/^cs_/);
    const enabled = await app.inject({ method: 'GET', url: `/api/identity/audit?table=identity.user&record=${user.id}`, headers: admin.headers });
    expect(enabled.json().items[0]).toMatchObject({ action: 'enable', after: { disabledAt: null } });
  });

  it('nobody can disable themselves', async () => {
    const self = await me(admin);
    const response = await disable(admin, self.json().user.id);
    expect(response.statusCode, response.body).toBe(409);
    expect((await me(admin)).statusCode).toBe(200);
    const caSelf = (await me(companyAdmin)).json().user.id;
    expect((await disable(companyAdmin, caSelf)).statusCode).toBe(409);
  });

  it('a company admin disables people of France Téléphone, not of Mondial TV', async () => {
    const ftUser = await createUser({ role: 'sales', companyIds: [ftId] });
    expect((await disable(companyAdmin, ftUser.id)).statusCode).toBe(204);
    const sales = await userByEmail('sales@winvest.demo');
    const response = await disable(companyAdmin, sales!.id);
    expect(response.statusCode).toBe(404);
    expect((await userByEmail('sales@winvest.demo'))!.disabledAt).toBeNull();
  });

  it('a company admin cannot disable an account whose access reaches beyond their companies', async () => {
    // Same rule as for that person's membership, which this company admin may not touch (403 above).
    const spanning = await createUser({ role: 'catalog_manager', companyIds: [ftId, mtvId] });
    const response = await disable(companyAdmin, spanning.id);
    expect([403, 404], response.body).toContain(response.statusCode);
    expect((await userByEmail(spanning.email))!.disabledAt).toBeNull();
  });
});

describe('inactivity job', () => {
  it('disables non-demo accounts unused for 90 days, with an audit row and an email; leaves the others', async () => {
    const db = test.runtime.db;
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const stale = await createUser();
    const staleSession = await signIn(app, stale.email, { password: PASSWORD });
    await db.update(users).set({ lastLoginAt: daysAgo(91) }).where(eq(users.id, stale.id));
    const neverSignedIn = await createUser({ createdAt: daysAgo(91) });
    const recent = await createUser({ lastLoginAt: daysAgo(10) });
    const freshlyInvited = await createUser({ createdAt: daysAgo(5) });
    const demo = await createUser({ isDemo: true, lastLoginAt: daysAgo(200) });

    const disabled = await disableInactiveUsers(test.runtime, now);
    expect(disabled).toBe(2);

    const state = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
    expect((await state(stale.id)).disabledAt?.getTime()).toBe(now.getTime());
    expect((await state(stale.id)).disabledReason).toContain('90');
    expect((await state(neverSignedIn.id)).disabledAt).not.toBeNull();
    expect((await state(recent.id)).disabledAt).toBeNull();
    expect((await state(freshlyInvited.id)).disabledAt).toBeNull();
    expect((await state(demo.id)).disabledAt).toBeNull();
    expect((await me(staleSession)).statusCode).toBe(401);

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, stale.id), eq(auditLog.action, 'disable')));
    expect(audit).toMatchObject({
      workspaceId: await workspaceId('winvest'),
      actorLabel: 'system:inactivity',
      actorUserId: null,
      tableName: 'identity.user',
      after: { reason: 'inactivity', days: 90 },
    });

    const mails = await db.select().from(mailMessages).where(eq(mailMessages.toAddress, stale.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'identity.account-disabled-inactivity', status: 'queued', language: 'fr' });
    expect(mails[0]!.textBody).toContain('90 jours');
    expect(await db.select().from(mailMessages).where(eq(mailMessages.toAddress, recent.email))).toHaveLength(0);

    // Running again changes nothing and sends nothing.
    expect(await disableInactiveUsers(test.runtime, now)).toBe(0);
    expect(await db.select().from(mailMessages).where(eq(mailMessages.toAddress, stale.email))).toHaveLength(1);

    // The job's audit rows keep the chain intact.
    const verify = await app.inject({ method: 'GET', url: '/api/identity/audit/verify', headers: admin.headers });
    expect(verify.json().firstBreak).toBeNull();
  });
});
