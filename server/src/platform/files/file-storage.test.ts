import { describe, expect, it } from 'vitest';
import { assertValidFileKey, InvalidFileKeyError, sha256Hex } from './file-storage.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a plain Uint8Array like the equivalent Buffer', () => {
    expect(sha256Hex(new Uint8Array([1, 2, 3]))).toBe(sha256Hex(Buffer.from([1, 2, 3])));
  });
});

describe('assertValidFileKey', () => {
  it('accepts a lowercase 64-character hex digest', () => {
    expect(() => assertValidFileKey('a'.repeat(64))).not.toThrow();
  });

  it.each([
    ['path traversal', '../etc/passwd'],
    ['uppercase hex', 'A'.repeat(64)],
    ['too short', 'a'.repeat(63)],
    ['too long', 'a'.repeat(65)],
    ['non-hex', 'g'.repeat(64)],
    ['trailing newline', `${'a'.repeat(64)}\n`],
    ['empty', ''],
  ])('rejects %s', (_label, key) => {
    expect(() => assertValidFileKey(key)).toThrow(InvalidFileKeyError);
  });
});
