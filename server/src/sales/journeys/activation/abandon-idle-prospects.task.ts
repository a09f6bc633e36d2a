import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { ScheduledTask } from '../../../platform/jobs/job-system.ts';
import type { Services } from '../../../platform/services.ts';
import { isAbandoned } from '../rules/prospect-status.ts';
import { anonymousCause, applyProspectEvent, loadProspectById } from '../prospect-store.ts';
import { journeyVersions, prospects } from '../schema.ts';

const BATCH = 200;

/**
 * Seed 004 "Taux d'abandon": a prospect idle longer than its journey's `abandonAfterHours` is marked abandoned (an
 * event the funnel counts); coming back through the link resumes them. Rows are claimed with SKIP LOCKED, so several
 * workers never abandon the same prospect twice and a prospect being saved is simply left for the next run.
 */
export async function abandonIdleProspects(services: Services, now: Date): Promise<number> {
  const versions = await services.db.select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, definition: journeyVersions.definition }).from(journeyVersions);
  let abandoned = 0;
  for (const version of versions) {
    const hours = version.definition.abandonAfterHours;
    const cutoff = new Date(now.getTime() - hours * 3_600_000);
    abandoned += await services.db.transaction(async (tx) => {
      const idle = await tx
        .select({ id: prospects.id })
        .from(prospects)
        .where(
          and(
            eq(prospects.journeyId, version.journeyId),
            eq(prospects.journeyVersion, version.version),
            inArray(prospects.status, ['prospect', 'en_signature', 'en_paiement']),
            lt(prospects.lastActivityAt, cutoff),
            sql`${prospects.erasedAt} is null`,
          ),
        )
        .limit(BATCH)
        .for('update', { skipLocked: true });
      let count = 0;
      for (const { id } of idle) {
        const loaded = (await loadProspectById(tx, id))!;
        if (!isAbandoned(loaded.prospect.status, loaded.prospect.lastActivityAt, now, hours)) continue;
        await applyProspectEvent(tx, loaded, 'abandoned', { auth: anonymousCause('abandon-idle'), actorLabel: 'system:journey', now, detail: { idleHours: hours } });
        count += 1;
      }
      return count;
    });
  }
  return abandoned;
}

export const abandonIdleProspectsTask: ScheduledTask = {
  name: 'sales.abandon-idle-prospects',
  cron: '*/15 * * * *',
  run: (services, firedAt) => abandonIdleProspects(services, firedAt),
};
