import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frShare } from './explain.ts';
import { Dec, formatMoney, roundCommission } from './money.ts';
import { formatPercent, rateValue } from './rates.ts';

describe('money and rates', () => {
  it('rounds half-up, ties away from zero, the same for a commission and its clawback', () => {
    expect([0.5, 1.5, 2.4999, -0.5, -1.5, 82.5, -82.5].map((n) => roundCommission(new Dec(n)))).toEqual([1, 2, 2, -1, -2, 83, -83]);
    expect(Object.is(roundCommission(new Dec('-0.4')), 0)).toBe(true);
    expect(() => roundCommission(new Dec('1e20'))).toThrow(/limites/);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (n, f) => {
        const value = new Dec(`${n}.${f}`);
        expect(roundCommission(value.neg())).toBe(-roundCommission(value) || 0);
      }),
    );
  });

  it('reads rates exactly, in basis points or decimals, and shows them the French way', () => {
    expect(rateValue({ bp: 1250 }).toString()).toBe('0.125');
    expect(rateValue({ decimal: '0.0825' }).toString()).toBe('0.0825');
    expect(formatPercent(rateValue({ bp: 1250 }))).toBe('12,5 %');
    expect(formatPercent(rateValue({ bp: 1000 }))).toBe('10 %');
    expect(() => rateValue({ bp: 10.5 })).toThrow(/entier/);
    expect(() => rateValue({ decimal: '1e-2' })).toThrow(/taux décimal/);
    expect(() => rateValue({ bp: 10_001 })).toThrow(/100 %/);
    expect(formatMoney(12_000, 'EUR')).toBe('120,00 €');
    expect(formatMoney(-9_800, 'EUR')).toBe('-98,00 €');
    expect(formatMoney(18_500, 'CHF')).toBe('CHF 185.–');
    expect(['1', '0.6', '0.3', '0.125', '0.05', '0'].map(frShare)).toEqual(['100 %', '60 %', '30 %', '12,5 %', '5 %', '0 %']);
  });
});
