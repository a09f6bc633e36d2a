import { describe, expect, it } from 'vitest';
import { centsToInput, formatMoney, parseAmountToCents } from './money.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts typed in euros or Swiss francs', () => {
  it('parses French and English decimals to integer cents without floats', () => {
    expect(parseAmountToCents('9,90')).toBe(990);
    expect(parseAmountToCents('12,9')).toBe(1290);
    expect(parseAmountToCents('0.29')).toBe(29);
    expect(parseAmountToCents('1 234,56')).toBe(123456);
    expect(parseAmountToCents('100')).toBe(10000);
    expect(parseAmountToCents('19,99 €')).toBe(1999);
    // 0.1 + 0.2 style traps: the digits are read, never multiplied as floats.
    expect(parseAmountToCents('0,07')).toBe(7);
    expect(parseAmountToCents('1.15')).toBe(115);
    expect(parseAmountToCents('4.35')).toBe(435);
    expect(parseAmountToCents('999999999,99')).toBe(99_999_999_999);
  });
  it('parses Swiss writing: apostrophes, « .– » and the currency code', () => {
    expect(parseAmountToCents("CHF 1'490.–")).toBe(149_000);
    expect(parseAmountToCents('185.-')).toBe(18_500);
    expect(parseAmountToCents('CHF 15.40')).toBe(1540);
    expect(parseAmountToCents('1’234,5 CHF')).toBe(123_450);
  });
  it('rejects what is not an amount', () => {
    for (const text of ['', 'abc', '1,234', '-3', '1,2,3', '9,999', '€', 'CHF', '1e3', '.5', '12.–5']) expect(parseAmountToCents(text)).toBeNull();
  });
  it('formats minor units with the locale, Swiss francs the Swiss way', () => {
    expect(centsToInput(990)).toBe('9,90');
    expect(centsToInput(5)).toBe('0,05');
    expect(plain(formatMoney(990, 'EUR', 'fr'))).toBe('9,90 €');
    expect(plain(formatMoney(2990, 'EUR', 'fr'))).toBe('29,90 €');
    expect(plain(formatMoney(149_000, 'EUR', 'fr'))).toBe('1 490,00 €');
    expect(formatMoney(990, 'EUR', 'en')).toBe('€9.90');
    expect(formatMoney(18_500, 'CHF', 'fr')).toBe('CHF 185.–');
    expect(formatMoney(149_000, 'CHF', 'en')).toBe("CHF 1'490.–");
    expect(formatMoney(1540, 'CHF', 'fr')).toBe('CHF 15.40');
    expect(formatMoney(-5, 'CHF', 'fr')).toBe('CHF -0.05');
  });
});
