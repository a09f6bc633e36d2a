/**
 * Single-use recovery codes, shown once when two-factor authentication is
 * enabled, for when the authenticator is lost.
 *
 * Format: 12 characters in 3 groups of 4 (k7f3-9qzd-2mxa), drawn uniformly
 * from 31 lowercase characters that cannot be mistaken for one another when
 * read from paper (no 0/o, 1/l/i). 12 × log2(31) ≈ 59.5 bits of entropy.
 */
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new RangeError('count must be between 1 and 100');
  return Array.from({ length: count }, generateRecoveryCode);
}

function generateRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    // randomInt draws without modulo bias.
    for (let c = 0; c < GROUP_LENGTH; c++) group += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** What the user typed, reduced to the stored form: no spaces or dashes, lower case. */
export function normaliseRecoveryCode(input: string): string {
  return input.replace(/[\s-]/gu, '').toLowerCase();
}

/** Whether the input, once normalised, can be a recovery code at all (saves a lookup). */
export function isWellFormedRecoveryCode(input: string): boolean {
  return new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${GROUPS * GROUP_LENGTH}}$`).test(normaliseRecoveryCode(input));
}

/**
 * SHA-256 hex of the normalised code. A fast, unsalted hash is acceptable here,
 * unlike for passwords: the codes are random with ~60 bits of entropy, so
 * brute-forcing a stolen hash costs ~2^59 attempts on average — there is no
 * dictionary to exploit — and the hash can be looked up directly.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}
