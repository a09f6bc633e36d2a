import { describe, expect, it } from 'vitest';
import { formatDecimalFr, formatMoney, formatRateBp, formatUnitAmount } from './format.ts';

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
