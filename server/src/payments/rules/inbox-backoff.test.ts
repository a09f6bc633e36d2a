import { describe, expect, it } from 'vitest';
import { MAX_INBOX_ATTEMPTS, nextInboxAttemptAt } from './inbox-backoff.ts';

describe('inbox back-off', () => {
  const now = new Date('2026-11-24T00:00:00Z');
  const delay = (attempts: number) => (nextInboxAttemptAt(now, attempts)!.getTime() - now.getTime()) / 1000;

  it('doubles from 30 s and caps at 6 h', () => {
    expect([1, 2, 3, 4].map(delay)).toEqual([30, 60, 120, 240]);
    expect(delay(11)).toBe(6 * 3600);
  });

  it('stops retrying on its own after the last attempt', () => {
    expect(nextInboxAttemptAt(now, MAX_INBOX_ATTEMPTS)).toBeNull();
  });
});
