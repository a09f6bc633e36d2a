import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate102, formatMinorUnits, formatQuantity, formatRateBp } from './cii-values.ts';

describe('CII values', () => {
  it('writes minor units with exactly two decimals, sign kept', () => {
    expect(formatMinorUnits(0)).toBe('0.00');
    expect(formatMinorUnits(5)).toBe('0.05');
    expect(formatMinorUnits(-5)).toBe('-0.05');
    expect(formatMinorUnits(2_590)).toBe('25.90');
    expect(formatMinorUnits(123_456_789)).toBe('1234567.89');
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('refuses amounts that are not integers in minor units', () => {
    expect(() => formatMinorUnits(12.5)).toThrow(RangeError);
    expect(() => formatMinorUnits(Number.NaN)).toThrow(RangeError);
    expect(() => formatMinorUnits(2 ** 53)).toThrow(RangeError);
  });

  it('round-trips any safe integer exactly (no float on the way)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (minor) => {
        const text = formatMinorUnits(minor);
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(minor));
      }),
    );
  });

  it('writes basis-point rates as percents with two decimals', () => {
    expect([2000, 1000, 550, 210, 0, 77].map(formatRateBp)).toEqual(['20.00', '10.00', '5.50', '2.10', '0.00', '0.77']);
    expect(() => formatRateBp(-1)).toThrow(RangeError);
    expect(() => formatRateBp(5.5)).toThrow(RangeError);
  });

  it('writes quantities as plain decimals and refuses what xs:decimal cannot hold', () => {
    expect([1, 2, 0.5, 1.25, -3, 1234 / 100].map(formatQuantity)).toEqual(['1', '2', '0.5', '1.25', '-3', '12.34']);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7]) expect(() => formatQuantity(bad)).toThrow(RangeError);
  });

  it('writes dates in format 102 and refuses non-dates', () => {
    expect(formatDate102('2026-11-24')).toBe('20261124');
    expect(formatDate102('2028-02-29')).toBe('20280229');
    for (const bad of ['2026-02-29', '2026-13-01', '24/11/2026', '2026-11-24T10:00:00Z', '']) expect(() => formatDate102(bad)).toThrow(RangeError);
  });
});
