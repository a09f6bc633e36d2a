import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';

/**
 * pg-boss over whichever engine the platform runs on: the embedded PGlite through
 * pg-boss's adapter, or a PostgreSQL server through pg-boss's own pool.
 */
export function createBoss(database: Database, options: { supervise: boolean; poolMax?: number }): PgBoss {
  const common = {
    schema: 'pgboss',
    supervise: options.supervise,
    schedule: options.supervise,
    migrate: true,
  } as const;
  if (database.pglite) return new PgBoss({ ...common, db: fromPglite(database.pglite) });
  return new PgBoss({ ...common, connectionString: database.url!, max: options.poolMax ?? 4, application_name: 'comptoir-jobs' });
}
