import { eq, sql } from 'drizzle-orm';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import { isLocked, lockoutAfterFailure } from '../rules/lockout.ts';
import { users } from '../schema.ts';
import { findUserByEmail, loadWorkspaceAccess, mfaRequiredFor, type WorkspaceAccess } from './load-user-access.ts';
import { type LoginOrigin, type LoginOutcome, recordLoginEvent } from './login-events.ts';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.ts';
import { verifySecondFactor } from './second-factor.ts';
import { createSession, type NewSession } from './sessions.ts';

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  workspace?: string;
}

export interface LoginResult {
  session: NewSession;
  userId: string;
  access: WorkspaceAccess;
  mfaEnrollmentRequired: boolean;
}

/**
 * Email + password (+ TOTP or a recovery code when enrolled). Every attempt is
 * recorded with its origin; 5 consecutive failures lock the account for a delay
 * that doubles with each further failure. Error answers never tell whether the
 * email exists.
 */
export async function login(services: Services, input: LoginInput, origin: LoginOrigin): Promise<LoginResult> {
  const { db, clock } = services;
  const now = clock.now();
  const record = (outcome: LoginOutcome, extra: { userId?: string; workspaceId?: string } = {}) =>
    recordLoginEvent(db, { email: input.email, outcome, now, ...origin, ...extra });
  const invalid = () => new ProblemError('invalidCredentials', 'Adresse e-mail ou mot de passe incorrect.');

  const user = await findUserByEmail(db, input.email);
  if (!user) {
    await verifyPassword(null, input.password);
    await record('unknown_user');
    throw invalid();
  }
  if (isLocked(user.lockedUntil, now)) {
    await record('locked', { userId: user.id });
    throw lockedProblem(user.lockedUntil!, now);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await registerFailure(services, user.id, now);
    await record('bad_password', { userId: user.id });
    throw invalid();
  }
  if (user.disabledAt) {
    await record('disabled', { userId: user.id });
    throw new ProblemError('forbidden', 'Ce compte est désactivé. Contactez l’administrateur de votre espace.');
  }

  const accesses = await loadWorkspaceAccess(db, user.id);
  const access = input.workspace ? accesses.find((a) => a.workspace.slug === input.workspace) : accesses[0];
  if (!access) {
    await record('no_workspace', { userId: user.id });
    throw new ProblemError('forbidden', input.workspace ? `Aucun accès à l’espace « ${input.workspace} ».` : 'Ce compte n’a accès à aucun espace.', {
      errors: input.workspace ? [{ field: 'body.workspace', message: 'Aucun accès à cet espace' }] : undefined,
    });
  }

  const userUpdate: Partial<typeof users.$inferInsert> = { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now };
  if (user.totpEnabledAt) {
    if (!input.totp) {
      await record('mfa_required', { userId: user.id, workspaceId: access.workspace.id });
      throw new ProblemError('mfaRequired', 'Saisissez le code de votre application d’authentification.', {
        errors: [{ field: 'body.totp', message: 'Code requis' }],
      });
    }
    const factor = verifySecondFactor(user, input.totp, services.secrets, now);
    if (!factor.ok) {
      await registerFailure(services, user.id, now);
      await record('mfa_failed', { userId: user.id, workspaceId: access.workspace.id });
      throw new ProblemError('invalidCredentials', 'Code de double authentification incorrect.', {
        errors: [{ field: 'body.totp', message: 'Code incorrect' }],
      });
    }
    if (factor.method === 'totp') userUpdate.totpLastStep = factor.totpLastStep;
    else userUpdate.recoveryCodes = factor.remainingRecoveryCodes;
  }
  if (user.passwordHash && passwordNeedsRehash(user.passwordHash)) userUpdate.passwordHash = await hashPassword(input.password);

  const mfaEnrollmentRequired = !user.totpEnabledAt && !user.isDemo && mfaRequiredFor(access);
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set(userUpdate).where(eq(users.id, user.id));
    return createSession(tx, services.config, {
      userId: user.id,
      workspaceId: access.workspace.id,
      ...origin,
      mfaEnrollmentRequired,
      now,
    });
  });
  await record('success', { userId: user.id, workspaceId: access.workspace.id });
  return { session, userId: user.id, access, mfaEnrollmentRequired };
}

/** Counted in SQL, so parallel wrong attempts cannot lose increments and dodge the lockout. */
async function registerFailure(services: Services, userId: string, now: Date): Promise<void> {
  const [row] = await services.db
    .update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount });
  const { lockedUntil } = lockoutAfterFailure(row!.failedLoginCount, now);
  if (lockedUntil) await services.db.update(users).set({ lockedUntil }).where(eq(users.id, userId));
}

function lockedProblem(lockedUntil: Date, now: Date): ProblemError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new ProblemError('accountLocked', `Trop d’échecs de connexion : réessayez dans ${Math.ceil(retryAfterSeconds / 60)} min.`, {
    retryAfterSeconds,
    lockedUntil: lockedUntil.toISOString(),
  });
}
