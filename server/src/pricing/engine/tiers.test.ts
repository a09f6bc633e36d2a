import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from './money.ts';
import type { Tier } from './rules.ts';
import { priceTiers } from './tiers.ts';

const TIERS: Tier[] = [
  { upTo: 10, unitAmount: '1000' },
  { upTo: 50, unitAmount: '800', flatAmount: 500 },
  { upTo: null, unitAmount: '12.5' },
];

describe('priceTiers', () => {
  it('prices graduated tiers unit by unit', () => {
    expect(priceTiers({ mode: 'graduated', tiers: TIERS }, 10).amount.toString()).toBe('10000');
    // 10 × 10.00 + 5.00 flat + 1 × 8.00
    expect(priceTiers({ mode: 'graduated', tiers: TIERS }, 11).amount.toString()).toBe('11300');
    // 10 × 10.00 + (5.00 + 40 × 8.00) + 2 × 0.125
    const price = priceTiers({ mode: 'graduated', tiers: TIERS }, 52);
    expect(price.amount.toString()).toBe('42525');
    expect(price.charges.map((c) => [c.from, c.to, c.units])).toEqual([
      [1, 10, 10],
      [11, 50, 40],
      [51, 52, 2],
    ]);
  });

  it('prices volume tiers all at the tier of the total', () => {
    expect(priceTiers({ mode: 'volume', tiers: TIERS }, 10).amount.toString()).toBe('10000');
    expect(priceTiers({ mode: 'volume', tiers: TIERS }, 11).amount.toString()).toBe('9300');
    expect(priceTiers({ mode: 'volume', tiers: TIERS }, 51).amount.toString()).toBe('637.5');
    expect(priceTiers({ mode: 'volume', tiers: TIERS }, 51).charges).toHaveLength(1);
  });

  it('charges nothing for nothing and refuses negative or fractional quantities', () => {
    expect(priceTiers({ mode: 'graduated', tiers: TIERS }, 0).amount.toString()).toBe('0');
    expect(() => priceTiers({ mode: 'volume', tiers: TIERS }, -1)).toThrow();
    expect(() => priceTiers({ mode: 'volume', tiers: TIERS }, 1.5)).toThrow();
  });

  const tiers = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3 }), fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((specs) => {
      let bound = 0;
      return specs.map(([width, cents, scale, flat], i): Tier => {
        bound += width;
        return {
          upTo: i === specs.length - 1 ? null : bound,
          unitAmount: new Dec(cents).div(10 ** scale).toString(),
          ...(flat === undefined ? {} : { flatAmount: flat }),
        };
      });
    });

  it('graduated: the units charged add up to the quantity and the price never decreases', () => {
    fc.assert(
      fc.property(tiers, fc.integer({ min: 0, max: 400 }), (t, q) => {
        const here = priceTiers({ mode: 'graduated', tiers: t }, q);
        expect(here.charges.reduce((n, c) => n + c.units, 0)).toBe(q);
        expect(priceTiers({ mode: 'graduated', tiers: t }, q + 1).amount.gte(here.amount)).toBe(true);
      }),
    );
  });

  it('volume: one tier is charged, and within a tier the price never decreases', () => {
    fc.assert(
      fc.property(tiers, fc.integer({ min: 1, max: 400 }), (t, q) => {
        const here = priceTiers({ mode: 'volume', tiers: t }, q);
        const next = priceTiers({ mode: 'volume', tiers: t }, q + 1);
        expect(here.charges).toHaveLength(1);
        if (next.charges[0]?.tierIndex === here.charges[0]?.tierIndex) expect(next.amount.gte(here.amount)).toBe(true);
      }),
    );
  });
});
