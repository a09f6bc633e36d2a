import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './database.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers answer `{ rows }`,
 * but the engine-neutral Drizzle type cannot say so; this is the one place that casts.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
