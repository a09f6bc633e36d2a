/**
 * How often a line is charged, its public label (`one_time`, `monthly`, `yearly`, `every 3 months`…), its French
 * suffix (`/ mois`, `/ an`) and its monthly equivalent (a yearly CHF 185.– is CHF 15.42 a month).
 */
import { PricingError } from './errors.ts';
import { assertMinor, mulDivHalfUp } from './money.ts';

export type RecurrenceUnit = 'day' | 'week' | 'month' | 'year';
export type Recurrence = { kind: 'one_time' } | { kind: 'recurring'; every: number; unit: RecurrenceUnit };

export const MAX_RECURRENCE_EVERY = 1000;

export const ONE_TIME: Recurrence = { kind: 'one_time' };
export const monthly = (every = 1): Recurrence => ({ kind: 'recurring', every, unit: 'month' });
export const yearly = (every = 1): Recurrence => ({ kind: 'recurring', every, unit: 'year' });
export const weekly = (every = 1): Recurrence => ({ kind: 'recurring', every, unit: 'week' });
export const daily = (every = 1): Recurrence => ({ kind: 'recurring', every, unit: 'day' });

const UNITS: readonly RecurrenceUnit[] = ['day', 'week', 'month', 'year'];

/** Throws a PricingError on `field` unless `value` is a well-formed recurrence (every: integer 1..1000). */
export function validateRecurrence(value: unknown, field = 'recurrence'): Recurrence {
  const r = value as Recurrence | null;
  if (r && typeof r === 'object' && r.kind === 'one_time') return ONE_TIME;
  if (
    r &&
    typeof r === 'object' &&
    r.kind === 'recurring' &&
    UNITS.includes(r.unit) &&
    Number.isInteger(r.every) &&
    r.every >= 1 &&
    r.every <= MAX_RECURRENCE_EVERY
  ) {
    return { kind: 'recurring', every: r.every, unit: r.unit };
  }
  throw new PricingError(field, 'Récurrence invalide : attendu { kind: "one_time" } ou { kind: "recurring", every: 1..1000, unit }.', 'invalid_rule');
}

const SINGLE: Readonly<Record<RecurrenceUnit, string>> = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' };

/** The public label: `one_time`, `daily`, `weekly`, `monthly`, `yearly`, or `every N days|weeks|months|years`. */
export function recurrenceLabel(recurrence: Recurrence): string {
  if (recurrence.kind === 'one_time') return 'one_time';
  return recurrence.every === 1 ? SINGLE[recurrence.unit] : `every ${recurrence.every} ${recurrence.unit}s`;
}

/** The inverse of `recurrenceLabel` (used to read back the lines of a quote, e.g. a bundle component's). */
export function parseRecurrenceLabel(label: string, field = 'recurrence'): Recurrence {
  if (typeof label !== 'string') throw new PricingError(field, 'Récurrence absente.');
  if (label === 'one_time') return ONE_TIME;
  for (const unit of UNITS) if (SINGLE[unit] === label) return { kind: 'recurring', every: 1, unit };
  const match = /^every ([1-9]\d{0,3}) (day|week|month|year)s$/.exec(label);
  if (match) return validateRecurrence({ kind: 'recurring', every: Number(match[1]), unit: match[2] }, field);
  throw new PricingError(field, `Récurrence inconnue : « ${label.slice(0, 40)} ».`);
}

const FRENCH: Readonly<Record<RecurrenceUnit, [string, string]>> = {
  day: ['jour', 'jours'],
  week: ['semaine', 'semaines'],
  month: ['mois', 'mois'],
  year: ['an', 'ans'],
};

/** The French suffix of a price: `/ mois`, `/ an`, `/ 3 mois`, `/ 2 semaines`; `paiement unique` for one-time. */
export function recurrenceSuffixFr(recurrence: Recurrence): string {
  if (recurrence.kind === 'one_time') return 'paiement unique';
  const [one, many] = FRENCH[recurrence.unit];
  return recurrence.every === 1 ? `/ ${one}` : `/ ${recurrence.every} ${many}`;
}

/** `CHF 185.– / an`, `9,90 € / mois`, `100,00 € (paiement unique)`. */
export function withRecurrenceFr(formattedAmount: string, recurrence: Recurrence): string {
  return recurrence.kind === 'one_time'
    ? `${formattedAmount} (paiement unique)`
    : `${formattedAmount} ${recurrenceSuffixFr(recurrence)}`;
}

/**
 * The amount spread over one month, rounded half-up to the cent: 18500 a year → 1542; weekly uses 52/12 weeks a
 * month, daily 365/12 days a month. A one-time charge has no monthly equivalent (null).
 */
export function monthlyEquivalent(amountMinor: number, recurrence: Recurrence): number | null {
  assertMinor(amountMinor);
  if (recurrence.kind === 'one_time') return null;
  // amount ÷ (months per period), as the exact fraction amount × periods-per-unit ÷ (every × months-per-unit).
  const { every, unit } = recurrence;
  switch (unit) {
    case 'month':
      return mulDivHalfUp(amountMinor, 1, every);
    case 'year':
      return mulDivHalfUp(amountMinor, 1, every * 12);
    case 'week':
      return mulDivHalfUp(amountMinor, 52, every * 12);
    case 'day':
      return mulDivHalfUp(amountMinor, 365, every * 12);
  }
}
