import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimalFr, formatMoney, formatRateBp, formatUnitAmount } from './format.ts';
import { Dec } from './money.ts';

describe('formatMoney', () => {
  it('writes euros the French way', () => {
    expect(formatMoney(990, 'EUR')).toBe('9,90 €');
    expect(formatMoney(149000, 'EUR')).toBe('1 490,00 €');
    expect(formatMoney(-198, 'EUR')).toBe('-1,98 €');
    expect(formatMoney(0, 'EUR')).toBe('0,00 €');
    expect(formatMoney(123456789, 'EUR')).toBe('1 234 567,89 €');
  });

  it('writes Swiss francs the Swiss way, with .– for whole francs', () => {
    expect(formatMoney(18500, 'CHF')).toBe('CHF 185.–');
    expect(formatMoney(1542, 'CHF')).toBe('CHF 15.42');
    expect(formatMoney(0, 'CHF')).toBe('CHF 0.–');
    expect(formatMoney(149000, 'CHF')).toBe("CHF 1'490.–");
    expect(formatMoney(-2005, 'CHF')).toBe('CHF -20.05');
  });
});

describe('formatUnitAmount', () => {
  it('keeps fractions of a cent', () => {
    expect(formatUnitAmount('12.5', 'EUR')).toBe('0,125 €');
    expect(formatUnitAmount('1250', 'EUR')).toBe('12,50 €');
    expect(formatUnitAmount('0.35', 'CHF')).toBe('CHF 0.0035');
  });
});

describe('formatRateBp / formatDecimalFr', () => {
  it('writes rates as French percentages', () => {
    expect(formatRateBp(2000)).toBe('20 %');
    expect(formatRateBp(550)).toBe('5,5 %');
    expect(formatRateBp(810)).toBe('8,1 %');
    expect(formatRateBp(210)).toBe('2,1 %');
    expect(formatRateBp(0)).toBe('0 %');
    expect(formatRateBp(1)).toBe('0,01 %');
  });

  it('writes decimals with a comma', () => {
    expect(formatDecimalFr('123.456')).toBe('123,456');
    expect(formatDecimalFr('-1000')).toBe('-1 000');
  });
});

describe('formatMoney on any amount', () => {
  // The reference: the Decimal division and the regular-expression grouping formatMoney used before its integer path.
  const reference = (minor: number, currency: 'EUR' | 'CHF') => {
    const [whole = '0', fraction = ''] = new Dec(Math.abs(minor)).div(100).toFixed(2).split('.');
    const sign = minor < 0 ? '-' : '';
    if (currency === 'CHF') return `CHF ${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, "'")}.${fraction === '00' ? '–' : fraction}`;
    return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${fraction} €`;
  };

  it('agrees with the Decimal formatting, grouping included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.maxSafeInteger(), fc.maxSafeNat().map((n) => -n)), fc.constantFrom('EUR' as const, 'CHF' as const), (minor, currency) => {
        expect(formatMoney(minor, currency)).toBe(reference(minor, currency));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes any rate in basis points like the decimal it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (bp) => {
        expect(formatRateBp(bp)).toBe(`${formatDecimalFr(new Dec(bp).div(100))} %`);
      }),
    );
  });
});
