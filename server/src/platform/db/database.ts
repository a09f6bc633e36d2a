import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle database, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: what services accept to compose writes. */
export type DbOrTx = Db | Tx;

export const pgliteExtensions = { unaccent, pg_trgm, btree_gist };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The embedded engine, when there is one (pg-boss and LISTEN use it directly). */
  readonly pglite?: PGlite;
  /** The server pool, when there is one. */
  readonly pool?: pg.Pool;
  /** The connection string pg-boss opens its own pool with (PostgreSQL only). */
  readonly url?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Open an already-migrated cluster image instead of a directory (tests). */
  loadDataDir?: Blob;
  /** Open an in-memory PGlite (tests). */
  inMemory?: boolean;
}

export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.database.kind === 'postgres') return openPostgres(config.database.url, config.DATABASE_POOL_MAX);
  return openPglite(options.inMemory || options.loadDataDir ? undefined : config.pgDataDir, options.loadDataDir);
}

export function openPostgres(url: string, poolMax = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: 'comptoir' });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return { kind: 'postgres', db, pool, url, close: () => pool.end() };
}

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir) lock = await acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: pgliteExtensions,
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite,
      async close() {
        if (!pglite.closed) await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
