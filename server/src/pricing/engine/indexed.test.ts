import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { priceIndexed } from './indexed.ts';

const SYNTEC = { formula: 'base * INDEX_SYNTEC / reference', variables: { base: '10000', reference: '282.6' }, index: 'INDEX_SYNTEC' };

describe('priceIndexed', () => {
  it('evaluates the formula with the index of the day, rounded half-up to the cent', () => {
    const price = priceIndexed(SYNTEC, { INDEX_SYNTEC: '296.4' }, 1);
    expect(price.exact.toFixed(4)).toBe('10488.3227');
    expect(price.unitAmount).toBe(10_488);
    expect(priceIndexed({ ...SYNTEC, formula: 'base * index / reference' }, { INDEX_SYNTEC: '296.4' }, 1).unitAmount).toBe(10_488);
  });

  it('exposes the quantity to the formula', () => {
    const rule = { formula: 'base - min(quantity, 10) * 10', variables: { base: '1000' }, index: 'cpi' };
    expect(priceIndexed(rule, { cpi: '1' }, 3).unitAmount).toBe(970);
  });

  it('refuses a missing or malformed index', () => {
    expect(() => priceIndexed(SYNTEC, {}, 1)).toThrow(expect.objectContaining({ field: 'indices.INDEX_SYNTEC', code: 'missing_index' }));
    expect(() => priceIndexed(SYNTEC, undefined, 1)).toThrow(PricingError);
    expect(() => priceIndexed(SYNTEC, { INDEX_SYNTEC: 'n/a' }, 1)).toThrow(expect.objectContaining({ field: 'indices.INDEX_SYNTEC' }));
  });

  it('turns formula errors into pricing errors on the formula', () => {
    expect(() => priceIndexed({ ...SYNTEC, formula: 'base / (index - index)' }, { INDEX_SYNTEC: '1' }, 1)).toThrow(
      expect.objectContaining({ field: 'rule.formula', code: 'invalid_expression' }),
    );
    expect(() => priceIndexed({ ...SYNTEC, formula: '0 - base' }, { INDEX_SYNTEC: '1' }, 1)).toThrow(
      expect.objectContaining({ field: 'rule.formula' }),
    );
  });
});
