import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money.ts';

describe('formatMoney in mails', () => {
  it.each([
    [990, 'EUR', 'fr', '9,90 €'],
    [149_000, 'EUR', 'en', '€1,490.00'],
    [-500, 'EUR', 'en', '-€5.00'],
    [18_500, 'CHF', 'en', 'CHF 185.–'],
  ] as const)('%i %s %s → %s', (minor, currency, language, expected) => {
    expect(formatMoney(minor, currency, language)).toBe(expected);
  });
});
