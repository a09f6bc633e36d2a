/**
 * Temporary lock-out after repeated failed sign-ins. NIST SP 800-63B §5.2.2
 * asks for rate limiting of online guessing; an exponential back-off keeps a
 * typo-prone legitimate user nearly unaffected (4 free attempts, then 1, 2, 4…
 * minutes) while capping an attacker at about one guess an hour, and the cap
 * keeps an attacker from locking a victim out for days.
 */

const FREE_FAILURES = 4;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/**
 * `failedCount` is the number of consecutive failures including the one just
 * recorded (reset to 0 by a successful sign-in).
 */
export function lockoutAfterFailure(failedCount: number, now: Date): { lockedUntil: Date | null } {
  if (!Number.isInteger(failedCount) || failedCount < 0) {
    throw new RangeError('failedCount must be a non-negative integer');
  }
  if (failedCount <= FREE_FAILURES) return { lockedUntil: null };
  const doublings = failedCount - FREE_FAILURES - 1;
  // 2 ** doublings overflows to Infinity for huge counts; Math.min still caps it.
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
  return { lockedUntil: new Date(now.getTime() + lockMs) };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && now.getTime() < lockedUntil.getTime();
}
