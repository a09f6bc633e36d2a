/**
 * Money: an integer count of minor units (cents, centimes) with its ISO 4217 currency. Amounts are plain `number`s
 * that are always safe integers (|n| ≤ 2^53 − 1); every computation that can produce a fraction runs on `Decimal`
 * and comes back through one named rounding, `roundHalfUp`. JavaScript float arithmetic never touches money here.
 */
import { Decimal } from 'decimal.js';
import { display, PricingError } from './errors.ts';

export type Currency = 'EUR' | 'CHF';
export const CURRENCIES: readonly Currency[] = ['EUR', 'CHF'];

/** Digits after the decimal point of one major unit (both currencies have cents). */
export const MINOR_DIGITS: Readonly<Record<Currency, number>> = { EUR: 2, CHF: 2 };

/**
 * The engine's own Decimal constructor (a clone, so no other module's configuration can change it): 60 significant
 * digits for divisions, ties away from zero, and plain notation in `toString()` for any realistic magnitude.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});

export function isCurrency(value: unknown): value is Currency {
  return value === 'EUR' || value === 'CHF';
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Parses a decimal written the plain way (`"9.90"`, `"-12.5"`, `"118"`): no exponent, no spaces, no comma, no
 * `NaN`/`Infinity`. Anything else is a PricingError on `field`.
 */
export function parseDecimal(text: string, field = 'value'): Decimal {
  if (typeof text !== 'string' || text.length > 100 || !DECIMAL_TEXT.test(text)) {
    throw new PricingError(field, `« ${display(text)} » n’est pas un nombre décimal (format attendu : 12.50).`);
  }
  return new Dec(text);
}

/** `parseDecimal` for values that must not be negative. */
export function parseNonNegativeDecimal(text: string, field = 'value'): Decimal {
  const value = parseDecimal(text, field);
  if (value.isNegative() && !value.isZero()) {
    throw new PricingError(field, `La valeur ${text} ne peut pas être négative.`);
  }
  return value;
}

/** Throws unless `value` is a safe integer count of minor units; returns it (with −0 normalised to 0). */
export function assertMinor(value: number, field = 'amount'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PricingError(field, `Le montant ${display(value)} n’est pas un nombre entier de centimes.`, 'out_of_range');
  }
  return value === 0 ? 0 : value;
}

/**
 * Rounds to an integer count of minor units, half-up: ties go away from zero (0.5 → 1, −0.5 → −1), so rounding is
 * symmetric and a discount rounds exactly like the price it takes back. The result must be a safe integer.
 */
export function roundHalfUp(value: Decimal, field = 'amount'): number {
  const rounded = value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const asNumber = rounded.toNumber();
  if (!Number.isSafeInteger(asNumber)) throw outOfRange(field);
  return asNumber === 0 ? 0 : asNumber;
}

/**
 * Converts a major-unit decimal string (`"9.90"`, `"185"`, `"-0.05"`) to minor units exactly. More decimals than the
 * currency has (`"9.999"`) is refused rather than rounded: a price typed by a person must mean one amount.
 */
export function toMinor(major: string, currency: Currency, field = 'amount'): number {
  const value = parseDecimal(major, field);
  const digits = MINOR_DIGITS[currency];
  if (value.decimalPlaces() > digits) {
    throw new PricingError(field, `Le montant ${major} ${currency} a plus de ${digits} décimales.`);
  }
  return roundHalfUp(value.times(new Dec(10).pow(digits)), field);
}

/** Minor units back to a major-unit decimal string with the currency's digits: 990 → "9.90", -5 → "-0.05". */
export function toMajorString(minor: number, currency: Currency): string {
  const { sign, whole, fraction } = splitMinor(minor, MINOR_DIGITS[currency]);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/**
 * The digits of a minor amount around the decimal point, by string operations on the integer (exact; no division):
 * (-5, 2) → { sign: '-', whole: '0', fraction: '05' }.
 */
export function splitMinor(minor: number, digits: number): { sign: '' | '-'; whole: string; fraction: string } {
  const value = assertMinor(minor);
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  return { sign: value < 0 ? '-' : '', whole: text.slice(0, text.length - digits), fraction: text.slice(text.length - digits) };
}

function outOfRange(field: string): PricingError {
  return new PricingError(field, 'Le montant calculé dépasse les limites représentables.', 'out_of_range');
}

/**
 * `a × b` for safe integers (an amount and a quantity or a rate), exact. A product of two integers computed by the
 * CPU is exact whenever the true product is a safe integer, and is at least 2^53 otherwise — so the check after it is
 * enough, and no rounding can hide.
 */
export function multiplyMinor(a: number, b: number, field = 'amount'): number {
  assertMinor(a, field);
  assertMinor(b, field);
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw outOfRange(field);
  return product === 0 ? 0 : product;
}

/**
 * `a × b / divisor` rounded half-up (ties away from zero, like `roundHalfUp`), computed exactly on integers: the VAT
 * split (amount × rate / 10 000), an amount spread over months. Safe integers take a Number path whose remainder is
 * checked, larger intermediates go through BigInt; both give the same answer as the Decimal computation would.
 */
export function mulDivHalfUp(a: number, b: number, divisor: number, field = 'amount'): number {
  assertMinor(a, field);
  assertMinor(b, field);
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new PricingError(field, `Diviseur invalide : ${display(divisor)}.`, 'out_of_range');
  const product = a * b;
  const magnitude = Math.abs(product);
  let quotient: number;
  if (Number.isSafeInteger(product) && magnitude + divisor <= Number.MAX_SAFE_INTEGER) {
    quotient = Math.floor(magnitude / divisor);
    let remainder = magnitude - quotient * divisor;
    // The float division may land one off; the exact remainder says which way.
    if (remainder < 0) {
      quotient -= 1;
      remainder += divisor;
    } else if (remainder >= divisor) {
      quotient += 1;
      remainder -= divisor;
    }
    if (remainder >= divisor - remainder) quotient += 1;
  } else {
    const exact = BigInt(a) * BigInt(b);
    const big = exact < 0n ? -exact : exact;
    const bigDivisor = BigInt(divisor);
    const remainder = big % bigDivisor;
    const rounded = big / bigDivisor + (remainder >= bigDivisor - remainder ? 1n : 0n);
    if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw outOfRange(field);
    quotient = Number(rounded);
  }
  if (quotient === 0) return 0;
  return product < 0 ? -quotient : quotient;
}

/** Sum of minor amounts, refusing to leave the safe-integer range. */
export function sumMinor(values: readonly number[], field = 'amount'): number {
  let total = 0;
  for (const value of values) {
    total += assertMinor(value, field);
    if (!Number.isSafeInteger(total)) {
      throw new PricingError(field, 'La somme des montants dépasse les limites représentables.', 'out_of_range');
    }
  }
  return total === 0 ? 0 : total;
}
