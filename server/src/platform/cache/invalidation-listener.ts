import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import { INVALIDATION_CHANNEL, parseInvalidation } from './invalidation.ts';
import type { InvalidationHub } from './invalidation-hub.ts';

const RECONNECT_DELAY_MS = 1_000;

/**
 * Feeds the hub with the NOTIFYs of migration 0008's triggers and keeps it `live` only while
 * they can arrive. PGlite: a listener on the embedded engine (one process; notifications are
 * delivered as the committing query returns). PostgreSQL: a dedicated connection outside the
 * pool, re-opened after a failure; while it is down the hub is not live, so caches neither
 * serve nor store anything and every request asks the database, as without caches.
 */
export async function listenForInvalidations(database: Database, hub: InvalidationHub, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  const publish = (payload: string | undefined) => hub.publish(parseInvalidation(payload ?? ''));
  if (database.pglite) {
    const unlisten = await database.pglite.listen(INVALIDATION_CHANNEL, publish);
    hub.setLive(true);
    return async () => {
      hub.setLive(false);
      await unlisten().catch(() => {});
    };
  }

  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: database.url, application_name: 'comptoir-invalidation' });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      hub.setLive(false);
      next.end().catch(() => {});
      if (stopped) return;
      log.warn({ err: error }, 'cache invalidation connection lost: caches off until it is back');
      retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
    };
    client = next;
    next.on('notification', (message) => {
      if (message.channel === INVALIDATION_CHANNEL) publish(message.payload);
    });
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      await next.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      if (client === next && !stopped) hub.setLive(true);
    } catch (error) {
      lost(error);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    hub.setLive(false);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
}
