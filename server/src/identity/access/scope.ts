import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Permission } from '../permissions.ts';
import { type AuthenticatedContext, companyScope } from './auth-context.ts';

/**
 * The WHERE clause every query on tenant data starts from: the actor's workspace,
 * and — for company-owned rows — only the companies where the actor holds `permission`.
 * Services build their queries on these instead of writing tenant conditions by hand.
 */
export function inWorkspace(workspaceColumn: PgColumn, auth: AuthenticatedContext): SQL {
  return eq(workspaceColumn, auth.workspace.id);
}

export function inCompanyScope(
  columns: { workspaceId: PgColumn; companyId: PgColumn },
  auth: AuthenticatedContext,
  permission: Permission,
): SQL {
  const scope = companyScope(auth, permission);
  const workspace = eq(columns.workspaceId, auth.workspace.id);
  if (scope.all) return workspace;
  if (scope.companyIds.length === 0) return sql`false`;
  return and(workspace, inArray(columns.companyId, scope.companyIds))!;
}
