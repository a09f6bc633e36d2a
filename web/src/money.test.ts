import { describe, expect, it } from 'vitest';
import { centsToInput, formatMoney, parseAmountToCents } from './money.ts';

describe('amounts typed in euros', () => {
  it('parses French and English decimals to integer cents without floats', () => {
    expect(parseAmountToCents('9,90')).toBe(990);
    expect(parseAmountToCents('12,9')).toBe(1290);
    expect(parseAmountToCents('0.29')).toBe(29);
    expect(parseAmountToCents('1 234,56')).toBe(123456);
    expect(parseAmountToCents('100')).toBe(10000);
    expect(parseAmountToCents('19,99 €')).toBe(1999);
  });
  it('rejects what is not an amount', () => {
    for (const text of ['', 'abc', '1,234', '-3', '1,2,3', '9,999']) expect(parseAmountToCents(text)).toBeNull();
  });
  it('formats minor units', () => {
    expect(centsToInput(990)).toBe('9,90');
    expect(formatMoney(990, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('9,90 €');
  });
});
