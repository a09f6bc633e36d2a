import { eq } from 'drizzle-orm';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthContext } from '../access/auth-context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { emailVerificationTemplate, passwordResetTemplate } from '../mail-templates.ts';
import { checkPasswordPolicy } from '../rules/password-policy.ts';
import { users } from '../schema.ts';
import { findUserByEmail, loadWorkspaceAccess, type UserRow } from './load-user-access.ts';
import { verifyPassword, hashPassword } from './passwords.ts';
import { revokeUserSessions } from './sessions.ts';
import { consumeUserToken, issueUserToken, TOKEN_LIFETIME_MINUTES } from './user-tokens.ts';

/** Rejects a password that breaks the policy, naming the field and every reason. */
export function assertPasswordAcceptable(field: string, password: string, user: { email: string; displayName: string }): void {
  const verdict = checkPasswordPolicy(password, { email: user.email, displayName: user.displayName });
  if (!verdict.ok) {
    throw new ProblemError('validation', verdict.problems.map((p) => p.message).join(' '), {
      errors: verdict.problems.map((p) => ({ field, message: p.message, code: p.code })),
    });
  }
}

/**
 * Always answers the same way, whether or not the address has an account, so the
 * endpoint cannot be used to discover who uses Comptoir.
 */
export async function requestPasswordReset(services: Services, email: string, requestId: string): Promise<void> {
  const user = await findUserByEmail(services.db, email);
  if (!user || user.disabledAt) return;
  const [access] = await loadWorkspaceAccess(services.db, user.id);
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, 'password_reset', now);
    await services.mail.queue(tx, {
      template: passwordResetTemplate,
      data: {
        name: user.displayName,
        url: `${services.config.publicUrl}/reinitialiser?token=${encodeURIComponent(token)}`,
        minutes: TOKEN_LIFETIME_MINUTES.password_reset,
      },
      to: user.email,
      language: user.language === 'en' ? 'en' : 'fr',
      workspaceId: access?.workspace.id ?? null,
      requestId,
    });
  });
}

/** Sets a new password from an emailed token; every open session of the user ends. */
export async function resetPassword(services: Services, token: string, password: string, auth: AuthContext): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, 'password_reset', now);
    const user = await loadUser(tx, userId);
    assertPasswordAcceptable('body.password', password, user);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), failedLoginCount: 0, lockedUntil: null, emailVerifiedAt: user.emailVerifiedAt ?? now })
      .where(eq(users.id, userId));
    await revokeUserSessions(tx, userId, now);
    await auditUserEvent(tx, auth, user, 'password.reset');
  });
}

export async function changePassword(
  services: Services,
  auth: Extract<AuthContext, { kind: 'user' }>,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const now = services.clock.now();
  const user = await loadUser(services.db, auth.user.id);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ProblemError('validation', 'Mot de passe actuel incorrect.', {
      errors: [{ field: 'body.currentPassword', message: 'Mot de passe incorrect' }],
    });
  }
  assertPasswordAcceptable('body.newPassword', newPassword, user);
  const passwordHash = await hashPassword(newPassword);
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id, now, auth.session.id);
    await appendAudit(tx, auth, { action: 'password.change', tableName: 'identity.user', recordId: user.id });
  });
}

/** An invited person chooses a password: the account becomes usable and the address is verified. */
export async function acceptInvitation(services: Services, token: string, password: string, auth: AuthContext): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, 'invitation', now);
    const user = await loadUser(tx, userId);
    assertPasswordAcceptable('body.password', password, user);
    await tx.update(users).set({ passwordHash: await hashPassword(password), emailVerifiedAt: now }).where(eq(users.id, userId));
    await auditUserEvent(tx, auth, user, 'invitation.accept');
  });
}

export async function verifyEmail(services: Services, token: string, auth: AuthContext): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, 'email_verification', now);
    const user = await loadUser(tx, userId);
    await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId));
    await auditUserEvent(tx, auth, user, 'email.verify');
  });
}

export async function loadUser(db: Parameters<typeof appendAudit>[0], userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new ProblemError('notFound', 'User not found.');
  return user;
}

/** Anonymous flows (reset, invitation) are written to each of the user's workspace chains. */
async function auditUserEvent(
  tx: Parameters<typeof appendAudit>[0],
  auth: AuthContext,
  user: UserRow,
  action: string,
): Promise<void> {
  const accesses = await loadWorkspaceAccess(tx, user.id);
  for (const access of accesses) {
    await appendAudit(
      tx,
      auth,
      { action, tableName: 'identity.user', recordId: user.id },
      { workspaceId: access.workspace.id, actorLabel: user.email },
    );
  }
}

export async function sendEmailVerification(services: Services, auth: Extract<AuthContext, { kind: 'user' }>): Promise<void> {
  const user = await loadUser(services.db, auth.user.id);
  if (user.emailVerifiedAt) throw new ProblemError('conflict', 'Cette adresse est déjà confirmée.');
  await services.db.transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, 'email_verification', services.clock.now());
    await services.mail.queue(tx, {
      template: emailVerificationTemplate,
      data: { name: user.displayName, url: `${services.config.publicUrl}/verifier-email?token=${encodeURIComponent(token)}` },
      to: user.email,
      language: auth.user.language,
      workspaceId: auth.workspace.id,
      requestId: auth.requestId,
    });
  });
}
