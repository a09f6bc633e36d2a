import { ProblemError } from '../../platform/http/problem.ts';
import { type AuthenticatedContext, companyScope } from '../access/auth-context.ts';
import type { Role } from '../permissions.ts';

/**
 * Who may grant what: a workspace-wide `users.manage` grants anything; a company-scoped
 * one (a company admin, a training organisation's admin) grants only company-scoped
 * memberships within its own companies, and never the workspace admin role.
 */
export function assertMayGrant(auth: AuthenticatedContext, role: Role, companyIds: string[]): void {
  const scope = companyScope(auth, 'users.manage');
  if (scope.all) return;
  if (role === 'workspace_admin' || companyIds.length === 0) {
    throw new ProblemError('forbidden', 'Seul un administrateur de l’espace peut accorder un rôle sur tout l’espace.', {
      errors: [{ field: 'body.companyIds', message: 'choisissez au moins une de vos sociétés' }],
    });
  }
  const outside = companyIds.filter((id) => !scope.companyIds.includes(id));
  if (outside.length > 0) {
    throw new ProblemError('forbidden', 'Vous ne pouvez accorder des droits que sur vos propres sociétés.', {
      errors: [{ field: 'body.companyIds', message: 'société hors de votre périmètre' }],
    });
  }
}

/** A membership is visible to a company-scoped manager when it touches one of its companies. */
export function membershipVisibleTo(auth: AuthenticatedContext, companyIds: string[]): boolean {
  const scope = companyScope(auth, 'users.read');
  if (scope.all) return true;
  return companyIds.some((id) => scope.companyIds.includes(id));
}
