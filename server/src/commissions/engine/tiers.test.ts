import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from './money.ts';
import { rateValue } from './rates.ts';
import { applyWeight, assignTiers, type TierSet, tierAt, tierLabel, validateTiers } from './tiers.ts';

const VOLUME: TierSet = {
  basis: 'volume',
  mode: 'all_units',
  tiers: [
    { from: 0, rate: { bp: 1000 } },
    { from: 100, rate: { bp: 1200 } },
    { from: 500, rate: { bp: 1500 } },
  ],
};

/** Σ over the sales of base × rate of the picks: the exact commission of `n` sales of `base` each. */
function commissionOf(set: TierSet, measures: number[], bases: number[]) {
  return assignTiers(set, measures).reduce(
    (sum, picks, i) => picks.reduce((s, p) => s.plus(applyWeight(rateValue(set.tiers[p.tierIndex]!.rate!).times(bases[i]!), p)), sum),
    new Dec(0),
  );
}

const tierSets = (basis: 'volume' | 'revenue', mode: 'graduated' | 'all_units') =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: basis === 'volume' ? 20 : 50_000 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 5 })
    .map((specs): TierSet => {
      let from = 0;
      return {
        basis,
        mode,
        tiers: specs.map(([width, bp], i) => {
          const tier = { from: i === 0 ? 0 : from, rate: { bp } };
          from = (i === 0 ? 0 : from) + width;
          return tier;
        }),
      };
    });

describe('tiers', () => {
  it('reads the seed’s volume tiers: the 100th sale is in the second tier', () => {
    expect(tierAt(VOLUME, 99)).toBe(0);
    expect(tierAt(VOLUME, 100)).toBe(1);
    expect(tierAt(VOLUME, 499)).toBe(1);
    expect(tierAt(VOLUME, 500)).toBe(2);
    expect(tierLabel(VOLUME, 0, String)).toBe('0–99 ventes');
    expect(tierLabel(VOLUME, 2, String)).toBe('à partir de 500 ventes');
  });

  it('graduated by volume: each sale at its own rank; all-units: every sale at the total’s tier', () => {
    const graduated = assignTiers({ ...VOLUME, mode: 'graduated' }, Array(101).fill(1));
    expect(graduated[98]![0]!.tierIndex).toBe(0);
    expect(graduated[99]![0]!.tierIndex).toBe(1);
    expect(assignTiers(VOLUME, Array(101).fill(1)).every((p) => p[0]!.tierIndex === 1)).toBe(true);
  });

  it('graduated by revenue: a sale straddling a threshold is split in proportion', () => {
    const set: TierSet = { basis: 'revenue', mode: 'graduated', tiers: [{ from: 0, rate: { bp: 1000 } }, { from: 100_000, rate: { bp: 2000 } }] };
    const picks = assignTiers(set, [80_000, 40_000]);
    expect(picks[0]).toEqual([{ tierIndex: 0, part: 1, of: 1 }]);
    expect(picks[1]!.map((p) => [p.tierIndex, p.part, p.of])).toEqual([
      [0, 20_000, 40_000],
      [1, 20_000, 40_000],
    ]);
    // 10 % × 1 000 € + 20 % × 200 € = 140 €
    expect(commissionOf(set, [80_000, 40_000], [80_000, 40_000]).toString()).toBe('14000');
  });

  it('below the first tier there is no commission; invalid tiers are refused', () => {
    const set: TierSet = { basis: 'volume', mode: 'all_units', tiers: [{ from: 10, rate: { bp: 500 } }] };
    expect(assignTiers(set, Array(9).fill(1)).every((p) => p.length === 0)).toBe(true);
    expect(() => validateTiers({ ...VOLUME, tiers: [{ from: 0, rate: { bp: 100 } }, { from: 0, rate: { bp: 200 } }] })).toThrow(/croissants/);
    expect(() => validateTiers({ ...VOLUME, tiers: [{ from: 0 }] })).toThrow(/soit un taux/);
    expect(() => validateTiers({ basis: 'revenue', mode: 'graduated', tiers: [{ from: 0, amount: 100 }] })).toThrow(/volume ou de mois/);
    expect(() => validateTiers({ ...VOLUME, tiers: [{ from: 0, rate: { decimal: '1.2' } }] })).toThrow(/100 %/);
  });

  it('property: graduated tiers never pay less for more volume (count or revenue)', () => {
    fc.assert(
      fc.property(tierSets('volume', 'graduated'), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 80 }), (set, base, n) => {
        const a = commissionOf(set, Array(n).fill(1), Array(n).fill(base));
        const b = commissionOf(set, Array(n + 1).fill(1), Array(n + 1).fill(base));
        expect(b.gte(a)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(tierSets('revenue', 'graduated'), fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 8 }), fc.integer({ min: 0, max: 60_000 }), (set, amounts, extra) => {
        const a = commissionOf(set, amounts, amounts);
        const b = commissionOf(set, [...amounts, extra], [...amounts, extra]);
        expect(b.gte(a)).toBe(true);
        // Graduated by revenue on revenue equals the sum of the slices, whatever the order of the sales.
        expect(commissionOf(set, [...amounts].reverse(), [...amounts].reverse()).eq(a)).toBe(true);
      }),
    );
  });

  it('property: all-units tiers change the per-sale rate only when the count crosses a threshold', () => {
    fc.assert(
      fc.property(tierSets('volume', 'all_units'), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 80 }), (set, base, n) => {
        const perSale = (count: number) => commissionOf(set, Array(count).fill(1), Array(count).fill(base)).div(count);
        const isThreshold = set.tiers.some((t) => t.from === n + 1);
        if (!isThreshold) expect(perSale(n + 1).eq(perSale(n))).toBe(true);
        else expect(perSale(n + 1).eq(rateValue(set.tiers[tierAt(set, n + 1)!]!.rate!).times(base))).toBe(true);
      }),
    );
  });
});
