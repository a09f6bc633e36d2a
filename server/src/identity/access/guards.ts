import { ProblemError } from '../../platform/http/problem.ts';
import type { Permission } from '../permissions.ts';
import { type AuthContext, type AuthenticatedContext, can, canWorkspaceWide } from './auth-context.ts';

/** 401 for nobody, 403 for somebody without the permission. */
export function requireAuthenticated(auth: AuthContext): asserts auth is AuthenticatedContext {
  if (auth.kind === 'anonymous') throw new ProblemError('unauthorized', 'Sign in first (session cookie, bearer token or API key).');
}

export function requirePermission(
  auth: AuthContext,
  permission: Permission,
  companyId?: string | null,
): asserts auth is AuthenticatedContext {
  requireAuthenticated(auth);
  if (!can(auth, permission, companyId)) {
    throw new ProblemError('forbidden', `Missing permission ${permission}${companyId ? ' for this company' : ''}.`, {
      permission,
    });
  }
}

export function requireWorkspaceWide(auth: AuthContext, permission: Permission): asserts auth is AuthenticatedContext {
  requireAuthenticated(auth);
  if (!canWorkspaceWide(auth, permission)) {
    throw new ProblemError('forbidden', `Missing workspace-wide permission ${permission}.`, { permission });
  }
}

/**
 * A record outside the actor's workspace or companies is "not found", never "forbidden":
 * answering 403 would confirm that it exists.
 */
export function outOfScope(what: string): ProblemError {
  return new ProblemError('notFound', `${what} not found.`);
}
