import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import type { DbOrTx } from './database.ts';
import { queryRows } from './query-rows.ts';
import { readTogether } from './read-together.ts';

let current: TestRuntime;
beforeAll(async () => {
  current = await startTestRuntime({ work: false });
});
afterAll(() => current.close());

const slowNumber = (n: number) => sql`select ${n}::int as n, pg_sleep(0.05) is not null as slept`;

describe('readTogether', () => {
  it('answers in the order asked, on the pool and in a transaction', async () => {
    const { db } = current.runtime;
    const asked = [3, 1, 2].map((n) => () => queryRows<{ n: number }>(db, slowNumber(n)));
    expect((await readTogether(db, asked)).map((rows) => rows[0]!.n)).toEqual([3, 1, 2]);
    const inTx = await db.transaction((tx) => readTogether(tx, [3, 1, 2].map((n) => () => queryRows<{ n: number }>(tx, slowNumber(n)))));
    expect(inTx.map((rows) => rows[0]!.n)).toEqual([3, 1, 2]);
  });

  it('starts a read of a transaction only once the one before has answered (one connection, never two queries at once)', async () => {
    const { db } = current.runtime;
    const events: string[] = [];
    const read = (handle: DbOrTx, name: string) => async () => {
      events.push(`start ${name}`);
      const rows = await queryRows<{ n: number }>(handle, slowNumber(1));
      events.push(`end ${name}`);
      return rows;
    };
    await db.transaction((tx) => readTogether(tx, [read(tx, 'a'), read(tx, 'b')]));
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
    events.length = 0;
    await readTogether(db, [read(db, 'a'), read(db, 'b')]);
    expect(events.slice(0, 2)).toEqual(['start a', 'start b']);
  });
});
