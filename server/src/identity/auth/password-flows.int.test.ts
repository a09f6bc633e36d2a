import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { mailMessages } from '../../platform/schema.ts';
import { auditLog, companies, memberships, users, workspaces } from '../schema.ts';
import { hashPassword } from './passwords.ts';

/**
 * Forgotten password, reset, change, and invitation, end to end: tokens are read
 * from the queued email's text, as a person would click them.
 */
let test: TestRuntime;
let app: App;
let current = new Date();
const clock = { now: () => current };
const advanceMinutes = (minutes: number) => {
  current = new Date(current.getTime() + minutes * 60_000);
};

const OLD_PASSWORD = 'Ancien-Secret-Tournesol-58';
const NEW_PASSWORD = 'Nouveau-Secret-Pivoine-91';
let counter = 0;

async function createUser(language: 'fr' | 'en' = 'fr') {
  const db = test.runtime.db;
  const email = `pw-${++counter}-${Date.now().toString(36)}@example.fr`;
  const [user] = await db
    .insert(users)
    .values({ email, displayName: `Test Password ${counter}`, language, passwordHash: await hashPassword(OLD_PASSWORD), emailVerifiedAt: current })
    .returning();
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, 'winvest'));
  const [mtv] = await db.select().from(companies).where(eq(companies.legalName, 'Mondial TV'));
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: 'sales', companyIds: [mtv!.id] });
  return user!;
}

function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

function forgot(email: string) {
  return app.inject({ method: 'POST', url: '/api/auth/password/forgot', payload: { email } });
}

function reset(token: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/password/reset', payload: { token, password } });
}

async function mailsTo(email: string, template?: string) {
  return test.runtime.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, email), template ? eq(mailMessages.template, template) : undefined))
    .orderBy(mailMessages.createdAt, mailMessages.id);
}

/** The `?token=` of the last email of this template sent to this address. */
async function tokenFrom(email: string, template: string): Promise<string> {
  const mails = await mailsTo(email, template);
  const text = mails.at(-1)?.textBody;
  expect(text, `an email ${template} to ${email}`).toBeDefined();
  const match = /[?&]token=([^\s&]+)/.exec(text!);
  expect(match, text).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

async function mailCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(test.runtime.db, sql`select count(*)::int as n from ${mailMessages}`);
  return row!.n;
}

beforeAll(async () => {
  test = await startTestRuntime({ clock });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
});
afterAll(() => test.close());

describe('forgotten password', () => {
  it('answers 202 alike for a known and an unknown address, and emails only the known one', async () => {
    const user = await createUser('en');
    const unknown = `nobody-${Date.now().toString(36)}@example.fr`;
    const before = await mailCount();

    const known = await forgot(user.email);
    const stranger = await forgot(unknown);
    expect(known.statusCode).toBe(202);
    expect(stranger.statusCode).toBe(202);
    expect(stranger.json()).toEqual(known.json());
    expect(known.json()).toEqual({ accepted: true });

    const sent = await mailsTo(user.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template: 'identity.password-reset', language: 'en', status: 'queued', toAddress: user.email });
    expect(sent[0]!.subject).toBe('Reset your Comptoir password');
    expect(sent[0]!.textBody).toMatch(/\?token=ct_/);
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await mailCount()).toBe(before + 1);
  });

  it('writes the email in the user’s language, matching the address whatever its case', async () => {
    const user = await createUser('fr');
    expect((await forgot(user.email.toUpperCase())).statusCode).toBe(202);
    const [mail] = await mailsTo(user.email, 'identity.password-reset');
    expect(mail).toMatchObject({ language: 'fr', subject: 'Réinitialisation de votre mot de passe Comptoir' });
  });

  it('sends nothing to a disabled account', async () => {
    const user = await createUser();
    await test.runtime.db.update(users).set({ disabledAt: current }).where(eq(users.id, user.id));
    expect((await forgot(user.email)).statusCode).toBe(202);
    expect(await mailsTo(user.email)).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('sets the new password, ends every session, and the token works once', async () => {
    const user = await createUser();
    const session = await signIn(app, user.email, { password: OLD_PASSWORD });
    await forgot(user.email);
    const token = await tokenFrom(user.email, 'identity.password-reset');

    const done = await reset(token, NEW_PASSWORD);
    expect(done.statusCode, done.body).toBe(204);

    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    const old = await login(user.email, OLD_PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json().type).toBe(problemType('invalidCredentials'));

    const again = await reset(token, 'Troisieme-Secret-Glycine-37');
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: 'body.token' })]);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);

    const [audit] = await test.runtime.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, user.id), eq(auditLog.action, 'password.reset')));
    expect(audit).toMatchObject({ tableName: 'identity.user', actorLabel: user.email });
  });

  it('refuses a token after its 60 minutes', async () => {
    const user = await createUser();
    await forgot(user.email);
    const token = await tokenFrom(user.email, 'identity.password-reset');
    advanceMinutes(61);
    const late = await reset(token, NEW_PASSWORD);
    expect(late.statusCode, late.body).toBe(400);
    expect(late.json().errors).toEqual([expect.objectContaining({ field: 'body.token' })]);
    expect((await login(user.email, OLD_PASSWORD)).statusCode).toBe(200);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a weak password, changes nothing, and leaves the token usable', async () => {
    const user = await createUser();
    const session = await signIn(app, user.email, { password: OLD_PASSWORD });
    await forgot(user.email);
    const token = await tokenFrom(user.email, 'identity.password-reset');
    const hashBefore = (await test.runtime.db.select().from(users).where(eq(users.id, user.id)))[0]!.passwordHash;

    for (const weak of ['azerty123', 'short']) {
      const response = await reset(token, weak);
      expect(response.statusCode, `${weak}: ${response.body}`).toBe(400);
      expect(response.json().type).toBe(problemType('validation'));
      const errors: { field: string; code?: string }[] = response.json().errors;
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.field).toBe('body.password');
      expect(errors.map((e) => e.code)).toContain('too_short');
    }

    const [after] = await test.runtime.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.passwordHash).toBe(hashBefore);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode).toBe(200);
    expect((await login(user.email, OLD_PASSWORD)).statusCode).toBe(200);
    // The refused attempts rolled back: the same link still works with a good password.
    expect((await reset(token, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('a password reset token is not an invitation token, and an unknown token is refused', async () => {
    const user = await createUser();
    await forgot(user.email);
    const token = await tokenFrom(user.email, 'identity.password-reset');
    const wrongPurpose = await app.inject({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: NEW_PASSWORD } });
    expect(wrongPurpose.statusCode).toBe(400);
    expect(wrongPurpose.json().errors).toEqual([expect.objectContaining({ field: 'body.token' })]);
    const madeUp = await reset(`ct_${'A'.repeat(43)}`, NEW_PASSWORD);
    expect(madeUp.statusCode).toBe(400);
    // Still valid for its own purpose.
    expect((await reset(token, NEW_PASSWORD)).statusCode).toBe(204);
  });
});

describe('password change', () => {
  it('requires the current password; ends the other sessions but keeps this one', async () => {
    const user = await createUser();
    const mine = await signIn(app, user.email, { password: OLD_PASSWORD });
    const other = await signIn(app, user.email, { password: OLD_PASSWORD });
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password/change', headers: mine.headers, payload: { currentPassword, newPassword } });

    const wrong = await change('not-my-password', NEW_PASSWORD);
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'body.currentPassword' })]);

    const weak = await change(OLD_PASSWORD, 'short');
    expect(weak.statusCode).toBe(400);
    for (const error of weak.json().errors) expect(error.field).toBe('body.newPassword');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode).toBe(200);

    const ok = await change(OLD_PASSWORD, NEW_PASSWORD);
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: mine.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: other.headers })).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login(user.email, OLD_PASSWORD)).statusCode).toBe(401);
  });
});

describe('invitation', () => {
  it('invites a new person as sales of Mondial TV; the invitee activates the account and signs in', async () => {
    const db = test.runtime.db;
    const admin = await signIn(app, 'admin@winvest.demo');
    const [mtv] = await db.select().from(companies).where(eq(companies.legalName, 'Mondial TV'));
    const email = 'new@example.fr';

    const invite = await app.inject({
      method: 'POST',
      url: '/api/identity/users/invitations',
      headers: admin.headers,
      payload: { email, displayName: 'Nouvelle Recrue', role: 'sales', companyIds: [mtv!.id] },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const { userId, membershipId } = invite.json();

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'identity.invitation', language: 'fr', status: 'queued' });
    expect(mails[0]!.subject).toContain('Groupe Winvest');
    expect(mails[0]!.textBody).toContain('Commercial');

    const listed = async () => {
      const response = await app.inject({ method: 'GET', url: '/api/identity/users', headers: admin.headers });
      expect(response.statusCode).toBe(200);
      return response.json().items.find((u: { email: string }) => u.email === email);
    };
    expect(await listed()).toMatchObject({ id: userId, invitationPending: true, emailVerified: false });
    // No password yet: nobody can sign in as the invitee.
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(401);

    const token = await tokenFrom(email, 'identity.invitation');
    const weak = await app.inject({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('body.password');
    const accept = await app.inject({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: NEW_PASSWORD } });
    expect(accept.statusCode, accept.body).toBe(204);
    const twice = await app.inject({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: 'Autre-Secret-Camelia-64' } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([expect.objectContaining({ field: 'body.token' })]);

    const session = await login(email, NEW_PASSWORD);
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json().workspace.slug).toBe('winvest');
    expect(session.json().mfaEnrollmentRequired).toBe(false);

    expect(await listed()).toMatchObject({
      id: userId,
      invitationPending: false,
      emailVerified: true,
      memberships: [{ id: membershipId, role: 'sales', companyIds: [mtv!.id] }],
    });
  });
});
