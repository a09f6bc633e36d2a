/**
 * French display of amounts and rates for quote lines and breakdowns: `9,90 €`, `1 490,00 €`, `CHF 185.–`,
 * `CHF 15.42`, `20 %`, `5,5 %`. Display strings use plain spaces (U+0020) so they compare easily; a renderer may swap
 * in no-break spaces. These strings are for people: the numbers in a quote are the integer fields beside them.
 */
import type { Decimal } from 'decimal.js';
import { type Currency, Dec, MINOR_DIGITS, splitMinor } from './money.ts';

/** Thousands separators: `1234567` → `1 234 567`. */
function group(digits: string, separator: string): string {
  if (digits.length <= 3) return digits;
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += separator + digits.slice(at, at + 3);
  return grouped;
}

/**
 * A whole amount of minor units: `9,90 €`, `-1,98 €`, `CHF 185.–`, `CHF 15.42`, `CHF 1'490.–`. String operations on
 * the integer's digits: every quote line and breakdown step writes several, so this stays off Decimal.
 */
export function formatMoney(minor: number, currency: Currency): string {
  const { sign, whole, fraction } = splitMinor(minor, MINOR_DIGITS[currency]);
  if (currency === 'CHF') {
    const cents = /^0*$/.test(fraction) ? '–' : fraction;
    return `CHF ${sign}${group(whole, "'")}.${cents}`;
  }
  return `${sign}${group(whole, ' ')},${fraction} €`;
}

/**
 * A unit price that may hold fractions of a minor unit (e.g. "12.5" cents): shown with as many decimals as it needs,
 * at least the currency's. `formatUnitAmount("12.5", "EUR")` → `0,125 €`.
 */
export function formatUnitAmount(minor: string | Decimal, currency: Currency): string {
  const value = new Dec(minor);
  if (value.isInteger()) return formatMoney(value.toNumber(), currency);
  const major = value.div(new Dec(10).pow(MINOR_DIGITS[currency]));
  const text = major.abs().toFixed(Math.max(MINOR_DIGITS[currency], major.decimalPlaces()));
  const [whole = '0', fraction = ''] = text.split('.');
  const sign = major.isNegative() ? '-' : '';
  return currency === 'CHF' ? `CHF ${sign}${group(whole, "'")}.${fraction}` : `${sign}${group(whole, ' ')},${fraction} €`;
}

/** A decimal number the French way: `123,456`, `1 000`. */
export function formatDecimalFr(value: string | Decimal): string {
  const text = new Dec(value).toString();
  const negative = text.startsWith('-');
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}${group(whole, ' ')}${fraction ? `,${fraction}` : ''}`;
}

/** A rate in basis points as a French percentage: 2000 → `20 %`, 550 → `5,5 %`, 810 → `8,1 %`, 0 → `0 %`. */
export function formatRateBp(rateBp: number): string {
  if (!Number.isSafeInteger(rateBp)) return `${formatDecimalFr(new Dec(rateBp).div(100))} %`;
  const { sign, whole, fraction } = splitMinor(rateBp, 2);
  const decimals = fraction.replace(/0+$/, '');
  return `${sign}${group(whole, ' ')}${decimals ? `,${decimals}` : ''} %`;
}
