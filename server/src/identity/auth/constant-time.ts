import crypto from 'node:crypto';

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function timingSafeEqualText(a: string, b: string): boolean {
  const left = crypto.createHash('sha256').update(a).digest();
  const right = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(left, right) && a.length === b.length;
}
