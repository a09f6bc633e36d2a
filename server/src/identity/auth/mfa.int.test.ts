import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { mailMessages } from '../../platform/schema.ts';
import { totpCode, totpStep } from '../rules/totp.ts';
import { DEMO_PASSWORD } from '../seed/demo-data.ts';
import { companies, loginEvents, memberships, users, workspaces } from '../schema.ts';
import { hashPassword } from './passwords.ts';

/**
 * TOTP with a controlled clock: enrolment, sign-in with a code or a recovery code,
 * replay refusal, and enrolment forced by the workspace's settings.
 */
let test: TestRuntime;
let app: App;
// Start 5 s into a 30-s step, so "the same step" and "the next step" are unambiguous.
let current = new Date(Math.floor(Date.now() / 30_000) * 30_000 + 5_000);
const clock = { now: () => current };
const nextStep = () => {
  current = new Date(current.getTime() + 30_000);
};

const PASSWORD = 'Horloge-Parapluie-Violette-73';
let counter = 0;

async function createUser(slug: string, companyLegalName: string) {
  const db = test.runtime.db;
  const email = `mfa-${++counter}-${Date.now().toString(36)}@example.fr`;
  const [user] = await db
    .insert(users)
    .values({ email, displayName: `Test MFA ${counter}`, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: current })
    .returning();
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  const [company] = await db.select().from(companies).where(eq(companies.legalName, companyLegalName));
  await db.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: 'sales', companyIds: [company!.id] });
  return user!;
}

function login(email: string, totp?: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD, ...(totp ? { totp } : {}) } });
}

/** A six-digit code valid for none of the steps the server accepts now. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, current.getTime() + d * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

async function enrol(session: SignedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrollment', headers: session.headers });
  expect(start.statusCode, start.body).toBe(200);
  const { secret } = start.json();
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/auth/mfa/enrollment/confirm',
    headers: session.headers,
    payload: { code: totpCode(secret, current.getTime()) },
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { secret, recoveryCodes: confirm.json().recoveryCodes };
}

async function userRow(id: string) {
  const [row] = await test.runtime.db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function me(session: SignedIn) {
  return app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
}

beforeAll(async () => {
  test = await startTestRuntime({ clock });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
});
afterAll(() => test.close());

describe('TOTP enrolment and sign-in', () => {
  it('enrols with a secret and a PNG QR code, confirms with a code and yields 10 recovery codes', async () => {
    const user = await createUser('winvest', 'Mondial TV');
    const session = await signIn(app, user.email, { password: PASSWORD });

    const start = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrollment', headers: session.headers });
    expect(start.statusCode, start.body).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(qrCodeDataUrl.startsWith('data:image/png')).toBe(true);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain('issuer=Comptoir');
    // Not active yet: the secret is stored sealed, sign-in still needs no code.
    const pending = await userRow(user.id);
    expect(pending.totpEnabledAt).toBeNull();
    expect(pending.totpSecret).not.toBeNull();
    expect(pending.totpSecret).not.toContain(secret);
    expect((await login(user.email)).statusCode).toBe(200);

    const bad = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrollment/confirm', headers: session.headers, payload: { code: wrongCode(secret) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.code' })]);

    const confirm = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enrollment/confirm',
      headers: session.headers,
      payload: { code: totpCode(secret, current.getTime()) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const profile = await me(session);
    expect(profile.json().user).toMatchObject({ mfaEnabled: true, recoveryCodesLeft: 10 });
    // Enrolling twice is a conflict.
    expect((await app.inject({ method: 'POST', url: '/api/auth/mfa/enrollment', headers: session.headers })).statusCode).toBe(409);
  });

  it('asks for the code, counts a wrong one as a failure, accepts the right one once per step', async () => {
    const user = await createUser('winvest', 'Mondial TV');
    const { secret } = await enrol(await signIn(app, user.email, { password: PASSWORD }));
    nextStep();

    const noCode = await login(user.email);
    expect(noCode.statusCode, noCode.body).toBe(401);
    expect(noCode.json().type).toBe(problemType('mfaRequired'));
    expect(noCode.json().errors).toEqual([expect.objectContaining({ field: 'body.totp' })]);
    expect(noCode.headers['set-cookie']).toBeUndefined();

    const wrong = await login(user.email, wrongCode(secret));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe(problemType('invalidCredentials'));
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'body.totp' })]);
    expect((await userRow(user.id)).failedLoginCount).toBe(1);

    const code = totpCode(secret, current.getTime());
    const ok = await login(user.email, code);
    expect(ok.statusCode, ok.body).toBe(200);
    const afterSuccess = await userRow(user.id);
    expect(afterSuccess.failedLoginCount).toBe(0);
    expect(afterSuccess.totpLastStep).toBe(totpStep(current.getTime()));

    // Replay in the same 30-s step: refused, and counted.
    const replay = await login(user.email, code);
    expect(replay.statusCode, replay.body).toBe(401);
    expect(replay.json().type).toBe(problemType('invalidCredentials'));
    expect((await userRow(user.id)).failedLoginCount).toBe(1);

    // The code of the next step works.
    nextStep();
    expect((await login(user.email, totpCode(secret, current.getTime()))).statusCode).toBe(200);

    const outcomes = (
      await test.runtime.db.select({ outcome: loginEvents.outcome }).from(loginEvents).where(eq(loginEvents.userId, user.id))
    ).map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'mfa_required')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'mfa_failed')).toHaveLength(2);
  });

  it('a code already used at enrolment cannot sign in within the same step', async () => {
    const user = await createUser('winvest', 'Mondial TV');
    const { secret } = await enrol(await signIn(app, user.email, { password: PASSWORD }));
    const replay = await login(user.email, totpCode(secret, current.getTime()));
    expect(replay.statusCode).toBe(401);
  });

  it('a recovery code signs in once, in any typing, and not twice', async () => {
    const user = await createUser('winvest', 'Mondial TV');
    const { recoveryCodes } = await enrol(await signIn(app, user.email, { password: PASSWORD }));
    const [first, second] = recoveryCodes as [string, string];

    const ok = await login(user.email, first);
    expect(ok.statusCode, ok.body).toBe(200);
    const session: SignedIn = { token: ok.json().token, csrfToken: ok.json().csrfToken, headers: { authorization: `Bearer ${ok.json().token}` } };
    expect((await me(session)).json().user.recoveryCodesLeft).toBe(9);

    const again = await login(user.email, first);
    expect(again.statusCode).toBe(401);
    expect(again.json().type).toBe(problemType('invalidCredentials'));

    // Upper case and without dashes is the same code.
    const typed = second.replaceAll('-', ' ').toUpperCase();
    expect((await login(user.email, typed)).statusCode).toBe(200);
    expect((await userRow(user.id)).recoveryCodes).toHaveLength(8);
  });

  it('MFA can be turned off (password and a code) where no role requires it', async () => {
    const user = await createUser('winvest', 'Mondial TV');
    const session = await signIn(app, user.email, { password: PASSWORD });
    const { secret } = await enrol(session);
    nextStep();
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      headers: session.headers,
      payload: { password: 'not-my-password', code: totpCode(secret, current.getTime()) },
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors).toEqual([expect.objectContaining({ field: 'body.password' })]);
    const off = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      headers: session.headers,
      payload: { password: PASSWORD, code: totpCode(secret, current.getTime()) },
    });
    expect(off.statusCode, off.body).toBe(204);
    expect((await login(user.email)).statusCode).toBe(200);
  });
});

describe('MFA forced by the workspace', () => {
  it('an invited sales user of a workspace that requires MFA of sales must enrol before anything else', async () => {
    const db = test.runtime.db;
    // WIN WIN Finance is used by this test alone, so its settings change nothing elsewhere.
    const admin = await signIn(app, 'admin@winwin.demo');
    const workspace = await app.inject({ method: 'GET', url: '/api/identity/workspace', headers: admin.headers });
    const required: string[] = workspace.json().settings.mfaRequiredRoles;
    expect(required).not.toContain('sales');
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/identity/workspace',
      headers: admin.headers,
      payload: { settings: { mfaRequiredRoles: [...required, 'sales'] } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().settings.mfaRequiredRoles).toContain('sales');
    expect(patch.json().settings.inactivityDays).toBe(90);

    const [ww] = await db.select().from(companies).where(eq(companies.legalName, 'WIN WIN Finance Sàrl'));
    const email = `forced-sales-${Date.now().toString(36)}@example.ch`;
    const invite = await app.inject({
      method: 'POST',
      url: '/api/identity/users/invitations',
      headers: admin.headers,
      payload: { email, displayName: 'Conseillère Invitée', role: 'sales', companyIds: [ww!.id] },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const [mail] = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'identity.invitation')))
      .orderBy(desc(mailMessages.createdAt));
    expect(mail).toBeDefined();
    const token = decodeURIComponent(/[?&]token=([^\s&]+)/.exec(mail!.textBody)![1]!);
    const accept = await app.inject({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: PASSWORD } });
    expect(accept.statusCode, accept.body).toBe(204);

    const first = await login(email);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().mfaEnrollmentRequired).toBe(true);
    const session: SignedIn = { token: first.json().token, csrfToken: first.json().csrfToken, headers: { authorization: `Bearer ${first.json().token}` } };

    const blocked = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: session.headers });
    expect(blocked.statusCode, blocked.body).toBe(403);
    expect(blocked.json().type).toBe(problemType('mfaEnrollmentRequired'));
    const profile = await me(session);
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json().mfaEnrollmentRequired).toBe(true);
    expect(profile.json().user.mfaEnabled).toBe(false);

    const { secret } = await enrol(session);
    const open = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: session.headers });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().items.map((c: { id: string }) => c.id)).toEqual([ww!.id]);
    expect((await me(session)).json().mfaEnrollmentRequired).toBe(false);

    // From now on sign-in needs the code.
    nextStep();
    expect((await login(email)).json().type).toBe(problemType('mfaRequired'));
    const withCode = await login(email, totpCode(secret, current.getTime()));
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().mfaEnrollmentRequired).toBe(false);

    // And it cannot be turned off while the role requires it.
    nextStep();
    const disable = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      headers: session.headers,
      payload: { password: PASSWORD, code: totpCode(secret, current.getTime()) },
    });
    expect(disable.statusCode, disable.body).toBe(403);
    expect(disable.json().type).toBe(problemType('forbidden'));
    expect((await userRow(profile.json().user.id)).totpEnabledAt).not.toBeNull();
  });

  it('switching into a workspace that requires MFA of the role demands enrolment too', async () => {
    const db = test.runtime.db;
    // MécaFormation is used by this test alone.
    const admin = await signIn(app, 'admin@mecaformation.demo');
    const settings = (await app.inject({ method: 'GET', url: '/api/identity/workspace', headers: admin.headers })).json().settings;
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/identity/workspace',
      headers: admin.headers,
      payload: { settings: { mfaRequiredRoles: [...settings.mfaRequiredRoles, 'sales'] } },
    });
    expect(patch.statusCode, patch.body).toBe(200);

    // Sales in Winvest (MFA not required) and in MécaFormation (now required), no TOTP yet.
    const user = await createUser('winvest', 'Mondial TV');
    const [meca] = await db.select().from(workspaces).where(eq(workspaces.slug, 'mecaformation'));
    const [mecaCompany] = await db.select().from(companies).where(eq(companies.legalName, 'MécaFormation SAS'));
    await db.insert(memberships).values({ workspaceId: meca!.id, userId: user.id, role: 'sales', companyIds: [mecaCompany!.id] });

    // Control: signing in straight into MécaFormation demands enrolment.
    const direct = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD, workspace: 'mecaformation' } });
    expect(direct.statusCode).toBe(200);
    expect(direct.json().mfaEnrollmentRequired).toBe(true);

    const winvest = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: PASSWORD, workspace: 'winvest' } });
    expect(winvest.json().mfaEnrollmentRequired).toBe(false);
    const switched = await app.inject({
      method: 'POST',
      url: '/api/auth/switch-workspace',
      headers: { authorization: `Bearer ${winvest.json().token}` },
      payload: { workspace: 'mecaformation' },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().workspace.slug).toBe('mecaformation');
    // Same rule as a direct sign-in into this workspace.
    expect(switched.json().mfaEnrollmentRequired).toBe(true);
    const companiesThere = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: { authorization: `Bearer ${switched.json().token}` } });
    expect(companiesThere.statusCode, companiesThere.body).toBe(403);
  });

  it('a demo user of a role that requires MFA is never forced to enrol', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'company-admin@winvest.demo', password: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(200);
    expect(response.json().mfaEnrollmentRequired).toBe(false);
  });
});
