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
});
