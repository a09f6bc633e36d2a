/**
 * Calendar dates as the engine receives them: `YYYY-MM-DD` strings, validated without `Date` (no time zone, no clock).
 * The caller decides what "today" is in the company's zone and passes it in.
 */
import { display, PricingError } from './errors.ts';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real calendar date (`2026-02-29` is refused, `2028-02-29` accepted) or throws a PricingError on `field`. */
export function parseIsoDate(text: unknown, field = 'date'): CalendarDate {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match) {
    throw new PricingError(field, `« ${display(text)} » n’est pas une date au format AAAA-MM-JJ.`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new PricingError(field, `La date ${display(text)} n’existe pas.`);
  }
  return { year, month, day };
}

export function isIsoDate(text: unknown): text is string {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Full years from `from` to `on` (an age): the birthday counts on its day. Someone born on 29 February turns a year
 * older on 1 March in common years (the (month, day) pair is compared).
 */
export function fullYearsBetween(from: CalendarDate, on: CalendarDate): number {
  const years = on.year - from.year;
  return on.month < from.month || (on.month === from.month && on.day < from.day) ? years - 1 : years;
}

/** The age in full years on `onDate` of someone born on `birthDate`; a birth date after `onDate` is refused. */
export function ageOn(birthDate: string, onDate: string, field = 'attributes.birth_date'): number {
  const birth = parseIsoDate(birthDate, field);
  const on = parseIsoDate(onDate, 'date');
  if (compareDates(birth, on) > 0) {
    throw new PricingError(field, `La date de naissance ${birthDate} est postérieure à la date du devis (${onDate}).`);
  }
  return fullYearsBetween(birth, on);
}

/** Whether `date` lies in [from, to], either bound optional and both inclusive. */
export function isWithin(date: string, from: string | undefined, to: string | undefined): boolean {
  const on = parseIsoDate(date);
  if (from !== undefined && compareDates(on, parseIsoDate(from, 'validFrom')) < 0) return false;
  if (to !== undefined && compareDates(on, parseIsoDate(to, 'validTo')) > 0) return false;
  return true;
}
