import type { Lang } from './i18n/lang.ts';

// Amounts travel as integer minor units (cents / centimes). Typed amounts are parsed
// from the string, never through floating point: « 9,90 » → 990, « 1 234.5 » → 123450,
// « CHF 1'490.– » → 149000.

/**
 * « 9,90 », « 9.9 », « 1 234,50 », « 12 », « 19,99 € », « CHF 1'490.– », « 185.- » → minor units;
 * null when the text is not an amount (≤ 2 decimals, no sign).
 */
export function parseAmountToCents(text: string): number | null {
  const compact = text
    .replace(/€|CHF/gi, '')
    .replace(/[\s\u00a0\u202f'’]/g, '')
    // Swiss « 185.– » / « 185.- »: whole francs.
    .replace(/[.,][–-]$/, '');
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

/**
 * 990 EUR → « 9,90 € » in French (« €9.90 » in English); Swiss francs are written the Swiss way
 * in both languages, as quotes print them: « CHF 185.– », « CHF 1'490.– », « CHF 15.40 ».
 */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  if (currency === 'CHF') {
    const sign = minor < 0 ? '-' : '';
    const abs = Math.abs(Math.trunc(minor));
    const francs = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "'");
    const centimes = abs % 100;
    return `CHF ${sign}${francs}.${centimes === 0 ? '–' : String(centimes).padStart(2, '0')}`;
  }
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency }).format(minor / 100);
}

/** The symbol shown beside an amount input: « € », « CHF ». */
export function currencySymbol(currency: string): string {
  return currency === 'EUR' ? '€' : currency;
}
