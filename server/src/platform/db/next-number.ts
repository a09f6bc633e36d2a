import { sql } from 'drizzle-orm';
import type { DbOrTx } from './database.ts';
import { queryRows } from './query-rows.ts';

/**
 * The next number of a counter (scope × kind × year), in the caller's transaction. The upsert takes the row's lock
 * until commit, so concurrent callers queue instead of colliding, and a rollback gives the number back: no gap.
 */
export async function nextNumber(tx: DbOrTx, counter: { scopeId: string; kind: string; year: number }): Promise<number> {
  const [row] = await queryRows<{ last_value: number }>(
    tx,
    sql`insert into platform.number_sequence (scope_id, kind, year, last_value)
        values (${counter.scopeId}, ${counter.kind}, ${counter.year}, 1)
        on conflict (scope_id, kind, year) do update set last_value = platform.number_sequence.last_value + 1
        returning last_value`,
  );
  return Number(row!.last_value);
}
