import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../../identity/access/auth-context.ts';
import { inCompanyScope } from '../../../identity/access/scope.ts';
import { companies } from '../../../identity/schema.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { decideOrderKind } from '../../rules/order-kind.ts';
import { type ActiveContract, funnelKpis, funnelSeries, KPI_TARGETS, type RenewalFacts, recurringRevenue } from '../rules/funnel-kpis.ts';
import { prospectEvents, prospects } from '../schema.ts';

export interface AnalyticsQuery {
  journeyId?: string;
  from: Date;
  to: Date;
  granularity: 'month' | 'week';
  clientType?: 'particulier' | 'entreprise';
  source?: string;
}

const scope = { workspaceId: prospects.workspaceId, companyId: prospects.companyId };

function addMonths(date: Date, months: number): Date {
  const copy = new Date(date);
  copy.setUTCMonth(copy.getUTCMonth() + months);
  return copy;
}

/** Annual contract facts of a prospect, from the quote it was sold at (the order's cycle rule). */
function contractOf(p: typeof prospects.$inferSelect): ActiveContract | null {
  const lines = (p.quote as { lines?: { recurrence: string | null }[] } | null)?.lines;
  if (!lines || p.priceAmount === null) return null;
  const kind = decideOrderKind(lines as never);
  if (kind.kind !== 'subscription') return null;
  return { clientType: p.clientType, amount: p.priceAmount, interval: kind.interval, intervalCount: kind.intervalCount };
}

/**
 * Seed 004 "Métriques et Suivi" and "Vue Revenus": funnel KPIs of the prospects who started in the period (by bucket
 * for the charts), renewal rate of the échéances that fell in the period, MRR/ARR now and at the end of each bucket.
 */
export async function journeyAnalytics(db: DbOrTx, auth: AuthenticatedContext, query: AnalyticsQuery, now: Date) {
  const filters: SQL[] = [inCompanyScope(scope, auth, 'sales.read')];
  if (query.journeyId) filters.push(eq(prospects.journeyId, query.journeyId));
  if (query.clientType) filters.push(eq(prospects.clientType, query.clientType));
  if (query.source) filters.push(eq(prospects.source, query.source));
  const [zone] = await db.select({ timeZone: companies.timeZone }).from(companies).where(eq(companies.workspaceId, auth.workspace.id)).limit(1);
  const timeZone = zone?.timeZone ?? 'Europe/Paris';

  const cohort = await db
    .select()
    .from(prospects)
    .where(and(...filters, gte(prospects.startedAt, query.from), lt(prospects.startedAt, query.to)));
  const clients = await db
    .select()
    .from(prospects)
    .where(and(...filters, inArray(prospects.status, ['client_actif', 'paiement_en_echec', 'mandat_resilie'])));
  const renewedIds = new Set(
    clients.length === 0
      ? []
      : (
          await db
            .select({ prospectId: prospectEvents.prospectId })
            .from(prospectEvents)
            .where(and(eq(prospectEvents.workspaceId, auth.workspace.id), eq(prospectEvents.kind, 'renewed'), inArray(prospectEvents.prospectId, clients.map((c) => c.id))))
        ).map((r) => r.prospectId),
  );
  const renewals: RenewalFacts[] = [];
  for (const client of clients) {
    const contract = contractOf(client);
    if (!contract || !client.activatedAt) continue;
    const dueAt = addMonths(client.activatedAt, contract.interval === 'year' ? 12 * contract.intervalCount : contract.intervalCount);
    if (dueAt < query.from || dueAt >= query.to || dueAt > now) continue;
    renewals.push({ dueAt, renewed: renewedIds.has(client.id) });
  }

  const activeAt = (instant: Date) =>
    clients
      .filter((c) => c.activatedAt && c.activatedAt <= instant && (!c.endedAt || c.endedAt > instant))
      .map(contractOf)
      .filter((c): c is ActiveContract => c !== null);
  const series = funnelSeries(cohort, renewals, query.granularity, timeZone);
  return {
    timeZone,
    kpis: funnelKpis(cohort, renewals),
    targets: KPI_TARGETS,
    series,
    revenue: {
      ...recurringRevenue(activeAt(now)),
      currency: clients[0]?.currency ?? null,
      series: series.map((point) => {
        const end = bucketEnd(point.bucket, query.granularity);
        const at = end > now ? now : end;
        const revenue = recurringRevenue(activeAt(at));
        return { bucket: point.bucket, mrr: revenue.mrr, arr: revenue.arr, particulier: revenue.byClientType[0]!.mrr, entreprise: revenue.byClientType[1]!.mrr };
      }),
    },
  };
}

function bucketEnd(bucket: string, granularity: 'month' | 'week'): Date {
  if (granularity === 'week') return new Date(Date.parse(`${bucket}T00:00:00Z`) + 7 * 86_400_000);
  const [y, m] = bucket.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
}
