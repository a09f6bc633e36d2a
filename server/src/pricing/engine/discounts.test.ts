import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, discountLines, discountSplit, taxGroups } from './discounts.ts';
import { type EngineLine, makeLine } from './lines.ts';
import { monthly, ONE_TIME, type Recurrence } from './recurrence.ts';
import type { TaxMode } from './tax.ts';

function line(amount: number, rateBp: number, taxMode: TaxMode = 'incl', recurrence: Recurrence = monthly()): EngineLine {
  return makeLine({
    kind: 'base',
    code: null,
    description: 'x',
    unitAmount: amount,
    quantity: 1,
    amount,
    taxMode,
    tax: { country: 'FR', category: rateBp === 0 ? 'exempt' : 'standard', rateBp, exemptionCode: null, mention: null },
    recurrence,
  });
}

const label = () => ({ kind: 'promotion' as const, code: null, description: 'Promo' });

describe('allocate', () => {
  it('splits in proportion, to the cent', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [990, 0, 10])).toEqual([10, 0, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up and never gives a share above its weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 8 }), fc.nat(), (weights, seed) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const total = sum === 0 ? 0 : seed % (sum + 1);
        const shares = allocate(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(weights[i] as number);
        });
      }),
    );
  });
});

describe('discountLines', () => {
  it('takes a percentage off each tax rate', () => {
    const lines = [line(990, 2000), line(89_000, 0, 'incl', ONE_TIME)];
    const result = discountLines(lines, { percentBp: 1000 }, 'incl', label);
    expect(result.lines.map((l) => [l.incl, l.excl, l.tax, l.rateBp])).toEqual([
      [-99, -83, -16, 2000],
      [-8900, -8900, 0, 0],
    ]);
    expect(result.amount).toBe(8999);
    expect(result.lines[1]?.recurrence).toEqual(ONE_TIME);
  });

  it('caps a fixed amount at what is left and spreads it', () => {
    const lines = [line(1000, 2000), line(3000, 550)];
    const result = discountLines(lines, { amount: 10_000 }, 'incl', label);
    expect(result.capped).toBe(true);
    expect(result.amount).toBe(4000);
    const after = taxGroups([...lines, ...result.lines]);
    expect(after.every((g) => g.excl === 0 && g.tax === 0 && g.incl === 0)).toBe(true);
  });

  it('keeps the group non-negative where per-line rounding alone would not', () => {
    // 6 TTC at 20 % is 5 HT + 1 TVA; two discounts of 3 TTC would each round to 3 HT (2.5 → 3).
    const base = [line(6, 2000)];
    const first = discountLines(base, { amount: 3 }, 'incl', label).lines;
    const second = discountLines([...base, ...first], { amount: 3 }, 'incl', label).lines;
    const [group] = taxGroups([...base, ...first, ...second]);
    expect(group).toMatchObject({ excl: 0, tax: 0, incl: 0 });
    expect(discountSplit({ key: '', rateBp: 2000, mention: null, recurrence: monthly(), excl: 5, tax: 1, incl: 6 }, 3, 'incl')).toEqual({
      excl: -3,
      tax: 0,
      incl: -3,
    });
  });

  it('never leaves a group below zero, whatever the discounts (property)', () => {
    const lineArb = fc.tuple(fc.integer({ min: 0, max: 10 ** 7 }), fc.constantFrom(0, 210, 550, 1000, 2000, 260, 380, 810), fc.constantFrom<TaxMode>('incl', 'excl'));
    const discountArb = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map((percentBp) => ({ percentBp })),
      fc.integer({ min: 0, max: 10 ** 7 }).map((amount) => ({ amount })),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.array(discountArb, { maxLength: 6 }), fc.constantFrom<TaxMode>('incl', 'excl'), (specs, discounts, basis) => {
        const lines = specs.map(([amount, rate, mode]) => line(amount, rate, mode));
        const before = taxGroups(lines).reduce((a, g) => a + (basis === 'incl' ? g.incl : g.excl), 0);
        let taken = 0;
        for (const discount of discounts) {
          const result = discountLines(lines, discount, basis, label);
          for (const l of result.lines) {
            expect(l.excl + l.tax).toBe(l.incl);
            expect(l.incl).toBeLessThanOrEqual(0);
            expect(l.excl).toBeLessThanOrEqual(0);
            expect(l.tax).toBeLessThanOrEqual(0);
          }
          taken += result.amount;
          lines.push(...result.lines);
          for (const g of taxGroups(lines)) {
            expect(g.excl).toBeGreaterThanOrEqual(0);
            expect(g.tax).toBeGreaterThanOrEqual(0);
            expect(g.incl).toBeGreaterThanOrEqual(0);
            if (g.incl === 0) expect([g.excl, g.tax]).toEqual([0, 0]);
          }
        }
        expect(taken).toBeLessThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});
