import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocked, lockoutAfterFailure } from './lockout.ts';

const now = new Date('2025-03-14T09:26:53.000Z');
const minutesLocked = (failedCount: number, at = now): number | null => {
  const { lockedUntil } = lockoutAfterFailure(failedCount, at);
  return lockedUntil === null ? null : (lockedUntil.getTime() - at.getTime()) / 60_000;
};

describe('lockoutAfterFailure', () => {
  it('locks nothing for the first four failures', () => {
    for (const count of [0, 1, 2, 3, 4]) expect(lockoutAfterFailure(count, now)).toEqual({ lockedUntil: null });
  });

  it('locks 1, 2, 4, 8, 16, 32 minutes from the 5th failure, then 60', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12, 50, 10_000].map((count) => minutesLocked(count))).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60, 60,
    ]);
    expect(lockoutAfterFailure(5, now).lockedUntil).toEqual(new Date('2025-03-14T09:27:53.000Z'));
  });

  it('refuses counts that cannot be counts', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => lockoutAfterFailure(bad, now)).toThrow(RangeError);
    }
  });

  it('never shortens the lock as failures accumulate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return (minutesLocked(low) ?? 0) <= (minutesLocked(high) ?? 0);
      }),
    );
  });

  it('never locks for more than an hour, and always at least a minute from the 5th failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: Number.MAX_SAFE_INTEGER }), fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }), (count, at) => {
        const minutes = minutesLocked(count, at);
        return minutes !== null && minutes >= 1 && minutes <= 60;
      }),
    );
  });
});

describe('isLocked', () => {
  it('is locked strictly before the end of the lock', () => {
    const { lockedUntil } = lockoutAfterFailure(6, now);
    expect(isLocked(lockedUntil, now)).toBe(true);
    expect(isLocked(lockedUntil, new Date(now.getTime() + 119_999))).toBe(true);
    expect(isLocked(lockedUntil, new Date(now.getTime() + 120_000))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
