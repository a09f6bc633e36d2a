import type { Lang } from './lang.ts';

// Locale per UI language. en-GB rather than en-US: users are in France and
// Switzerland and expect day-first dates even in English.
const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang]).format(value);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone (a company's, not the browser's). */
export function dayInZone(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A calendar day (YYYY-MM-DD) written for people: « 31/03/2026 ». */
export function formatDay(day: string, lang: Lang): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** An instant's date in the browser's zone, « 31/03/2026 »; « — » when there is none. */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short' }).format(new Date(iso));
}
