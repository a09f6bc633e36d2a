import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, endOfPeriod, localDate, monthDay, parseLocalDate, wholeMonthsBetween } from './dates.ts';
import { describeDueRule, dueDate } from './due-date.ts';

describe('calendar triggers', () => {
  it('« le 15 du mois suivant », in the company’s time zone', () => {
    const rule = { kind: 'day_of_month', day: 15, monthsAfter: 1 } as const;
    expect(describeDueRule(rule)).toBe('le 15 du mois suivant');
    // 30 September 23:30 UTC is already 1 October in Paris (→ 15 November) but still 30 September in New York (→ 15 October).
    expect(dueDate(localDate('2025-09-30T23:30:00Z', 'Europe/Paris'), rule)).toBe('2025-11-15');
    expect(dueDate(localDate('2025-09-30T23:30:00Z', 'America/New_York'), rule)).toBe('2025-10-15');
    expect(dueDate(localDate('2025-12-31T23:30:00Z', 'Europe/Zurich'), rule)).toBe('2026-02-15');
    expect(dueDate(localDate('2025-12-31T23:30:00Z', 'UTC'), rule)).toBe('2026-01-15');
    // Daylight saving: 30 March 2025 00:30 Paris is 29 March 23:30 UTC.
    expect(localDate('2025-03-29T23:30:00Z', 'Europe/Paris')).toBe('2025-03-30');
    expect(localDate('2025-10-25T22:30:00Z', 'Europe/Paris')).toBe('2025-10-26');
  });

  it('a day past the month’s end falls on its last day', () => {
    expect(dueDate('2025-01-20', { kind: 'day_of_month', day: 31, monthsAfter: 1 })).toBe('2025-02-28');
    expect(dueDate('2028-01-20', { kind: 'day_of_month', day: 31, monthsAfter: 1 })).toBe('2028-02-29');
    expect(dueDate('2025-03-31', { kind: 'day_of_month', day: 31, monthsAfter: 1 })).toBe('2025-04-30');
    expect(dueDate('2025-11-05', { kind: 'day_of_month', day: 10, monthsAfter: 0 })).toBe('2025-11-10');
    expect(dueDate('2025-11-05', { kind: 'on_event' })).toBe('2025-11-05');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(endOfPeriod('2024-02')).toBe('2024-02-29');
  });

  it('whole months elapsed, anniversaries clamped', () => {
    expect(wholeMonthsBetween('2025-01-31', '2025-02-27')).toBe(0);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(1);
    expect(wholeMonthsBetween('2025-09-01', '2026-08-31')).toBe(11);
    expect(wholeMonthsBetween('2025-09-01', '2026-09-01')).toBe(12);
  });

  it('refuses non-dates and instants without a zone', () => {
    expect(() => localDate('2025-02-29', 'Europe/Paris')).toThrow(/AAAA-MM-JJ/);
    expect(() => localDate('2025-09-01T10:00:00', 'Europe/Paris')).toThrow(/fuseau/);
    expect(() => localDate('2025-09-01T10:00:00Z', 'Mars/Olympus')).toThrow(/Fuseau/);
  });

  const zones = fc.constantFrom('Europe/Paris', 'Europe/Zurich', 'America/New_York', 'Pacific/Auckland', 'Pacific/Kiritimati', 'America/Adak', 'UTC');

  it('property: the due day is the rule’s day (clamped) in the right month after the local day of the event', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        zones,
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 24 }),
        (ms, zone, day, monthsAfter) => {
          const at = new Date(ms).toISOString();
          const local = localDate(at, zone);
          // The local day is within a day and a half of the UTC day (offsets are between −12 and +14 hours).
          const shift = (Date.parse(`${local}T12:00:00Z`) - ms) / 3_600_000;
          expect(shift).toBeGreaterThan(-37);
          expect(shift).toBeLessThan(37);
          const due = parseLocalDate(dueDate(local, { kind: 'day_of_month', day, monthsAfter }));
          const event = parseLocalDate(local);
          expect(due.year * 12 + due.month - (event.year * 12 + event.month)).toBe(monthsAfter);
          expect(due.day).toBe(Math.min(day, daysInMonth(due.year, due.month)));
        },
      ),
    );
  });

  it('property: monthDay and addMonths stay in range and round-trip month arithmetic', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), fc.integer({ min: -60, max: 60 }), (d, n) => {
        const date = d.toISOString().slice(0, 10);
        const moved = parseLocalDate(addMonths(date, n));
        const from = parseLocalDate(date);
        expect(moved.year * 12 + moved.month - (from.year * 12 + from.month)).toBe(n);
        expect(moved.day).toBe(Math.min(from.day, daysInMonth(moved.year, moved.month)));
        expect(monthDay(date, n, 1).endsWith('-01')).toBe(true);
      }),
    );
  });
});
