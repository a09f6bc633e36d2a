import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthContext } from '../access/auth-context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../rules/recovery-codes.ts';
import { generateTotpSecret, otpauthUrl, verifyTotp } from '../rules/totp.ts';
import { sessions, users } from '../schema.ts';
import { mfaRequiredFor, loadWorkspaceAccess } from './load-user-access.ts';
import { loadUser } from './password-flows.ts';
import { verifyPassword } from './passwords.ts';
import { totpAssociatedData, verifySecondFactor } from './second-factor.ts';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';

type UserAuth = Extract<AuthContext, { kind: 'user' }>;

export interface MfaEnrollment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Step 1: a new secret, kept sealed and inactive until a first code proves the app has it. */
export async function startMfaEnrollment(services: Services, auth: UserAuth): Promise<MfaEnrollment> {
  const user = await loadUser(services.db, auth.user.id);
  if (user.totpEnabledAt) throw new ProblemError('conflict', 'La double authentification est déjà active.');
  const secret = generateTotpSecret();
  await services.db
    .update(users)
    .set({ totpSecret: services.secrets.seal(secret, totpAssociatedData(user.id)), totpLastStep: null })
    .where(eq(users.id, user.id));
  const url = otpauthUrl({ secret, accountName: user.email, issuer: 'Comptoir' });
  return { secret, otpauthUrl: url, qrCodeDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) };
}

/** Step 2: the first valid code turns MFA on and yields the recovery codes, shown once. */
export async function confirmMfaEnrollment(services: Services, auth: UserAuth, code: string): Promise<{ recoveryCodes: string[] }> {
  const now = services.clock.now();
  const user = await loadUser(services.db, auth.user.id);
  if (user.totpEnabledAt) throw new ProblemError('conflict', 'La double authentification est déjà active.');
  if (!user.totpSecret) throw new ProblemError('conflict', 'Commencez l’enrôlement avant de le confirmer.');
  const secret = services.secrets.open(user.totpSecret, totpAssociatedData(user.id));
  const result = verifyTotp(secret, code.replace(/\s+/g, ''), now.getTime(), { window: 1 });
  if (!result.ok) {
    throw new ProblemError('validation', 'Code incorrect : vérifiez l’heure de votre téléphone et réessayez.', {
      errors: [{ field: 'body.code', message: 'Code incorrect' }],
    });
  }
  const recoveryCodes = generateRecoveryCodes();
  await services.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: result.step, recoveryCodes: recoveryCodes.map(hashRecoveryCode) })
      .where(eq(users.id, user.id));
    // Sessions that were waiting for this enrolment become full sessions.
    await tx.update(sessions).set({ mfaEnrollmentRequired: false }).where(and(eq(sessions.userId, user.id)));
    await appendAudit(tx, auth, { action: 'mfa.enable', tableName: 'identity.user', recordId: user.id });
  });
  // The user's cached sessions must drop their enrolment restriction now (auth-cache.ts).
  publishInProcess({ kind: 'user', id: user.id });
  return { recoveryCodes };
}

/** Needs the password and a current code; refused where the user's role requires MFA. */
export async function disableMfa(services: Services, auth: UserAuth, password: string, code: string): Promise<void> {
  const now = services.clock.now();
  const user = await loadUser(services.db, auth.user.id);
  if (!user.totpEnabledAt) throw new ProblemError('conflict', 'La double authentification n’est pas active.');
  const accesses = await loadWorkspaceAccess(services.db, user.id);
  if (accesses.some(mfaRequiredFor)) {
    throw new ProblemError('forbidden', 'Votre rôle exige la double authentification : elle ne peut pas être désactivée.');
  }
  await assertPasswordAndCode(services, user, password, code, now);
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: null, totpSecret: null, totpLastStep: null, recoveryCodes: [] }).where(eq(users.id, user.id));
    await appendAudit(tx, auth, { action: 'mfa.disable', tableName: 'identity.user', recordId: user.id });
  });
}

export async function regenerateRecoveryCodes(services: Services, auth: UserAuth, password: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const now = services.clock.now();
  const user = await loadUser(services.db, auth.user.id);
  if (!user.totpEnabledAt) throw new ProblemError('conflict', 'La double authentification n’est pas active.');
  await assertPasswordAndCode(services, user, password, code, now);
  const recoveryCodes = generateRecoveryCodes();
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ recoveryCodes: recoveryCodes.map(hashRecoveryCode) }).where(eq(users.id, user.id));
    await appendAudit(tx, auth, { action: 'mfa.recovery-codes.regenerate', tableName: 'identity.user', recordId: user.id });
  });
  return { recoveryCodes };
}

async function assertPasswordAndCode(
  services: Services,
  user: Awaited<ReturnType<typeof loadUser>>,
  password: string,
  code: string,
  now: Date,
): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ProblemError('validation', 'Mot de passe incorrect.', { errors: [{ field: 'body.password', message: 'Mot de passe incorrect' }] });
  }
  const factor = verifySecondFactor(user, code, services.secrets, now);
  if (!factor.ok) throw new ProblemError('validation', 'Code incorrect.', { errors: [{ field: 'body.code', message: 'Code incorrect' }] });
  if (factor.method === 'totp') await services.db.update(users).set({ totpLastStep: factor.totpLastStep }).where(eq(users.id, user.id));
  else await services.db.update(users).set({ recoveryCodes: factor.remainingRecoveryCodes }).where(eq(users.id, user.id));
}
