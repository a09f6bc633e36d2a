import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { assertMinor, Dec, parseDecimal, roundHalfUp, sumMinor, toMajorString, toMinor } from './money.ts';

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
