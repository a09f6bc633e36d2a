import type { Currency, VatCategory } from '../invoice-document.ts';

/**
 * Text formatting for the printed invoice: amounts, rates, quantities, dates. Everything works on the integers of the
 * document (minor units, basis points) and on strings — no float ever touches an amount, and no Intl call either, so
 * the output does not depend on the ICU data of the machine (the PDF must be byte-identical from one host to another).
 */

export type Language = 'fr' | 'en';

/** French typography, as Intl's fr-FR prints it: narrow no-break space between thousands, no-break space before €. */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

/** Groups the digits of a non-negative integer string by three. */
function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/** Splits minor units into sign, units and the two cent digits, with integer operations only. */
function splitMinor(amount: number): { negative: boolean; units: string; cents: string } {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount must be an integer in minor units, got ${amount}`);
  const abs = Math.abs(amount);
  return { negative: amount < 0, units: String(Math.trunc(abs / 100)), cents: String(abs % 100).padStart(2, '0') };
}

/** `1490` minor units → `14.90`: the plain decimal the Swiss QR-bill and machine-readable fields expect. */
export function decimalAmount(amount: number): string {
  const { negative, units, cents } = splitMinor(amount);
  return `${negative ? '-' : ''}${units}.${cents}`;
}

/**
 * An amount with its currency, for the reader of the invoice:
 *  - EUR in French: `1 490,00 €` (fr-FR typography);
 *  - EUR in English: `€1,490.00`;
 *  - CHF in either language: `CHF 1 490.00` — the Swiss payment standards' style (ISO code first, space between
 *    thousands, point before the cents), the same as the QR-bill payment part printed on the same document.
 */
export function formatMoney(amount: number, currency: Currency, language: Language): string {
  const { negative, units, cents } = splitMinor(amount);
  const sign = negative ? '-' : '';
  if (currency === 'CHF') return `CHF${NBSP}${sign}${groupThousands(units, NNBSP)}.${cents}`;
  if (language === 'fr') return `${sign}${groupThousands(units, NNBSP)},${cents}${NBSP}€`;
  return `${sign}€${groupThousands(units, ',')}.${cents}`;
}

/** A rate in basis points: 2000 → `20 %` (fr) / `20%` (en); 550 → `5,5 %` / `5.5%`. */
export function formatRate(rateBp: number, language: Language): string {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) throw new Error(`VAT rate must be a non-negative integer in basis points, got ${rateBp}`);
  const units = Math.trunc(rateBp / 100);
  const fraction = String(rateBp % 100).padStart(2, '0').replace(/0+$/, '');
  const decimalSeparator = language === 'fr' ? ',' : '.';
  const number = fraction ? `${units}${decimalSeparator}${fraction}` : String(units);
  return language === 'fr' ? `${number}${NBSP}%` : `${number}%`;
}

/**
 * What the VAT column of a line says: the rate for taxed categories (S standard, Z zero), the nature of the exemption
 * otherwise — a bare "0 %" on an exempt line would read as a zero rate, which is a different legal situation.
 */
export function formatLineVat(category: VatCategory, rateBp: number, language: Language): string {
  switch (category) {
    case 'S':
    case 'Z':
      return formatRate(rateBp, language);
    case 'E':
      return language === 'fr' ? 'Exonéré' : 'Exempt';
    case 'AE':
      return language === 'fr' ? 'Autoliq.' : 'Rev. charge';
    case 'O':
      return language === 'fr' ? 'Hors champ' : 'Out of scope';
  }
}

/**
 * A quantity as the document carries it (a JS number, possibly fractional: 1.5 hours). Printed from its shortest
 * round-trip decimal form, with the language's decimal separator.
 */
export function formatQuantity(quantity: number, language: Language): string {
  if (!Number.isFinite(quantity)) throw new Error(`quantity must be finite, got ${quantity}`);
  const text = String(quantity);
  return language === 'fr' ? text.replace('.', ',') : text;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-11-24` → `24/11/2026` (fr) / `24 November 2026` (en). Dates stay strings: no time zone can shift them. */
export function formatDate(isoDate: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`date must be YYYY-MM-DD, got ${isoDate}`);
  const [, year, month, day] = match as unknown as [string, string, string, string];
  if (language === 'fr') return `${day}/${month}/${year}`;
  return `${Number(day)} ${EN_MONTHS[Number(month) - 1] ?? month} ${year}`;
}
