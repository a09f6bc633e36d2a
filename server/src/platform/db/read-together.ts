import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './database.ts';

type Read = () => PromiseLike<unknown>;
type Results<T extends readonly Read[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs independent reads: all at once on the pool, one after the other inside a transaction.
 * A transaction is one connection: `Promise.all` on it stacks queries on a busy client, which node-postgres
 * deprecates (it warns today and will refuse in pg 9). Each read is a function, started only when its turn comes.
 */
export async function readTogether<const T extends readonly Read[]>(db: DbOrTx, reads: T): Promise<Results<T>> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}
