import type { Lang } from '../../../i18n/lang.ts';
import type { KpiTarget, ProspectStatus } from '../../../journeysAdminApi.ts';

// Pure helpers of the journeys back-office: KPI values (per-mille integers, seconds) written for people, whether a
// KPI meets seed 004's target, chart bucket labels, the dashboard's default period and the list views.

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * A per-mille integer as a percentage with one decimal, from the integer's digits (no float rounding):
 * 734 → « 73,4 % » (French, no-break space) / « 73.4% » (English). `trimZero` writes 700 as « 70 % ».
 */
export function formatPermille(permille: number | null, lang: Lang, options: { trimZero?: boolean } = {}): string {
  if (permille === null || !Number.isFinite(permille)) return '—';
  const value = Math.round(permille);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / 10);
  const tenth = abs % 10;
  const number = options.trimZero && tenth === 0 ? `${whole}` : `${whole}${lang === 'fr' ? ',' : '.'}${tenth}`;
  return lang === 'fr' ? `${sign}${number}\u00a0%` : `${sign}${number}%`;
}

/**
 * A duration in seconds as minutes (seed 004 measures the journey in minutes): « 27 min », « 1 h 05 min »;
 * under 30 seconds « < 1 min ».
 */
export function formatDuration(seconds: number | null, lang: Lang): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const minutes = Math.round(seconds / 60);
  const space = lang === 'fr' ? '\u00a0' : ' ';
  if (minutes < 1) return `<${space}1${space}min`;
  if (minutes < 60) return `${minutes}${space}min`;
  const hours = Math.trunc(minutes / 60);
  return `${hours}${space}h${space}${String(minutes % 60).padStart(2, '0')}${space}min`;
}

export type KpiVerdict = 'met' | 'missed' | 'unknown';

/** Seed 004's targets are strict: « > 70 % », « < 30 min ». No value (no denominator) is no verdict. */
export function kpiVerdict(value: number | null, target: KpiTarget): KpiVerdict {
  if (value === null) return 'unknown';
  return (target.below ? value < target.target : value > target.target) ? 'met' : 'missed';
}

/** `YYYY-MM` → « mars 2026 » / « Mar 2026 »; a week's Monday `YYYY-MM-DD` → « 02/03/2026 ». */
export function formatBucket(bucket: string, granularity: 'month' | 'week', lang: Lang): string {
  if (granularity === 'month') {
    const match = /^(\d{4})-(\d{2})$/.exec(bucket);
    if (!match) return bucket;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
    return new Intl.DateTimeFormat(locales[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const date = new Date(`${bucket}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return bucket;
  return new Intl.DateTimeFormat(locales[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The dashboard's default period: the twelve calendar months up to today (the first of the month 11 months ago → today). */
export function defaultPeriod(today: Date): { from: string; to: string } {
  const first = new Date(today.getFullYear(), today.getMonth() - 11, 1);
  return { from: isoDay(first), to: isoDay(today) };
}

/** A `YYYY-MM-DD` day, or undefined for anything else (URL search values are untrusted). */
export function asDay(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value;
}

/**
 * The next renewal of an annual mandate (seed 004: payment « annuel »): the first anniversary of the activation after
 * `now`. A client whose mandate is offered (price 0 or none) has no renewal.
 */
export function nextAnnualRenewal(activatedAt: string | null, priceAmount: number | null, now: Date): Date | null {
  if (!activatedAt || !priceAmount) return null;
  const start = new Date(activatedAt);
  if (Number.isNaN(start.getTime())) return null;
  for (let years = 1; years < 200; years++) {
    const candidate = new Date(start);
    candidate.setUTCFullYear(start.getUTCFullYear() + years);
    // 29 February → 28 February (or 1 March, as setUTCFullYear rolls): still the anniversary's day.
    if (candidate > now) return candidate;
  }
  return null;
}

/** Seed 004's "Tableau de bord" views, by their `?vue=` value. */
export const prospectViews = ['prospects', 'conversions', 'clients-actifs', 'revenus'] as const;
export type ProspectView = (typeof prospectViews)[number];

export interface ViewDefinition {
  /** The statuses the view lists (the status filter offers only these). */
  statuses: readonly ProspectStatus[];
  sort: 'started' | 'activity' | 'activated';
}

export const viewDefinitions: Record<Exclude<ProspectView, 'revenus'>, ViewDefinition> = {
  prospects: { statuses: ['prospect', 'en_signature', 'en_paiement', 'abandonne'], sort: 'started' },
  conversions: { statuses: ['client_actif', 'paiement_en_echec', 'mandat_resilie'], sort: 'activated' },
  'clients-actifs': { statuses: ['client_actif', 'paiement_en_echec'], sort: 'activated' },
};

export function asView(value: unknown): ProspectView {
  return prospectViews.includes(value as ProspectView) ? (value as ProspectView) : 'prospects';
}

/** numerator / denominator in per mille, rounded half up as the server's KPIs are; null without a denominator. */
export function ratePermille(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((numerator * 2000 + denominator) / (denominator * 2));
}
