/**
 * When a failed webhook event is tried again: 30 s, 1 min, 2 min… doubling, at most 6 h apart, and no more automatic
 * attempts after 12 (about a day; the inbox screen can still replay it). An event waiting for another one (an invoice
 * before its checkout) is usually ready at the first retry.
 */
export const MAX_INBOX_ATTEMPTS = 12;

export function nextInboxAttemptAt(now: Date, attempts: number): Date | null {
  if (attempts >= MAX_INBOX_ATTEMPTS) return null;
  const delaySeconds = Math.min(30 * 2 ** (attempts - 1), 6 * 3600);
  return new Date(now.getTime() + delaySeconds * 1000);
}
