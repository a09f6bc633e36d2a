import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isWellFormedRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_ALPHABET,
} from './recovery-codes.ts';

describe('recovery codes', () => {
  it('generates 10 codes of 3 groups of 4 unambiguous characters by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
      expect(isWellFormedRecoveryCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(10);
  });

  it('uses an alphabet of 31 distinct characters without 0, o, 1, l, i', () => {
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(31);
    for (const ambiguous of '0o1li') expect(RECOVERY_CODE_ALPHABET).not.toContain(ambiguous);
  });

  it('draws every character of the alphabet', () => {
    const seen = new Set(generateRecoveryCodes(100).join('').replace(/-/g, ''));
    // 1200 draws from 31 characters: missing one has probability 31 × (30/31)^1200 ≈ 3e-16.
    expect(seen.size).toBe(31);
  });

  it('generates the requested count and refuses nonsense counts', () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    expect(() => generateRecoveryCodes(0)).toThrow(RangeError);
    expect(() => generateRecoveryCodes(1.5)).toThrow(RangeError);
  });

  it('normalises what people type', () => {
    expect(normaliseRecoveryCode(' K7F3-9QZD 2mxa ')).toBe('k7f39qzd2mxa');
    expect(normaliseRecoveryCode('k7f3\u00a09qzd\t2mxa')).toBe('k7f39qzd2mxa');
  });

  it('tells well-formed input from impossible input', () => {
    expect(isWellFormedRecoveryCode('K7F3 9QZD 2MXA')).toBe(true);
    expect(isWellFormedRecoveryCode('k7f3-9qzd-2mx')).toBe(false);
    expect(isWellFormedRecoveryCode('k7f3-9qzd-2mxo')).toBe(false);
    expect(isWellFormedRecoveryCode('k7f3-9qzd-2mxa-')).toBe(true);
  });

  it('hashes the normalised form with SHA-256', () => {
    // sha256("abc") from FIPS 180-2 appendix B.1.
    expect(hashRecoveryCode('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashRecoveryCode('A-B C')).toBe(hashRecoveryCode('abc'));
    expect(hashRecoveryCode('K7F3-9QZD-2MXA')).toBe(hashRecoveryCode('k7f39qzd2mxa'));
    expect(hashRecoveryCode('k7f3-9qzd-2mxa')).not.toBe(hashRecoveryCode('k7f3-9qzd-2mxb'));
  });

  it('gives the same hash to every spelling of a code', () => {
    const spelling = fc
      .tuple(fc.constantFrom(...RECOVERY_CODE_ALPHABET), fc.boolean(), fc.constantFrom('', '', '-', ' '))
      .map(([char, upper, separator]) => (upper ? char.toUpperCase() : char) + separator);
    fc.assert(
      fc.property(fc.array(spelling, { minLength: 12, maxLength: 12 }), (parts) => {
        const typed = parts.join('');
        return hashRecoveryCode(typed) === hashRecoveryCode(typed.replace(/[\s-]/g, '').toLowerCase());
      }),
    );
  });
});
