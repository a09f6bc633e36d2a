import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCommissionSplit } from './commission-split.ts';

describe('commission split', () => {
  it('accepts shares that add up to exactly 1, in decimal, not float', () => {
    expect(checkCommissionSplit({ company: '0.6', commercial: '0.3', manager: '0.1' })).toEqual({ ok: true, sum: '1' });
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in binary floats; exact here.
    expect(checkCommissionSplit({ a: 0.1, b: 0.2, c: 0.7 }).ok).toBe(true);
  });

  it('refuses sums other than 1, negative or > 1 shares, and an empty split', () => {
    expect(checkCommissionSplit({ company: '0.6', commercial: '0.3' })).toMatchObject({ ok: false, sum: '0.9' });
    expect(checkCommissionSplit({ a: '1.2', b: '-0.2' }).ok).toBe(false);
    expect(checkCommissionSplit({}).ok).toBe(false);
    expect(checkCommissionSplit({ a: 'abc' }).ok).toBe(false);
  });

  it('accepts any split built from integer per-mille shares summing to 1000', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }), (raw) => {
        const total = raw.reduce((a, b) => a + b, 0) || 1;
        const shares = raw.map((r) => Math.floor((r * 1000) / total));
        shares[0]! += 1000 - shares.reduce((a, b) => a + b, 0);
        const split = Object.fromEntries(shares.map((s, i) => [`b${i}`, (s / 1000).toFixed(3)]));
        expect(checkCommissionSplit(split).ok).toBe(true);
      }),
    );
  });
});
