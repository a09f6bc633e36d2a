/**
 * Time-based one-time passwords for second-factor authentication.
 *
 * - Base32: RFC 4648 §6 alphabet. Secrets are shown and put in otpauth URLs
 *   without "=" padding, as the Google Authenticator Key URI format asks
 *   (RFC 4648 §3.2 lets a referring spec drop padding).
 * - HOTP: RFC 4226 §5 (HMAC over the 8-byte big-endian counter, dynamic
 *   truncation to 31 bits, modulo 10^digits).
 * - TOTP: RFC 6238 §4, counter = floor(unix seconds / step), T0 = 0.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';
export interface TotpOptions {
  step?: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
}
export interface VerifyTotpOptions extends TotpOptions {
  /** How many steps before and after the current one are accepted (clock drift, typing time). */
  window?: number;
  /** The step of the last accepted code for this secret: it and earlier steps are refused (RFC 6238 §5.2). */
  lastUsedStep?: number;
}
export type TotpVerification = { ok: true; step: number } | { ok: false };

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.padding) output += '='.repeat((8 - (output.length % 8)) % 8);
  return output;
}

/** Case-insensitive; spaces and "=" are ignored (people copy secrets in groups). Throws on other characters. */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=]/gu, '').toUpperCase();
  // 1, 3 or 6 trailing characters cannot come from whole bytes (RFC 4648 §6).
  if ([1, 3, 6].includes(clean.length % 8)) throw new RangeError('invalid base32 length');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) throw new RangeError(`invalid base32 character: ${char}`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A random secret, base32 without padding. 20 bytes = the HMAC-SHA1 output size, as RFC 4226 §4 recommends (≥ 16, 20 advised). */
export function generateTotpSecret(bytes = 20): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError('a TOTP secret has at least 16 bytes (RFC 4226 §4)');
  return base32Encode(randomBytes(bytes));
}

/** The step (counter) that `timeMs` falls into. */
export function totpStep(timeMs: number, step = 30): number {
  return Math.floor(timeMs / 1000 / step);
}

export function totpCode(secretBase32: string, timeMs: number, options: TotpOptions = {}): string {
  const { step = 30, digits = 6, algorithm = 'sha1' } = options;
  return hotp(decodeSecret(secretBase32), totpStep(timeMs, step), digits, algorithm);
}

/**
 * Checks a code typed by the user. Every step of the window is computed and
 * compared in constant time, so the response time says nothing about which
 * step (if any) matched.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  options: VerifyTotpOptions = {},
): TotpVerification {
  const { step = 30, digits = 6, algorithm = 'sha1', window = 1, lastUsedStep } = options;
  if (!Number.isInteger(window) || window < 0) throw new RangeError('window must be a non-negative integer');
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return { ok: false };
  const secret = decodeSecret(secretBase32);
  const current = totpStep(timeMs, step);
  const typed = Buffer.from(code);
  let matched: number | null = null;
  for (let candidate = Math.max(0, current - window); candidate <= current + window; candidate++) {
    const expected = Buffer.from(hotp(secret, candidate, digits, algorithm));
    const equal = timingSafeEqual(expected, typed);
    const fresh = lastUsedStep === undefined || candidate > lastUsedStep;
    if (equal && fresh && matched === null) matched = candidate;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/**
 * The provisioning URL shown as a QR code
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format).
 * Issuer and account are percent-encoded (spaces as %20, a colon in either as
 * %3A so that the label's own colon stays unambiguous).
 */
export function otpauthUrl(input: { secret: string; accountName: string; issuer: string }): string {
  const secret = base32Encode(decodeSecret(input.secret));
  const issuer = encodeURIComponent(input.issuer);
  const label = `${issuer}:${encodeURIComponent(input.accountName)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`;
}

/** RFC 4226 §4: the shared secret MUST be at least 128 bits; a short (or empty) one makes codes guessable. */
function decodeSecret(secretBase32: string): Buffer {
  const secret = base32Decode(secretBase32);
  if (secret.length < 16) throw new RangeError('a TOTP secret has at least 16 bytes (RFC 4226 §4)');
  return secret;
}

function hotp(secret: Uint8Array, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new RangeError('digits must be 6, 7 or 8');
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('time before the Unix epoch');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}
