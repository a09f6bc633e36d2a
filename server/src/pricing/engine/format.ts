/**
 * French display of amounts and rates for quote lines and breakdowns: `9,90 €`, `1 490,00 €`, `CHF 185.–`,
 * `CHF 15.42`, `20 %`, `5,5 %`. Display strings use plain spaces (U+0020) so they compare easily; a renderer may swap
 * in no-break spaces. These strings are for people: the numbers in a quote are the integer fields beside them.
 */
import type { Decimal } from 'decimal.js';
import { assertMinor, type Currency, Dec, MINOR_DIGITS } from './money.ts';

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A whole amount of minor units: `9,90 €`, `-1,98 €`, `CHF 185.–`, `CHF 15.42`, `CHF 1'490.–`. */
export function formatMoney(minor: number, currency: Currency): string {
  assertMinor(minor);
  const digits = MINOR_DIGITS[currency];
  const sign = minor < 0 ? '-' : '';
  const [whole = '0', fraction = ''] = new Dec(Math.abs(minor)).div(new Dec(10).pow(digits)).toFixed(digits).split('.');
  if (currency === 'CHF') {
    const cents = /^0+$/.test(fraction) ? '–' : fraction;
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
  return `${formatDecimalFr(new Dec(rateBp).div(100))} %`;
}
