import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import {
  daily,
  monthly,
  monthlyEquivalent,
  ONE_TIME,
  parseRecurrenceLabel,
  type Recurrence,
  recurrenceLabel,
  recurrenceSuffixFr,
  validateRecurrence,
  weekly,
  withRecurrenceFr,
  yearly,
} from './recurrence.ts';

const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.constant(ONE_TIME),
  fc.record({
    kind: fc.constant('recurring' as const),
    every: fc.integer({ min: 1, max: 1000 }),
    unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  }),
);

describe('monthlyEquivalent', () => {
  it('spreads a yearly price over twelve months, half-up', () => {
    expect(monthlyEquivalent(18_500, yearly())).toBe(1542);
    expect(monthlyEquivalent(8500, yearly())).toBe(708);
    expect(monthlyEquivalent(990, monthly())).toBe(990);
    expect(monthlyEquivalent(3000, monthly(3))).toBe(1000);
    expect(monthlyEquivalent(0, yearly())).toBe(0);
  });

  it('uses 52/12 weeks and 365/12 days a month', () => {
    expect(monthlyEquivalent(1000, weekly())).toBe(4333); // 1000 × 52 / 12 = 4333.33
    expect(monthlyEquivalent(100, daily())).toBe(3042); // 100 × 365 / 12 = 3041.67
    expect(monthlyEquivalent(1000, weekly(2))).toBe(2167);
  });

  it('has none for a one-time charge', () => {
    expect(monthlyEquivalent(10_000, ONE_TIME)).toBeNull();
  });

  it('is symmetric for discounts and monotonic in the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 1000 }), recurrence, (a, delta, r) => {
        const m = monthlyEquivalent(a, r);
        const n = monthlyEquivalent(-a, r);
        expect(n === null ? null : n || 0).toBe(m === null ? null : -m || 0);
        const bigger = monthlyEquivalent(a + delta, r);
        if (m !== null && bigger !== null) expect(bigger).toBeGreaterThanOrEqual(m);
      }),
    );
  });
});

describe('labels', () => {
  it('names recurrences for the public contract', () => {
    expect(recurrenceLabel(ONE_TIME)).toBe('one_time');
    expect(recurrenceLabel(monthly())).toBe('monthly');
    expect(recurrenceLabel(yearly())).toBe('yearly');
    expect(recurrenceLabel(monthly(3))).toBe('every 3 months');
    expect(recurrenceLabel(daily(30))).toBe('every 30 days');
  });

  it('reads labels back', () => {
    fc.assert(
      fc.property(recurrence, (r) => {
        expect(parseRecurrenceLabel(recurrenceLabel(r))).toEqual(r);
      }),
    );
    expect(() => parseRecurrenceLabel('fortnightly')).toThrow(PricingError);
    expect(() => parseRecurrenceLabel('every 0 months')).toThrow(PricingError);
  });

  it('speaks French', () => {
    expect(recurrenceSuffixFr(yearly())).toBe('/ an');
    expect(recurrenceSuffixFr(monthly(3))).toBe('/ 3 mois');
    expect(recurrenceSuffixFr(weekly(2))).toBe('/ 2 semaines');
    expect(withRecurrenceFr('CHF 185.–', yearly())).toBe('CHF 185.– / an');
    expect(withRecurrenceFr('100,00 €', ONE_TIME)).toBe('100,00 € (paiement unique)');
  });
});

describe('validateRecurrence', () => {
  it('accepts the two shapes and refuses the rest', () => {
    expect(validateRecurrence({ kind: 'recurring', every: 1, unit: 'month' })).toEqual(monthly());
    for (const bad of [null, {}, { kind: 'recurring', every: 0, unit: 'month' }, { kind: 'recurring', every: 1.5, unit: 'year' }, { kind: 'recurring', every: 1, unit: 'quarter' }]) {
      expect(() => validateRecurrence(bad), JSON.stringify(bad)).toThrow(PricingError);
    }
  });
});
