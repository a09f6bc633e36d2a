import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { queryRows } from '../db/query-rows.ts';
import { createRuntime } from '../runtime.ts';
import { outboxEvents } from '../schema.ts';
import { createProbeTable, FAILING_TOPIC, PROBE_TOPIC, probeHandlers } from '../../../test/support/probe-handlers.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { listDeadJobs, replayDeadJob } from './dead-letters.ts';
import { dispatchPendingEvents } from './dispatcher.ts';
import { effectKey } from './job-payload.ts';
import { recordEvent } from './outbox.ts';
import { applyEffect } from './run-handler.ts';

let current: TestRuntime | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(work: boolean) {
  current = await startTestRuntime({ work, extraHandlers: probeHandlers });
  await current.runtime.db.execute(createProbeTable);
  return current.runtime;
}

async function effects(runtime: Awaited<ReturnType<typeof start>>) {
  return queryRows<{ event_id: string; applied_count: number }>(
    runtime.db,
    sql`select event_id, applied_count from public.probe_effect order by event_id`,
  );
}

describe('transactional outbox', () => {
  it('records nothing, and dispatches nothing, for a transaction that rolled back', async () => {
    const runtime = await start(false);
    await expect(
      runtime.db.transaction(async (tx) => {
        await recordEvent(tx, { topic: PROBE_TOPIC, payload: { n: 1 } });
        throw new Error('business rule failed after the event was recorded');
      }),
    ).rejects.toThrow('business rule failed');
    const [pending] = await runtime.db.select({ n: count() }).from(outboxEvents);
    expect(pending?.n).toBe(0);
    const dispatched = await dispatchPendingEvents(runtime.db, runtime.jobs.boss, runtime.jobs.registry);
    expect(dispatched).toEqual({ events: 0, jobs: 0 });
  });

  it('loses nothing when the process dies between commit and dispatch', async () => {
    // A process with no worker commits events, then "dies" before any dispatch.
    const api = await start(false);
    await api.db.transaction(async (tx) => {
      for (let n = 0; n < 5; n++) await recordEvent(tx, { topic: PROBE_TOPIC, payload: { n } });
    });
    await api.jobs.stop();
    const [pending] = await api.db.select({ n: count() }).from(outboxEvents).where(isNull(outboxEvents.dispatchedAt));
    expect(pending?.n).toBe(5);

    // A worker started later on the same database finds and applies all of them.
    const worker = await createRuntime(current!.testDb.config, {
      work: true,
      database: current!.testDb.database,
      extraHandlers: probeHandlers,
      skipMigrations: true,
    });
    try {
      const applied = await eventually(async () => {
        const rows = await effects(worker);
        return rows.length === 5 ? rows : undefined;
      }, 'five effects');
      expect(applied.every((row) => row.applied_count === 1)).toBe(true);
      const [left] = await worker.db.select({ n: count() }).from(outboxEvents).where(isNull(outboxEvents.dispatchedAt));
      expect(left?.n).toBe(0);
    } finally {
      await worker.jobs.stop();
    }
  });

  it('dispatches each event once even when dispatch runs twice', async () => {
    const runtime = await start(false);
    await recordEvent(runtime.db, { topic: PROBE_TOPIC, payload: {} });
    const first = await dispatchPendingEvents(runtime.db, runtime.jobs.boss, runtime.jobs.registry);
    const second = await dispatchPendingEvents(runtime.db, runtime.jobs.boss, runtime.jobs.registry);
    expect(first).toEqual({ events: 1, jobs: 1 });
    expect(second).toEqual({ events: 0, jobs: 0 });
    const [row] = await runtime.db.select().from(outboxEvents);
    expect(row?.jobCount).toBe(1);
    expect(row?.dispatchedAt).toBeInstanceOf(Date);
  });

  it('applies an effect once when the same job is delivered twice', async () => {
    const runtime = await start(false);
    const eventId = await recordEvent(runtime.db, { topic: PROBE_TOPIC, payload: {} });
    const [event] = await runtime.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    const handler = runtime.jobs.registry.get('probe.count-effect')!;
    const data = {
      effectKey: effectKey(eventId, handler.name),
      event: { ...event!, occurredAt: event!.occurredAt.toISOString() },
    };
    expect(await applyEffect(runtime.db, runtime, handler, data, 0)).toBe('applied');
    expect(await applyEffect(runtime.db, runtime, handler, data, 1)).toBe('already-applied');
    expect(await effects(runtime)).toEqual([{ event_id: eventId, applied_count: 1 }]);
  });

  it('retries a failing handler with back-off, dead-letters it, and replays it', async () => {
    const runtime = await start(true);
    // Fails on attempts 0 and 1 (retryLimit 1), so it ends dead; a replay starts at attempt 0 again.
    const eventId = await runtime.db.transaction((tx) => recordEvent(tx, { topic: FAILING_TOPIC, payload: {} }));
    const [dead] = await eventually(async () => {
      const jobs = await listDeadJobs(runtime.jobs.boss, runtime.jobs.registry);
      return jobs.length > 0 ? jobs : undefined;
    }, 'the job to reach the dead-letter queue', 40_000);
    expect(dead?.queue).toBe('probe.flaky');
    expect(dead?.data.event.id).toBe(eventId);
    expect(await effects(runtime)).toEqual([]);

    // The admin fixes the cause (here: the payload's failure threshold) and replays.
    await runtime.jobs.boss.updateQueue('probe.flaky', { retryLimit: 3 });
    await runtime.db.execute(sql`update pgboss.job set data = jsonb_set(data, '{event,payload,failUntilAttempt}', '1') where id = ${dead!.id}`);
    await replayDeadJob(runtime.jobs.boss, dead!.queue, dead!.id);
    const applied = await eventually(async () => {
      const rows = await effects(runtime);
      return rows.length === 1 ? rows : undefined;
    }, 'the replayed job to apply its effect', 40_000);
    expect(applied[0]?.applied_count).toBe(1);
    expect(await listDeadJobs(runtime.jobs.boss, runtime.jobs.registry)).toEqual([]);
  });
});

describe.runIf(inject('dbEngine') === 'postgres')('scale-out on PostgreSQL', () => {
  const workers: ChildProcess[] = [];
  afterEach(() => {
    for (const child of workers.splice(0)) child.kill('SIGKILL');
  });

  it('two worker processes apply each of 1,000 effects exactly once', async () => {
    const runtime = await start(false);
    const url = current!.testDb.url!;
    // Events first, committed in batches, while no worker runs.
    for (let batch = 0; batch < 10; batch++) {
      await runtime.db.transaction(async (tx) => {
        for (let n = 0; n < 100; n++) await recordEvent(tx, { topic: PROBE_TOPIC, payload: { n: batch * 100 + n } });
      });
    }
    const script = path.resolve(import.meta.dirname, '../../../test/support/worker-process.ts');
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      workers.push(child);
    }
    const rows = await eventually(
      async () => {
        const [row] = await queryRows<{ events: number; most: number; processes: number }>(
          runtime.db,
          sql`select count(*)::int as events, coalesce(max(applied_count), 0)::int as most,
                     count(distinct applied_by)::int as processes
              from public.probe_effect`,
        );
        return row?.events === 1000 ? row : undefined;
      },
      '1,000 effects',
      120_000,
    );
    expect(rows.most).toBe(1);
    expect(rows.processes).toBe(2);
    const [keys] = await queryRows<{ n: number }>(
      runtime.db,
      sql`select count(*)::int as n from platform.job_effect where queue = 'probe.count-effect'`,
    );
    expect(keys?.n).toBe(1000);
  });
});
