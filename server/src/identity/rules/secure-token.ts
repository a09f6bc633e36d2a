/**
 * Opaque bearer tokens (sessions, invitations, password resets, API keys).
 *
 * The prefix says what a token is for ("sess_…", "inv_…"), so a leaked token
 * is recognisable (secret scanners, logs) and one kind cannot be replayed as
 * another. Only the SHA-256 of a token is stored: a database leak does not
 * give usable tokens, and because tokens carry ≥ 128 random bits a fast
 * unsalted hash cannot be brute-forced (unlike a password).
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = /^[a-z][a-z0-9]{0,15}$/;

/** `${prefix}_${base64url(bytes random bytes)}`; the prefix has no "_" so the token splits unambiguously. */
export function newOpaqueToken(prefix: string, bytes = 32): string {
  if (!PREFIX.test(prefix)) throw new RangeError('prefix: 1–16 lower-case letters or digits, starting with a letter');
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) throw new RangeError('bytes: at least 16 (128 bits)');
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** SHA-256 hex of the whole token, prefix included (one-shot `hash`: it runs on every authenticated request). */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/**
 * Compares two hex strings (e.g. a stored hash and a computed one) in time
 * independent of where they differ. Different lengths or non-hex input are
 * simply unequal; the length of a hash is not a secret.
 */
export function timingSafeEqualHex(a: string, b: string): boolean {
  const hex = /^(?:[0-9a-f]{2})*$/i;
  if (a.length !== b.length || !hex.test(a) || !hex.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
