/**
 * Calendar dates of the engine: `YYYY-MM-DD` in the company's time zone. Facts may carry an instant
 * (`2025-09-30T22:30:00Z`, `2025-10-01T00:30:00+02:00`); `localDate` turns it into the company's calendar day with
 * the IANA time-zone data of the runtime (no clock: "now" is never read here).
 */
import { CommissionError } from './errors.ts';

export type LocalDate = string;
/** A month: `YYYY-MM`. */
export type Period = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function parseLocalDate(text: string, field = 'date'): YMD {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CommissionError(field, `« ${String(text)} » n’est pas une date AAAA-MM-JJ valide.`, 'invalid_fact');
  }
  return { year, month, day };
}

export function formatLocalDate({ year, month, day }: YMD): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, field: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new CommissionError(field, `Fuseau horaire inconnu : « ${timeZone} ».`, 'invalid_input');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The company's calendar day of a fact: a plain date is taken as already local; an instant is converted. */
export function localDate(at: string, timeZone: string, field = 'at'): LocalDate {
  if (typeof at === 'string' && ISO_DATE.test(at)) return formatLocalDate(parseLocalDate(at, field));
  const ms = typeof at === 'string' && INSTANT.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms)) throw new CommissionError(field, `« ${String(at)} » n’est ni une date AAAA-MM-JJ ni un instant ISO 8601 avec fuseau.`, 'invalid_fact');
  const parts = formatterFor(timeZone, 'company.timeZone').formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatLocalDate({ year: get('year'), month: get('month'), day: get('day') });
}

export function periodOf(date: LocalDate): Period {
  return date.slice(0, 7);
}

/** The month `months` after (or before) the date's month, on `day` clamped to that month's length (31 → 28/29/30). */
export function monthDay(date: LocalDate, months: number, day: number): LocalDate {
  const { year, month } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatLocalDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The same day `months` later, clamped to month end (31 January + 1 month → 28/29 February). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return monthDay(date, months, parseLocalDate(date).day);
}

/** Last day of a period `YYYY-MM`. */
export function endOfPeriod(period: Period): LocalDate {
  return monthDay(`${period}-01`, 0, 31);
}

/** Whole months from `from` to `to` (0 if `to` is before the first monthly anniversary; anniversaries clamp). */
export function wholeMonthsBetween(from: LocalDate, to: LocalDate): number {
  if (to < from) return 0;
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}
