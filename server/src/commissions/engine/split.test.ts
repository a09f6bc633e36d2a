import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommissionError } from './errors.ts';
import { allocate, type SplitPlan, splitShares } from './split.ts';
import { splitPlan } from './testing/arbitraries.ts';

describe('allocate', () => {
  it('splits by the plan with the largest remainder (ties to the earlier role)', () => {
    expect(allocate(1000, { company: '0.6', salesperson: '0.3', manager: '0.1' }).map((p) => p.amount)).toEqual([600, 300, 100]);
    expect(allocate(1, { company: '0.5', salesperson: '0.5' }).map((p) => p.amount)).toEqual([1, 0]);
    // 100 × ⅓-ish: 33.3 / 33.3 / 33.4 → 33 / 33 / 34
    expect(allocate(100, { company: '0.333', salesperson: '0.333', platform: '0.334' }).map((p) => p.amount)).toEqual([33, 33, 34]);
    expect(allocate(-1, { company: '0.5', salesperson: '0.5' }).map((p) => p.amount)).toEqual([-1, 0]);
  });

  it('refuses shares that do not sum to exactly 1, unknown roles and float-looking shares', () => {
    expect(() => splitShares({ company: '0.6', salesperson: '0.3' })).toThrow(CommissionError);
    expect(() => splitShares({ company: '0.6', salesperson: '0.4000001' })).toThrow(/1.0000001/);
    expect(() => splitShares({ vrp: '1' } as SplitPlan)).toThrow(/inconnu/);
    expect(() => splitShares({ company: 1 } as unknown as SplitPlan)).toThrow(CommissionError);
    expect(() => splitShares({ company: '1.5', salesperson: '-0.5' })).toThrow(CommissionError);
  });

  it('property: the parts always sum to the commission, each within a cent of its exact share', () => {
    fc.assert(
      fc.property(splitPlan, fc.integer({ min: -10_000_000, max: 10_000_000 }), (plan, amount) => {
        const parts = allocate(amount, plan);
        expect(parts.reduce((a, p) => a + p.amount, 0)).toBe(amount);
        for (const part of parts) expect(Math.abs(part.amount - Number(part.share) * amount)).toBeLessThan(1);
      }),
    );
  });

  it('property: a negative amount is split as the exact mirror of the positive one', () => {
    fc.assert(
      fc.property(splitPlan, fc.integer({ min: 0, max: 10_000_000 }), (plan, amount) => {
        const plus = allocate(amount, plan);
        const minus = allocate(-amount, plan);
        plus.forEach((p, i) => {
          expect(p.amount + minus[i]!.amount).toBe(0);
        });
      }),
    );
  });
});
