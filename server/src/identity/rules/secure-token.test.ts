import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, newOpaqueToken, timingSafeEqualHex } from './secure-token.ts';

describe('newOpaqueToken', () => {
  it('is the prefix, an underscore and 32 random bytes in base64url (43 characters)', () => {
    const token = newOpaqueToken('sess');
    expect(token).toMatch(/^sess_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice('sess_'.length), 'base64url')).toHaveLength(32);
    expect(newOpaqueToken('sess')).not.toBe(token);
  });

  it('honours the byte count', () => {
    expect(newOpaqueToken('inv', 16)).toMatch(/^inv_[A-Za-z0-9_-]{22}$/);
  });

  it('refuses unclear prefixes and too few bytes', () => {
    for (const prefix of ['', 'Sess', 'api_key', '1abc', 'sess-', 'x'.repeat(17)]) {
      expect(() => newOpaqueToken(prefix), prefix).toThrow(RangeError);
    }
    expect(() => newOpaqueToken('sess', 15)).toThrow(RangeError);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newOpaqueToken('t')));
    expect(tokens.size).toBe(1000);
  });
});

describe('hashToken', () => {
  it('is SHA-256 hex (FIPS 180-2 test vectors)', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives 64 lower-case hex characters', () => {
    expect(hashToken(newOpaqueToken('sess'))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('timingSafeEqualHex', () => {
  it('compares hex strings', () => {
    const hash = hashToken('abc');
    expect(timingSafeEqualHex(hash, hashToken('abc'))).toBe(true);
    expect(timingSafeEqualHex(hash, hashToken('abd'))).toBe(false);
    expect(timingSafeEqualHex(hash, hash.toUpperCase())).toBe(true);
    expect(timingSafeEqualHex('', '')).toBe(true);
  });

  it('treats different lengths and non-hex input as unequal instead of throwing', () => {
    expect(timingSafeEqualHex('abcd', 'abcdef')).toBe(false);
    expect(timingSafeEqualHex('abc', 'abc')).toBe(false);
    expect(timingSafeEqualHex('zz', 'zz')).toBe(false);
    // Buffer.from('0g', 'hex') would silently give an empty buffer and compare equal.
    expect(timingSafeEqualHex('0g', '0h')).toBe(false);
  });

  it('agrees with string equality on hex input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const x = Buffer.from(a).toString('hex');
        const y = Buffer.from(b).toString('hex');
        return timingSafeEqualHex(x, y) === (x === y) && timingSafeEqualHex(x, x);
      }),
    );
  });
});
