import type { Lang } from './i18n/lang.ts';

// Amounts travel as integer minor units (cents / centimes). Typed amounts are parsed
// from the string, never through floating point: « 9,90 » → 990, « 1 234.5 » → 123450.

/** « 9,90 », « 9.9 », « 1 234,50 », « 12 » → cents; null when the text is not an amount (≤ 2 decimals). */
export function parseAmountToCents(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{0,2}))?$/.exec(compact);
  if (!match) return null;
  const units = match[1] ?? '0';
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return Number.parseInt(units, 10) * 100 + Number.parseInt(decimals, 10);
}

/** Cents → « 9,90 » (for an input showing an amount without its currency). */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** 990 EUR → « 9,90 € » in French; CHF keeps two decimals too (« 185,00 CHF »). */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency }).format(minor / 100);
}
