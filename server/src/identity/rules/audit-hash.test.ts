import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, verifyAuditChain, type AuditRecord } from './audit-hash.ts';
import { type Json, leafPaths, reorderKeys, withChangedLeaf } from './json-test-helpers.ts';

const entry = fc.dictionary(fc.string(), fc.jsonValue() as fc.Arbitrary<Json>, { minKeys: 1 });

function chain(entries: object[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous: string | null = null;
  for (const item of entries) {
    previous = auditHash(previous, item);
    records.push({ entry: item, hash: previous });
  }
  return records;
}

describe('auditHash', () => {
  // Expected digests computed independently with Python's hashlib.
  it('is SHA-256 of previous hash, newline, canonical JSON', () => {
    expect(auditHash(null, {})).toBe('a062dd4952b935e430d409c4a5e5cd760e8781e3200d5c7e12a232dddba8a528');
    const first = auditHash(null, { user: 'zoé', at: new Date('2025-01-01T00:00:00Z'), action: 'sign_in' });
    expect(first).toBe('d068b381dbed0e569cae26506f926793d580606eb17e313fe79703e63045d50d');
    expect(auditHash(first, { user: 'zoé', action: 'sign_out', meta: { ok: true, ip: '192.0.2.1' }, note: undefined })).toBe(
      '5e004554bd0de586278b98513e717123df1ae6ad18837e818359b7278159d60c',
    );
  });

  it('refuses a previous hash that is not a SHA-256 hex digest', () => {
    expect(() => auditHash('', {})).toThrow(RangeError);
    expect(() => auditHash('A062DD4952B935E430D409C4A5E5CD760E8781E3200D5C7E12A232DDDBA8A528', {})).toThrow(RangeError);
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)), entry, fc.nat(), (previous, value, seed) =>
        auditHash(previous, reorderKeys(value, seed) as object) === auditHash(previous, value),
      ),
    );
  });

  it('changes when any leaf changes', () => {
    fc.assert(
      fc.property(entry, fc.nat(), (value, pick) => {
        const paths = leafPaths(value);
        fc.pre(paths.length > 0);
        const path = paths[pick % paths.length]!;
        return auditHash(null, withChangedLeaf(value, path) as object) !== auditHash(null, value);
      }),
    );
  });

  it('changes with the previous hash', () => {
    const a = auditHash(null, { n: 1 });
    expect(auditHash(a, { n: 2 })).not.toBe(auditHash(null, { n: 2 }));
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 8 }), (entries) => verifyAuditChain(chain(entries)).ok));
  });

  it('finds a modified entry in the middle', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 3, maxLength: 8 }), fc.nat(), fc.nat(), (entries, at, pick) => {
        const records = chain(entries);
        const index = 1 + (at % (records.length - 2));
        const target = records[index]!.entry as Json;
        const paths = leafPaths(target);
        fc.pre(paths.length > 0);
        records[index] = { ...records[index]!, entry: withChangedLeaf(target, paths[pick % paths.length]!) as object };
        expect(verifyAuditChain(records)).toEqual({ ok: false, brokenAt: index });
      }),
    );
  });

  it('finds a removed or reordered entry', () => {
    const records = chain([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(verifyAuditChain([records[0]!, records[2]!, records[3]!])).toEqual({ ok: false, brokenAt: 1 });
    expect(verifyAuditChain([records[0]!, records[2]!, records[1]!, records[3]!])).toEqual({ ok: false, brokenAt: 1 });
  });

  it('continues a chain from a known hash', () => {
    const records = chain([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyAuditChain(records.slice(1), records[0]!.hash)).toEqual({ ok: true });
    expect(verifyAuditChain(records.slice(1))).toEqual({ ok: false, brokenAt: 0 });
  });
});
