import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { assertMinor, Dec, mulDivHalfUp, multiplyMinor, parseDecimal, roundHalfUp, splitMinor, sumMinor, toMajorString, toMinor } from './money.ts';

describe('roundHalfUp', () => {
  it('rounds ties away from zero and everything else to the nearest', () => {
    expect(roundHalfUp(new Dec('0.5'))).toBe(1);
    expect(roundHalfUp(new Dec('1.49999'))).toBe(1);
    expect(roundHalfUp(new Dec('1541.6666'))).toBe(1542);
    expect(roundHalfUp(new Dec('-0.5'))).toBe(-1);
    expect(roundHalfUp(new Dec('-2.4'))).toBe(-2);
    expect(roundHalfUp(new Dec('825'))).toBe(825);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfUp(new Dec('-0.4')), 0)).toBe(true);
  });

  it('is symmetric: round(-x) = -round(x)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const x = new Dec(n.toString()).div(new Dec(10).pow(scale));
        expect(roundHalfUp(x.negated())).toBe(-roundHalfUp(x) || 0);
      }),
    );
  });

  it('refuses results outside the safe-integer range', () => {
    expect(() => roundHalfUp(new Dec('9007199254740992'))).toThrow(PricingError);
  });
});

describe('toMinor / toMajorString', () => {
  it('converts decimal strings exactly', () => {
    expect(toMinor('9.90', 'EUR')).toBe(990);
    expect(toMinor('0.1', 'EUR')).toBe(10);
    expect(toMinor('185', 'CHF')).toBe(18500);
    expect(toMinor('-0.05', 'EUR')).toBe(-5);
    expect(toMinor('1490.00', 'EUR')).toBe(149000);
  });

  it('refuses more decimals than the currency has, and malformed text', () => {
    for (const bad of ['9.999', '9,90', '1e3', 'NaN', ' 9.90', '', '.5', '5.', 'Infinity']) {
      expect(() => toMinor(bad, 'EUR'), bad).toThrow(PricingError);
    }
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (minor) => {
        expect(toMinor(toMajorString(minor, 'CHF'), 'CHF')).toBe(minor === 0 ? 0 : minor);
      }),
    );
  });

  it('formats with the currency digits', () => {
    expect(toMajorString(990, 'EUR')).toBe('9.90');
    expect(toMajorString(-5, 'EUR')).toBe('-0.05');
    expect(toMajorString(18500, 'CHF')).toBe('185.00');
  });
});

describe('parseDecimal, assertMinor, sumMinor', () => {
  it('parses plain decimals only', () => {
    expect(parseDecimal('12.5').toString()).toBe('12.5');
    expect(parseDecimal('-3').toString()).toBe('-3');
    expect(() => parseDecimal('1e2', 'rule.unitAmount')).toThrow(expect.objectContaining({ field: 'rule.unitAmount' }));
  });

  it('accepts only safe integers', () => {
    expect(assertMinor(12)).toBe(12);
    expect(() => assertMinor(1.5)).toThrow(PricingError);
    expect(() => assertMinor(Number.NaN)).toThrow(PricingError);
    expect(() => assertMinor(2 ** 53)).toThrow(PricingError);
  });

  it('sums without leaving the safe range', () => {
    expect(sumMinor([825, 165])).toBe(990);
    expect(sumMinor([])).toBe(0);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(PricingError);
  });
});

// The exact integer paths must agree with the Decimal computation they replace, on the whole safe range.
const safeInt = fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.maxSafeInteger(), fc.maxSafeNat().map((n) => -n));
const smallInt = fc.integer({ min: -20_000, max: 20_000 });

describe('multiplyMinor', () => {
  it('is the exact product, or refuses it when it leaves the safe range', () => {
    fc.assert(
      fc.property(safeInt, fc.oneof(smallInt, safeInt), (a, b) => {
        const exact = new Dec(a).times(b);
        if (exact.abs().gt(Number.MAX_SAFE_INTEGER)) {
          expect(() => multiplyMinor(a, b)).toThrow(PricingError);
        } else {
          expect(multiplyMinor(a, b)).toBe(roundHalfUp(exact));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mulDivHalfUp', () => {
  it('rounds a × b / d half-up, exactly like Decimal, on both its Number and BigInt paths', () => {
    fc.assert(
      fc.property(safeInt, fc.oneof(smallInt, safeInt), fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), (a, b, d) => {
        const exact = new Dec(a).times(b).div(d).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
        if (exact.abs().gt(Number.MAX_SAFE_INTEGER)) {
          expect(() => mulDivHalfUp(a, b, d)).toThrow(PricingError);
        } else {
          expect(mulDivHalfUp(a, b, d)).toBe(roundHalfUp(exact));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('sends ties away from zero and never returns -0', () => {
    expect(mulDivHalfUp(5, 1, 10)).toBe(1);
    expect(mulDivHalfUp(-5, 1, 10)).toBe(-1);
    expect(mulDivHalfUp(14, 1, 10)).toBe(1);
    expect(mulDivHalfUp(-4, 1, 10)).toBe(0);
    expect(Object.is(mulDivHalfUp(-4, 1, 10), 0)).toBe(true);
    // 1,99 € TTC at 20 %: HT = 199 × 10 000 / 12 000 = 165.83 → 166.
    expect(mulDivHalfUp(199, 10_000, 12_000)).toBe(166);
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 10_000, 12_000)).toBe(roundHalfUp(new Dec(Number.MAX_SAFE_INTEGER).times(10_000).div(12_000)));
  });

  it('refuses a divisor that is not a positive integer', () => {
    expect(() => mulDivHalfUp(1, 1, 0)).toThrow(PricingError);
    expect(() => mulDivHalfUp(1, 1, 1.5)).toThrow(PricingError);
  });
});

describe('splitMinor', () => {
  it('writes the digits of any safe amount exactly as Decimal does', () => {
    fc.assert(
      fc.property(safeInt, fc.integer({ min: 0, max: 4 }), (minor, digits) => {
        const { sign, whole, fraction } = splitMinor(minor, digits);
        const text = `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
        expect(text).toBe(new Dec(minor).div(new Dec(10).pow(digits)).toFixed(digits));
      }),
      { numRuns: 2000 },
    );
  });
});
