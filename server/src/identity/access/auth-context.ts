import type { WorkspaceSettings } from '../schema.ts';
import { isRole, type Permission, type Role, roleGrants } from '../permissions.ts';

export interface MembershipGrant {
  role: Role;
  /** Empty: the whole workspace. */
  companyIds: string[];
}

export interface AuthWorkspace {
  id: string;
  slug: string;
  name: string;
  settings: WorkspaceSettings;
}

/**
 * Who is asking, for which workspace and companies. Every request carries one
 * (anonymous for public routes); services take it and scope every query with it.
 */
export type AuthContext =
  | { kind: 'anonymous'; requestId: string }
  | {
      kind: 'user';
      requestId: string;
      workspace: AuthWorkspace;
      user: { id: string; email: string; displayName: string; language: 'fr' | 'en'; isDemo: boolean };
      grants: MembershipGrant[];
      session: { id: string; csrfToken: string; mfaEnrollmentRequired: boolean; viaBearer: boolean };
    }
  | {
      kind: 'apiKey';
      requestId: string;
      workspace: AuthWorkspace;
      apiKey: { id: string; name: string; companyId: string; scopes: Permission[] };
    };

export type AuthenticatedContext = Exclude<AuthContext, { kind: 'anonymous' }>;

/** Companies an actor may use a permission on: every company, or a list (possibly empty). */
export type CompanyScope = { all: true } | { all: false; companyIds: string[] };

export function companyScope(auth: AuthContext, permission: Permission): CompanyScope {
  if (auth.kind === 'anonymous') return { all: false, companyIds: [] };
  if (auth.kind === 'apiKey') {
    return auth.apiKey.scopes.includes(permission) ? { all: false, companyIds: [auth.apiKey.companyId] } : { all: false, companyIds: [] };
  }
  const companyIds = new Set<string>();
  for (const grant of auth.grants) {
    if (!roleGrants(grant.role, permission)) continue;
    if (grant.companyIds.length === 0) return { all: true };
    for (const id of grant.companyIds) companyIds.add(id);
  }
  return { all: false, companyIds: [...companyIds] };
}

/** May the actor use `permission` at all (on some company) — or on this company when given? */
export function can(auth: AuthContext, permission: Permission, companyId?: string | null): boolean {
  const scope = companyScope(auth, permission);
  if (scope.all) return true;
  if (companyId) return scope.companyIds.includes(companyId);
  return scope.companyIds.length > 0;
}

/** Workspace-wide permissions (settings, audit of everything) need a whole-workspace grant. */
export function canWorkspaceWide(auth: AuthContext, permission: Permission): boolean {
  return companyScope(auth, permission).all;
}

export function rolesOf(auth: AuthContext): Role[] {
  return auth.kind === 'user' ? [...new Set(auth.grants.map((g) => g.role))] : [];
}

export function toGrants(rows: { role: string; companyIds: string[] }[]): MembershipGrant[] {
  return rows.filter((row) => isRole(row.role)).map((row) => ({ role: row.role as Role, companyIds: row.companyIds }));
}

export function actorLabel(auth: AuthContext): string {
  if (auth.kind === 'user') return auth.user.email;
  if (auth.kind === 'apiKey') return `api-key:${auth.apiKey.name}`;
  return 'anonymous';
}

export function actorUserId(auth: AuthContext): string | null {
  return auth.kind === 'user' ? auth.user.id : null;
}

export function workspaceIdOf(auth: AuthContext): string | null {
  return auth.kind === 'anonymous' ? null : auth.workspace.id;
}
