import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { EXEMPTIONS, resolveTax, type TaxMode, taxLine, VAT_RATES_BP } from './tax.ts';

const ALL_RATES = [...Object.values(VAT_RATES_BP.FR), ...Object.values(VAT_RATES_BP.CH), 0];
const amount = fc.integer({ min: 0, max: 1_000_000_000 });
const rate = fc.oneof(fc.constantFrom(...ALL_RATES), fc.integer({ min: 0, max: 10_000 }));
const mode = fc.constantFrom<TaxMode>('excl', 'incl');

describe('VAT rates', () => {
  it('has the French and Swiss rates in basis points', () => {
    expect(VAT_RATES_BP.FR).toEqual({ standard: 2000, intermediate: 1000, reduced: 550, super_reduced: 210 });
    expect(VAT_RATES_BP.CH).toEqual({ standard: 810, reduced: 260, accommodation: 380 });
  });

  it('resolves a category, with the rates of the quote date', () => {
    expect(resolveTax('FR', 'standard').rateBp).toBe(2000);
    expect(resolveTax('CH', 'accommodation', null, '2026-06-01').rateBp).toBe(380);
    expect(resolveTax('CH', 'standard', null, '2023-12-31').rateBp).toBe(770);
    expect(resolveTax('CH', 'standard', null, '2024-01-01').rateBp).toBe(810);
    expect(() => resolveTax('CH', 'standard', null, '2010-01-01')).toThrow(PricingError);
  });

  it('refuses a category the country does not have', () => {
    expect(() => resolveTax('CH', 'intermediate')).toThrow(PricingError);
    expect(() => resolveTax('FR', 'accommodation')).toThrow(PricingError);
  });

  it('makes exempt lines carry a mention of the right country', () => {
    expect(resolveTax('FR', 'exempt', 'FR-261-4-4a')).toEqual({
      country: 'FR',
      category: 'exempt',
      rateBp: 0,
      exemptionCode: 'FR-261-4-4a',
      mention: EXEMPTIONS['FR-261-4-4a'].mention,
    });
    expect(resolveTax('CH', 'exempt', 'CH-21').mention).toContain('LTVA');
    expect(() => resolveTax('FR', 'exempt')).toThrow(PricingError);
    expect(() => resolveTax('CH', 'exempt', 'FR-293B')).toThrow(PricingError);
  });
});

describe('taxLine', () => {
  it('splits known prices', () => {
    expect(taxLine(990, 2000, 'incl')).toEqual({ excl: 825, tax: 165, incl: 990 });
    expect(taxLine(10_000, 2000, 'incl')).toEqual({ excl: 8333, tax: 1667, incl: 10_000 });
    expect(taxLine(825, 2000, 'excl')).toEqual({ excl: 825, tax: 165, incl: 990 });
    expect(taxLine(18_500, 810, 'incl')).toEqual({ excl: 17_114, tax: 1386, incl: 18_500 });
    expect(taxLine(89_000, 0, 'incl')).toEqual({ excl: 89_000, tax: 0, incl: 89_000 });
    // 5 × 5.5 % = 0.275 → 0; 10 × 5 % = 0.5, a tie → 1 (away from zero)
    expect(taxLine(5, 550, 'excl')).toEqual({ excl: 5, tax: 0, incl: 5 });
    expect(taxLine(10, 500, 'excl')).toEqual({ excl: 10, tax: 1, incl: 11 });
    expect(taxLine(-10, 500, 'excl')).toEqual({ excl: -10, tax: -1, incl: -11 });
  });

  it('refuses fractional amounts and impossible rates', () => {
    expect(() => taxLine(9.9, 2000, 'incl')).toThrow(PricingError);
    expect(() => taxLine(990, 20.5, 'incl')).toThrow(PricingError);
    expect(() => taxLine(990, -1, 'incl')).toThrow(PricingError);
  });

  it('keeps excl + tax === incl exactly, for every amount and rate', () => {
    fc.assert(
      fc.property(amount, rate, mode, (value, rateBp, m) => {
        const line = taxLine(value, rateBp, m);
        expect(line.excl + line.tax).toBe(line.incl);
        expect(Number.isSafeInteger(line.excl) && Number.isSafeInteger(line.tax)).toBe(true);
        expect(m === 'incl' ? line.incl : line.excl).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives a negative HT or tax for a non-negative amount', () => {
    fc.assert(
      fc.property(amount, rate, mode, (value, rateBp, m) => {
        const line = taxLine(value, rateBp, m);
        expect(line.excl).toBeGreaterThanOrEqual(0);
        expect(line.tax).toBeGreaterThanOrEqual(0);
        expect(line.excl).toBeLessThanOrEqual(line.incl);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips TTC → HT → TTC within one cent', () => {
    fc.assert(
      fc.property(amount, rate, (incl, rateBp) => {
        const { excl } = taxLine(incl, rateBp, 'incl');
        expect(Math.abs(taxLine(excl, rateBp, 'excl').incl - incl)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits a negative amount as the exact negation of the positive one', () => {
    fc.assert(
      fc.property(amount, rate, mode, (value, rateBp, m) => {
        const positive = taxLine(value, rateBp, m);
        const negative = taxLine(-value, rateBp, m);
        expect(negative.excl).toBe(-positive.excl || 0);
        expect(negative.tax).toBe(-positive.tax || 0);
        expect(negative.incl).toBe(-positive.incl || 0);
      }),
    );
  });
});
