import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, compareDates, fullYearsBetween, isIsoDate, isWithin, parseIsoDate } from './dates.ts';
import { PricingError } from './errors.ts';

describe('parseIsoDate', () => {
  it('accepts real dates only', () => {
    expect(parseIsoDate('2026-03-01')).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-1', '01/03/2026', '2026-03-01T00:00:00Z', '', null]) {
      expect(() => parseIsoDate(bad, 'date'), String(bad)).toThrow(PricingError);
    }
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
});

describe('ageOn', () => {
  it('counts full years, the birthday included', () => {
    expect(ageOn('2001-03-01', '2026-03-01')).toBe(25);
    expect(ageOn('2001-03-02', '2026-03-01')).toBe(24);
    expect(ageOn('2008-01-15', '2026-01-14')).toBe(17);
    expect(ageOn('2008-01-15', '2026-01-15')).toBe(18);
    expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
  });

  it('ages a 29 February birthday on 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('refuses a birth date after the quote date', () => {
    expect(() => ageOn('2027-01-01', '2026-01-01')).toThrow(expect.objectContaining({ field: 'attributes.birth_date' }));
  });

  it('agrees with a day-count reference and never decreases over time', () => {
    const date = fc.record({
      year: fc.integer({ min: 1900, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
        const age = fullYearsBetween(from, to);
        expect(age).toBeGreaterThanOrEqual(0);
        // The birthday `age` years later is on or before `to`, the next one after it.
        expect(compareDates({ ...from, year: from.year + age }, to)).toBeLessThanOrEqual(0);
        expect(compareDates({ ...from, year: from.year + age + 1 }, to)).toBeGreaterThan(0);
      }),
    );
  });
});

describe('isWithin', () => {
  it('is inclusive on both sides and open when a side is missing', () => {
    expect(isWithin('2026-01-01', '2026-01-01', '2026-01-31')).toBe(true);
    expect(isWithin('2026-01-31', '2026-01-01', '2026-01-31')).toBe(true);
    expect(isWithin('2026-02-01', '2026-01-01', '2026-01-31')).toBe(false);
    expect(isWithin('2025-12-31', '2026-01-01', undefined)).toBe(false);
    expect(isWithin('2099-12-31', undefined, undefined)).toBe(true);
  });
});
