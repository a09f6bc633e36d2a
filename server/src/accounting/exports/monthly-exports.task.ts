import { eq } from 'drizzle-orm';
import { companies } from '../../identity/schema.ts';
import type { ScheduledTask } from '../../platform/jobs/job-system.ts';
import type { Services } from '../../platform/services.ts';
import { dueMonthlyPeriod } from '../rules/schedule.ts';
import type { ExportKind } from '../schema.ts';
import { runExport, startExport } from './generate-export.ts';

export const SCHEDULED_BY = 'system:schedule';
const MONTHLY_KINDS: ExportKind[] = ['csv', 'xlsx', 'vat', 'statement', 'fec'];

/**
 * Annex F §6: the month's exports are generated automatically at J+2 after its end. Runs daily; from the 2nd of a month
 * on, every active company gets the previous month's files once (a unique index on scheduled exports), so a missed
 * run catches up the next day. A company without SIREN gets no FEC.
 */
export async function generateMonthlyExports(services: Services, firedAt: Date): Promise<{ generated: number }> {
  const period = dueMonthlyPeriod(firedAt);
  if (!period) return { generated: 0 };
  let generated = 0;
  const rows = await services.db.select({ id: companies.id, workspaceId: companies.workspaceId, siren: companies.siren }).from(companies).where(eq(companies.isActive, true));
  for (const company of rows) {
    for (const kind of MONTHLY_KINDS) {
      if (kind === 'fec' && !company.siren) continue;
      const started = await startExport(services, { workspaceId: company.workspaceId, companyId: company.id, kind, period, requestedBy: SCHEDULED_BY });
      if (!started) continue;
      await runExport(services, started.id);
      generated++;
    }
  }
  return { generated };
}

export const monthlyExportsTask: ScheduledTask = {
  name: 'accounting.monthly-exports',
  cron: '30 3 * * *',
  run: (services, firedAt) => generateMonthlyExports(services, firedAt),
};
