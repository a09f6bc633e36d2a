import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInZone, startOfDayInZone } from './zoned-date.ts';

describe('dates in a company time zone', () => {
  it('gives the local calendar date of an instant', () => {
    expect(dateInZone(new Date('2026-03-01T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-02');
    expect(dateInZone(new Date('2026-03-01T22:30:00Z'), 'Europe/Zurich')).toBe('2026-03-01');
  });

  it('starts a local day at local midnight, across DST changes', () => {
    expect(startOfDayInZone('2026-01-15', 'Europe/Paris').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDayInZone('2026-07-15', 'Europe/Paris').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDayInZone('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInZone('2026-10-25', 'Europe/Zurich').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('remembers nothing that Intl would answer differently (instants around DST changes, both zones)', () => {
    const intlDate = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    const from = Date.parse('2025-10-20T00:00:00Z');
    const to = Date.parse('2026-11-05T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom('Europe/Paris', 'Europe/Zurich'), (t, zone) => {
        const instant = new Date(t);
        const date = dateInZone(instant, zone);
        expect(date).toBe(intlDate(instant, zone));
        // The start of that local day is at or before the instant, and is that day locally.
        const start = startOfDayInZone(date, zone);
        expect(start.getTime()).toBeLessThanOrEqual(t);
        expect(intlDate(start, zone)).toBe(date);
        expect(intlDate(new Date(start.getTime() - 1), zone)).not.toBe(date);
      }),
      { numRuns: 2_000 },
    );
  });
});
