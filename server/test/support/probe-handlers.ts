import { sql } from 'drizzle-orm';
import { defineHandler } from '../../src/platform/jobs/handlers.ts';

/**
 * Handlers used only by tests. `probe.count-effect` counts how many times each
 * event's effect was applied (exactly once is 1) and which process applied it.
 */
export const PROBE_TOPIC = 'probe.thing.happened';
export const FAILING_TOPIC = 'probe.thing.broke';

export const createProbeTable = sql`
  create table if not exists public.probe_effect (
    event_id uuid primary key,
    applied_count integer not null,
    applied_by integer not null
  )`;

export const countEffectHandler = defineHandler({
  name: 'probe.count-effect',
  topics: [PROBE_TOPIC],
  async handle({ tx, event }) {
    await tx.execute(sql`
      insert into public.probe_effect (event_id, applied_count, applied_by)
      values (${event.id}, 1, ${process.pid})
      on conflict (event_id) do update set applied_count = probe_effect.applied_count + 1`);
  },
});

/** Fails until the payload's `failUntilAttempt` is reached (or always, if absent). */
export const flakyHandler = defineHandler<{ failUntilAttempt?: number }>({
  name: 'probe.flaky',
  topics: [FAILING_TOPIC],
  retryLimit: 1,
  async handle({ tx, event, attempt }) {
    const limit = event.payload.failUntilAttempt;
    if (limit === undefined || attempt < limit) throw new Error(`probe failure on attempt ${attempt}`);
    await tx.execute(sql`
      insert into public.probe_effect (event_id, applied_count, applied_by)
      values (${event.id}, 1, ${process.pid})
      on conflict (event_id) do update set applied_count = probe_effect.applied_count + 1`);
  },
});

export const probeHandlers = [countEffectHandler, flakyHandler];
