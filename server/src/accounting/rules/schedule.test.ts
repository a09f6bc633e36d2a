import { describe, expect, it } from 'vitest';
import { dueMonthlyPeriod } from './schedule.ts';

describe('J+2 after month end', () => {
  it('is due from the 2nd of the next month, across years', () => {
    expect(dueMonthlyPeriod(new Date('2025-10-01T23:59:59Z'))).toBeNull();
    expect(dueMonthlyPeriod(new Date('2025-10-02T00:00:00Z'))).toBe('2025-09');
    expect(dueMonthlyPeriod(new Date('2025-10-31T12:00:00Z'))).toBe('2025-09');
    expect(dueMonthlyPeriod(new Date('2026-01-02T03:30:00Z'))).toBe('2025-12');
    expect(dueMonthlyPeriod(new Date('2024-03-02T03:30:00Z'))).toBe('2024-02');
  });
});
