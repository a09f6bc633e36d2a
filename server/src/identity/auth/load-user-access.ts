import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { type MembershipGrant, toGrants } from '../access/auth-context.ts';
import { memberships, users, workspaces } from '../schema.ts';

export type UserRow = typeof users.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export interface WorkspaceAccess {
  workspace: WorkspaceRow;
  grants: MembershipGrant[];
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user;
}

/** The workspaces a user belongs to, with the grants held in each, by workspace name. */
export async function loadWorkspaceAccess(db: DbOrTx, userId: string): Promise<WorkspaceAccess[]> {
  const rows = await db
    .select({ workspace: workspaces, role: memberships.role, companyIds: memberships.companyIds })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
  const byWorkspace = new Map<string, WorkspaceAccess>();
  for (const row of rows) {
    const access = byWorkspace.get(row.workspace.id) ?? { workspace: row.workspace, grants: [] };
    access.grants.push(...toGrants([{ role: row.role, companyIds: row.companyIds }]));
    byWorkspace.set(row.workspace.id, access);
  }
  return [...byWorkspace.values()];
}

/** Does the workspace require TOTP of anyone holding one of these grants? */
export function mfaRequiredFor(access: WorkspaceAccess): boolean {
  const required = new Set(access.workspace.settings.mfaRequiredRoles);
  return access.grants.some((grant) => required.has(grant.role));
}
