import { and, eq, isNull, lt } from 'drizzle-orm';
import type { ScheduledTask } from '../../../platform/jobs/job-system.ts';
import type { Services } from '../../../platform/services.ts';
import { anonymousCause } from '../prospect-store.ts';
import { isDueForErasure } from '../rules/prospect-status.ts';
import { journeyVersions, prospects } from '../schema.ts';
import { deleteOrphanFiles, erasePersonalData } from './personal-data.ts';

const BATCH = 100;

/**
 * Proportionate retention: a prospect abandoned and idle for the journey version's `eraseAbandonedAfterDays` is erased
 * as by an erasure request (personal fields, timeline text, uploaded policies; the link stops working), audited as the
 * system. Claimed with SKIP LOCKED in batches, so several workers never erase the same prospect twice.
 */
export async function eraseAbandonedProspects(services: Services, now: Date): Promise<number> {
  const versions = await services.db.select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, definition: journeyVersions.definition }).from(journeyVersions);
  let erased = 0;
  for (const version of versions) {
    const days = version.definition.eraseAbandonedAfterDays ?? null;
    if (days === null) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    for (;;) {
      const { count, orphanFiles } = await services.db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(prospects)
          .where(and(eq(prospects.journeyId, version.journeyId), eq(prospects.journeyVersion, version.version), eq(prospects.status, 'abandonne'), lt(prospects.lastActivityAt, cutoff), isNull(prospects.erasedAt)))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        const files: string[] = [];
        let done = 0;
        for (const prospect of due) {
          if (!isDueForErasure(prospect.status, prospect.lastActivityAt, now, days)) continue;
          const reason = `Conservation : abandonné depuis plus de ${days} jours`;
          const { orphanFiles } = await erasePersonalData(tx, prospect, { auth: anonymousCause('retention'), actorLabel: 'system:retention', reason, now });
          files.push(...orphanFiles);
          done += 1;
        }
        return { count: done, orphanFiles: files };
      });
      await deleteOrphanFiles(services, orphanFiles);
      erased += count;
      if (count < BATCH) break;
    }
  }
  return erased;
}

export const eraseAbandonedProspectsTask: ScheduledTask = {
  name: 'sales.erase-abandoned-prospects',
  cron: '40 3 * * *',
  run: (services, firedAt) => eraseAbandonedProspects(services, firedAt),
};
