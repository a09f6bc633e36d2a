import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from './money.ts';
import { priceUsage } from './usage.ts';

describe('priceUsage', () => {
  it('charges the usage beyond the included units, at least the minimum', () => {
    const rule = { unitAmount: '0.35', includedUnits: 100, minimumCharge: 500 };
    expect(priceUsage(rule, new Dec('50'))).toMatchObject({ minimumApplied: true });
    expect(priceUsage(rule, new Dec('50')).amount.toString()).toBe('500');
    expect(priceUsage(rule, new Dec('2100')).amount.toString()).toBe('700');
    expect(priceUsage(rule, new Dec('2100')).billableUnits.toString()).toBe('2000');
    expect(priceUsage({ unitAmount: '12.5' }, new Dec('123.456')).amount.toString()).toBe('1543.2');
  });

  it('never decreases as usage grows and never goes below the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 7 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5000 }),
        (milli, more, minimum, included) => {
          const rule = { unitAmount: '1.25', minimumCharge: minimum, includedUnits: included };
          const a = priceUsage(rule, new Dec(milli).div(1000));
          const b = priceUsage(rule, new Dec(milli + more).div(1000));
          expect(b.amount.gte(a.amount)).toBe(true);
          expect(a.amount.gte(minimum)).toBe(true);
        },
      ),
    );
  });
});
