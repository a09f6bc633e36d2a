import pg from 'pg';
import type { Invalidation } from '../../src/platform/cache/invalidation.ts';
import type { InvalidationHub } from '../../src/platform/cache/invalidation-hub.ts';
import type { TestRuntime } from './test-runtime.ts';

/** Resolves when the hub hears an invalidation that matches (a NOTIFY, or an in-process publish). */
export function nextInvalidation(hub: InvalidationHub, matches: (invalidation: Invalidation) => boolean): Promise<Invalidation> {
  return new Promise((resolve) => {
    const unsubscribe = hub.subscribe((invalidation) => {
      if (!matches(invalidation)) return;
      unsubscribe();
      resolve(invalidation);
    });
  });
}

/**
 * SQL run the way another process or a hand-typed statement would: on its own PostgreSQL
 * connection (or straight on the embedded engine), never through a service, so nothing is
 * published in-process — the running process can only learn of it through the NOTIFY.
 */
export async function writeFromOutside(test: TestRuntime, text: string, params: unknown[] = []): Promise<void> {
  const { database } = test.runtime;
  if (database.pglite) {
    await database.pglite.query(text, params);
    return;
  }
  const client = new pg.Client({ connectionString: test.testDb.url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

/**
 * Waits until every notification committed so far has reached the hub: PostgreSQL delivers
 * notifications in commit order, so once a marker sent now is heard, the earlier ones were too.
 */
export async function settleInvalidations(test: TestRuntime): Promise<void> {
  const marker = `00000000-0000-0000-0000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
  const heard = nextInvalidation(test.runtime.invalidation, (i) => i.kind === 'session' && i.id === marker);
  await writeFromOutside(test, `select pg_notify('comptoir_invalidate', $1)`, [`session:${marker}`]);
  await heard;
}
