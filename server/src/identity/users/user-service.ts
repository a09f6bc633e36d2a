import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ProblemError } from '../../platform/http/problem.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { type AuthenticatedContext, companyScope } from '../access/auth-context.ts';
import { outOfScope, requirePermission } from '../access/guards.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { findUserByEmail } from '../auth/load-user-access.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { issueUserToken, TOKEN_LIFETIME_MINUTES } from '../auth/user-tokens.ts';
import { invitationTemplate } from '../mail-templates.ts';
import { type Role, roleLabels } from '../permissions.ts';
import { companies, memberships, users } from '../schema.ts';
import { assertMayGrant, membershipVisibleTo } from './membership-rules.ts';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
  mfaEnabled: boolean;
  emailVerified: boolean;
  invitationPending: boolean;
  memberships: { id: string; role: string; companyIds: string[] }[];
}

/** People of the workspace the actor may see, with their memberships here. */
export async function listUsers(db: DbOrTx, auth: AuthenticatedContext): Promise<UserView[]> {
  requirePermission(auth, 'users.read');
  const rows = await db
    .select({ user: users, membership: memberships })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, auth.workspace.id))
    .orderBy(users.displayName);
  const byUser = new Map<string, UserView>();
  for (const { user, membership } of rows) {
    const view = byUser.get(user.id) ?? toUserView(user);
    view.memberships.push({ id: membership.id, role: membership.role, companyIds: membership.companyIds });
    byUser.set(user.id, view);
  }
  return [...byUser.values()].filter((view) => view.memberships.some((m) => membershipVisibleTo(auth, m.companyIds)));
}

function toUserView(user: typeof users.$inferSelect): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    mfaEnabled: user.totpEnabledAt !== null,
    emailVerified: user.emailVerifiedAt !== null,
    invitationPending: user.passwordHash === null,
    memberships: [],
  };
}

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  companyIds: string[];
  language?: 'fr' | 'en';
}

/**
 * Adds a person to the workspace. A new address gets an account without password and
 * an invitation email; an existing one simply gains the membership.
 */
export async function inviteUser(services: Services, auth: AuthenticatedContext, input: InviteInput): Promise<{ userId: string; membershipId: string }> {
  requirePermission(auth, 'users.manage');
  assertMayGrant(auth, input.role, input.companyIds);
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    await assertCompaniesInWorkspace(tx, auth, input.companyIds);
    let user = await findUserByEmail(tx, input.email);
    let created = false;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: input.email.trim().toLowerCase(), displayName: input.displayName, language: input.language ?? 'fr', createdAt: now })
        .returning();
      created = true;
      await appendAudit(tx, auth, { action: 'create', tableName: 'identity.user', recordId: user!.id, after: { email: user!.email, displayName: user!.displayName } });
    }
    const membershipId = await addMembership(tx, auth, user!.id, input.role, input.companyIds);
    if (created) {
      const token = await issueUserToken(tx, user!.id, 'invitation', now);
      const language = input.language ?? 'fr';
      await services.mail.queue(tx, {
        template: invitationTemplate,
        data: {
          name: input.displayName,
          inviter: auth.kind === 'user' ? auth.user.displayName : auth.workspace.name,
          workspace: auth.workspace.name,
          role: roleLabels[input.role][language],
          url: `${services.config.publicUrl}/invitation?token=${encodeURIComponent(token)}`,
          days: TOKEN_LIFETIME_MINUTES.invitation / 60 / 24,
        },
        to: user!.email,
        language,
        workspaceId: auth.workspace.id,
        requestId: auth.requestId,
      });
    }
    return { userId: user!.id, membershipId };
  });
}

export async function addMembership(tx: DbOrTx, auth: AuthenticatedContext, userId: string, role: Role, companyIds: string[]): Promise<string> {
  requirePermission(auth, 'users.manage');
  assertMayGrant(auth, role, companyIds);
  await assertCompaniesInWorkspace(tx, auth, companyIds);
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, auth.workspace.id), eq(memberships.userId, userId), eq(memberships.role, role)));
  if (existing) throw new ProblemError('conflict', 'Cette personne a déjà ce rôle dans l’espace.', { errors: [{ field: 'body.role', message: 'rôle déjà attribué' }] });
  const [row] = await tx.insert(memberships).values({ workspaceId: auth.workspace.id, userId, role, companyIds }).returning();
  await appendAudit(tx, auth, { action: 'create', tableName: 'identity.membership', recordId: row!.id, after: { userId, role, companyIds } });
  // Grants are part of a cached session (auth-cache.ts): its process forgets them at once.
  publishInProcess({ kind: 'user', id: userId });
  return row!.id;
}

/** Adds a membership to someone already in the workspace. */
export async function grantMembership(services: Services, auth: AuthenticatedContext, userId: string, role: Role, companyIds: string[]): Promise<string> {
  return services.db.transaction(async (tx) => {
    await loadWorkspaceUser(tx, auth, userId);
    return addMembership(tx, auth, userId, role, companyIds);
  });
}

export async function updateMembership(
  services: Services,
  auth: AuthenticatedContext,
  membershipId: string,
  patch: { role?: Role; companyIds?: string[] },
): Promise<void> {
  requirePermission(auth, 'users.manage');
  const userId = await services.db.transaction(async (tx) => {
    const before = await loadManageableMembership(tx, auth, membershipId);
    const role = (patch.role ?? before.role) as Role;
    const companyIds = patch.companyIds ?? before.companyIds;
    assertMayGrant(auth, role, companyIds);
    if (role !== 'workspace_admin' || companyIds.length > 0) await assertNotLastAdmin(tx, auth, before);
    await assertCompaniesInWorkspace(tx, auth, companyIds);
    await tx.update(memberships).set({ role, companyIds }).where(eq(memberships.id, membershipId));
    await appendAudit(tx, auth, {
      action: 'update',
      tableName: 'identity.membership',
      recordId: membershipId,
      before: { userId: before.userId, role: before.role, companyIds: before.companyIds },
      after: { userId: before.userId, role, companyIds },
    });
    return before.userId;
  });
  publishInProcess({ kind: 'user', id: userId });
}

export async function removeMembership(services: Services, auth: AuthenticatedContext, membershipId: string): Promise<void> {
  requirePermission(auth, 'users.manage');
  const userId = await services.db.transaction(async (tx) => {
    const before = await loadManageableMembership(tx, auth, membershipId);
    await assertNotLastAdmin(tx, auth, before);
    await tx.delete(memberships).where(eq(memberships.id, membershipId));
    await appendAudit(tx, auth, {
      action: 'delete',
      tableName: 'identity.membership',
      recordId: membershipId,
      before: { userId: before.userId, role: before.role, companyIds: before.companyIds },
    });
    return before.userId;
  });
  publishInProcess({ kind: 'user', id: userId });
}

/** Disabling ends every session at once; the account keeps its memberships for a later enable. */
export async function setUserDisabled(services: Services, auth: AuthenticatedContext, userId: string, disabled: boolean, reason?: string): Promise<void> {
  requirePermission(auth, 'users.manage');
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const user = await loadWorkspaceUser(tx, auth, userId);
    await assertAccountWithinReach(tx, auth, userId);
    if (auth.kind === 'user' && auth.user.id === userId && disabled) {
      throw new ProblemError('conflict', 'Vous ne pouvez pas désactiver votre propre compte.');
    }
    const set = disabled
      ? { disabledAt: now, disabledReason: reason ?? 'Désactivé par un administrateur' }
      : { disabledAt: null, disabledReason: null, failedLoginCount: 0, lockedUntil: null, lastLoginAt: now };
    await tx.update(users).set(set).where(eq(users.id, userId));
    if (disabled) await revokeUserSessions(tx, userId, now);
    await appendAudit(tx, auth, {
      action: disabled ? 'disable' : 'enable',
      tableName: 'identity.user',
      recordId: userId,
      before: { disabledAt: user.disabledAt?.toISOString() ?? null },
      after: { disabledAt: disabled ? now.toISOString() : null, reason: disabled ? set.disabledReason : null },
    });
  });
  publishInProcess({ kind: 'user', id: userId });
}

/**
 * Accounts are global, so disabling one cuts every access it has. Only an actor who
 * manages all of that access may do it: the account belongs to this workspace alone,
 * and a company-scoped manager must manage every company it reaches.
 */
async function assertAccountWithinReach(tx: DbOrTx, auth: AuthenticatedContext, userId: string): Promise<void> {
  const all = await tx.select({ workspaceId: memberships.workspaceId, companyIds: memberships.companyIds }).from(memberships).where(eq(memberships.userId, userId));
  if (all.some((m) => m.workspaceId !== auth.workspace.id)) {
    throw new ProblemError('conflict', 'Ce compte appartient aussi à d’autres espaces : retirez plutôt ses rôles dans celui-ci.');
  }
  const scope = companyScope(auth, 'users.manage');
  if (scope.all) return;
  const beyond = all.some((m) => m.companyIds.length === 0 || m.companyIds.some((id) => !scope.companyIds.includes(id)));
  if (beyond) throw new ProblemError('forbidden', 'Ce compte a des accès hors de vos sociétés : seul un administrateur de l’espace peut le désactiver.');
}

async function loadWorkspaceUser(tx: DbOrTx, auth: AuthenticatedContext, userId: string) {
  const rows = await tx
    .select({ user: users, companyIds: memberships.companyIds })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, auth.workspace.id)))
    .where(eq(users.id, userId));
  if (rows.length === 0 || !rows.some((row) => membershipVisibleTo(auth, row.companyIds))) throw outOfScope('User');
  return rows[0]!.user;
}

async function loadManageableMembership(tx: DbOrTx, auth: AuthenticatedContext, membershipId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, auth.workspace.id)))
    .for('update');
  if (!row || !membershipVisibleTo(auth, row.companyIds)) throw outOfScope('Membership');
  assertMayGrant(auth, row.role as Role, row.companyIds);
  return row;
}

/**
 * A workspace always keeps at least one enabled admin over the whole workspace, or nobody
 * could change its settings or grant workspace-wide roles again. Company-limited admin
 * memberships and disabled accounts do not count.
 */
async function assertNotLastAdmin(tx: DbOrTx, auth: AuthenticatedContext, membership: typeof memberships.$inferSelect): Promise<void> {
  if (membership.role !== 'workspace_admin' || membership.companyIds.length > 0) return;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, auth.workspace.id),
        eq(memberships.role, 'workspace_admin'),
        sql`cardinality(${memberships.companyIds}) = 0`,
        sql`${memberships.id} <> ${membership.id}`,
        isNull(users.disabledAt),
      ),
    );
  if ((row?.n ?? 0) === 0) throw new ProblemError('conflict', 'L’espace doit garder au moins un administrateur sur tout l’espace.');
}

async function assertCompaniesInWorkspace(tx: DbOrTx, auth: AuthenticatedContext, companyIds: string[]): Promise<void> {
  if (companyIds.length === 0) return;
  const found = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, auth.workspace.id), inArray(companies.id, companyIds)));
  if (found.length !== new Set(companyIds).size) {
    throw new ProblemError('validation', 'Société inconnue dans cet espace.', { errors: [{ field: 'body.companyIds', message: 'société inconnue' }] });
  }
}
