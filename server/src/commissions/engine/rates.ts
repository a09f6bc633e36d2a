/**
 * A commission rate is exact: basis points (`{ bp: 1000 }` = 10 %) or a decimal fraction written as text
 * (`{ decimal: '0.125' }` = 12,5 %). Never a binary float.
 */
import type { Decimal } from 'decimal.js';
import { CommissionError } from './errors.ts';
import { Dec } from './money.ts';

export type Rate = { bp: number } | { decimal: string };

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** The rate as an exact fraction (0.1 for 10 %), checked to lie in [0, 1] unless `allowAboveOne`. */
export function rateValue(rate: Rate, field = 'rate', allowAboveOne = false): Decimal {
  let value: Decimal;
  if ('bp' in rate) {
    if (!Number.isSafeInteger(rate.bp) || rate.bp < 0) throw new CommissionError(field, 'Un taux en points de base est un entier positif.', 'invalid_scheme');
    value = new Dec(rate.bp).div(10_000);
  } else {
    if (typeof rate.decimal !== 'string' || !DECIMAL_TEXT.test(rate.decimal)) {
      throw new CommissionError(field, `« ${String(rate.decimal)} » n’est pas un taux décimal (format attendu : 0.125).`, 'invalid_scheme');
    }
    value = new Dec(rate.decimal);
  }
  if (!allowAboveOne && value.gt(1)) throw new CommissionError(field, 'Un taux de commission ne dépasse pas 100 %.', 'invalid_scheme');
  return value;
}

/** A fraction as a French percentage: 0.1 → `10 %`, 0.125 → `12,5 %`. */
export function formatPercent(fraction: Decimal): string {
  return `${fraction.times(100).toString().replace('.', ',')} %`;
}
