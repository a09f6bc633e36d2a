import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { memberships, sessions, users, workspaces } from '../schema.ts';

/**
 * Every authenticated request runs these two lookups, so they are prepared once per
 * database: Drizzle then skips building the SQL each time and PostgreSQL skips planning
 * it (measured: Drizzle's query building was the largest JavaScript cost of a quote).
 */
function prepare(db: Db) {
  return {
    liveSession: db
      .select({ session: sessions, user: users, workspace: workspaces })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
      .where(
        and(
          eq(sessions.tokenHash, sql.placeholder('tokenHash')),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql.placeholder('now')),
          isNull(users.disabledAt),
        ),
      )
      .prepare('identity_live_session'),
    grants: db
      .select({ role: memberships.role, companyIds: memberships.companyIds })
      .from(memberships)
      .where(and(eq(memberships.userId, sql.placeholder('userId')), eq(memberships.workspaceId, sql.placeholder('workspaceId'))))
      .prepare('identity_session_grants'),
  };
}

const byDb = new WeakMap<Db, ReturnType<typeof prepare>>();

export function sessionStatements(db: Db): ReturnType<typeof prepare> {
  let statements = byDb.get(db);
  if (!statements) {
    statements = prepare(db);
    byDb.set(db, statements);
  }
  return statements;
}
