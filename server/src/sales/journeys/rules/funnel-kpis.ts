import { Decimal } from 'decimal.js';
import type { ProspectStatus } from './prospect-status.ts';

/**
 * Seed 004 "Métriques et Suivi": the journey's KPIs, computed from the prospects' timestamps (a cohort = the prospects
 * who started in the period). Rates are per mille integers (completion 734 = 73.4 %), so no float reaches a chart
 * label or a comparison; null when the denominator is zero (no "0 %" invented from nothing).
 */

export interface ProspectFacts {
  status: ProspectStatus;
  clientType: 'particulier' | 'entreprise' | null;
  startedAt: Date;
  questionnaireCompletedAt: Date | null;
  signedAt: Date | null;
  activatedAt: Date | null;
}

export interface RenewalFacts {
  /** End of the first paid period: the "échéance". */
  dueAt: Date;
  renewed: boolean;
}

export interface FunnelKpis {
  started: number;
  questionnairesCompleted: number;
  signatures: number;
  activations: number;
  abandoned: number;
  renewalsDue: number;
  renewed: number;
  questionnaireCompletionPermille: number | null;
  signaturePermille: number | null;
  paymentConversionPermille: number | null;
  abandonmentPermille: number | null;
  renewalPermille: number | null;
  /** Mean seconds from the questionnaire's start to activation (payment or free activation), activated prospects only. */
  meanJourneySeconds: number | null;
}

/** Seed 004's targets, per mille and seconds; `below` means the KPI must stay under its target. */
export const KPI_TARGETS = {
  questionnaireCompletionPermille: { target: 700, below: false },
  signaturePermille: { target: 800, below: false },
  paymentConversionPermille: { target: 900, below: false },
  meanJourneySeconds: { target: 30 * 60, below: true },
  abandonmentPermille: { target: 200, below: true },
  renewalPermille: { target: 950, below: false },
} as const;

export function ratePermille(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((numerator * 1000 * 2 + denominator) / (denominator * 2));
}

export function funnelKpis(prospects: readonly ProspectFacts[], renewals: readonly RenewalFacts[]): FunnelKpis {
  const started = prospects.length;
  const completed = prospects.filter((p) => p.questionnaireCompletedAt).length;
  const signed = prospects.filter((p) => p.signedAt).length;
  const activated = prospects.filter((p) => p.activatedAt);
  const abandoned = prospects.filter((p) => p.status === 'abandonne').length;
  const durations = activated.map((p) => Math.round((p.activatedAt!.getTime() - p.startedAt.getTime()) / 1000));
  const renewed = renewals.filter((r) => r.renewed).length;
  return {
    started,
    questionnairesCompleted: completed,
    signatures: signed,
    activations: activated.length,
    abandoned,
    renewalsDue: renewals.length,
    renewed,
    questionnaireCompletionPermille: ratePermille(completed, started),
    signaturePermille: ratePermille(signed, completed),
    paymentConversionPermille: ratePermille(activated.filter((p) => p.signedAt).length, signed),
    abandonmentPermille: ratePermille(abandoned, started),
    renewalPermille: ratePermille(renewed, renewals.length),
    meanJourneySeconds: durations.length === 0 ? null : Math.round(durations.reduce((a, b) => a + b, 0) / durations.length),
  };
}

/** `YYYY-MM` (or the Monday `YYYY-MM-DD` of the ISO week) of an instant, in a time zone. */
export function bucketOf(at: Date, granularity: 'month' | 'week', timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  if (granularity === 'month') return day.slice(0, 7);
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday);
  return date.toISOString().slice(0, 10);
}

/** KPIs per period bucket, buckets in order (the charts' series). */
export function funnelSeries(prospects: readonly ProspectFacts[], renewals: readonly RenewalFacts[], granularity: 'month' | 'week', timeZone: string) {
  const byBucket = new Map<string, { prospects: ProspectFacts[]; renewals: RenewalFacts[] }>();
  const slot = (key: string) => byBucket.get(key) ?? byBucket.set(key, { prospects: [], renewals: [] }).get(key)!;
  for (const p of prospects) slot(bucketOf(p.startedAt, granularity, timeZone)).prospects.push(p);
  for (const r of renewals) slot(bucketOf(r.dueAt, granularity, timeZone)).renewals.push(r);
  return [...byBucket.keys()].sort().map((bucket) => ({ bucket, ...funnelKpis(byBucket.get(bucket)!.prospects, byBucket.get(bucket)!.renewals) }));
}

export interface ActiveContract {
  clientType: 'particulier' | 'entreprise' | null;
  /** Price of one billing period, minor units. */
  amount: number;
  interval: 'month' | 'year';
  intervalCount: number;
}

/** MRR and ARR in minor units from the contracts' annualised amounts, exact (Decimal), half-up once at the end. */
export function recurringRevenue(contracts: readonly ActiveContract[]) {
  const annual = (c: ActiveContract) => (c.interval === 'month' ? new Decimal(c.amount).times(12) : new Decimal(c.amount)).dividedBy(c.intervalCount);
  const sum = (list: readonly ActiveContract[]) => list.reduce((total, c) => total.plus(annual(c)), new Decimal(0));
  const mrr = (list: readonly ActiveContract[]) => sum(list).dividedBy(12).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  const arr = (list: readonly ActiveContract[]) => sum(list).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  const byType = (type: ActiveContract['clientType']) => contracts.filter((c) => c.clientType === type);
  return {
    mrr: mrr(contracts),
    arr: arr(contracts),
    clients: contracts.length,
    byClientType: (['particulier', 'entreprise'] as const).map((type) => ({ clientType: type, clients: byType(type).length, mrr: mrr(byType(type)), arr: arr(byType(type)) })),
  };
}
