import { describe, expect, it } from 'vitest';
import { schemeFromCatalog } from './catalog-scheme.ts';
import { computeCommissions } from './compute.ts';
import { MONDIAL_TV_SCHEME } from './examples.ts';
import { validateScheme } from './scheme.ts';

describe('schemeFromCatalog', () => {
  it('reads the demo catalog’s Mondial TV scheme as the engine’s (tiers [0,100) [100,500) [500,∞) in percent)', () => {
    const scheme = schemeFromCatalog(
      { appliesTo: 'both', settlement: 'recurring', split: { commercial: '1' } },
      [
        { basis: 'volume', min: '100.0000', max: '500.0000', valueType: 'percent', value: '12.0000' },
        { basis: 'volume', min: '0.0000', max: '100.0000', valueType: 'percent', value: '10.0000' },
        { basis: 'volume', min: '500.0000', max: null, valueType: 'percent', value: '15.0000' },
      ],
      { sku: 'MTV-OFFRE-001', revenueModel: 'revenue', currency: 'EUR' },
      { due: { kind: 'day_of_month', day: 15, monthsAfter: 1 }, tierScope: 'salesperson' },
    );
    validateScheme(scheme);
    const sales = Array.from({ length: 100 }, (_, i) => ({ id: `S${i}`, at: '2025-09-01', amount: 825, salesperson: 'bob' }));
    const input = { company: { timeZone: 'Europe/Paris', currency: 'EUR' as const }, sales, until: '2025-09-30' };
    expect(computeCommissions({ ...input, scheme }).lines.map((l) => [l.amount, l.tier, l.dueDate])).toEqual(
      computeCommissions({ ...input, scheme: MONDIAL_TV_SCHEME }).lines.map((l) => [l.amount, l.tier, l.dueDate]),
    );
  });

  it('converts amounts to cents, merges aliases, refuses gaps and mixed bases', () => {
    const product = { sku: 'X', revenueModel: 'mixed' as const, currency: 'EUR' as const };
    const scheme = schemeFromCatalog({ appliesTo: 'new', settlement: 'upfront', split: { company: 0.6, commercial: 0.3, manager: 0.1 } }, [{ basis: 'revenue', min: '0', max: null, valueType: 'percent', value: '12.5' }], product);
    expect(scheme.split).toEqual({ company: '0.6', salesperson: '0.3', manager: '0.1' });
    expect(scheme.tiers!.tiers).toEqual([{ from: 0, rate: { decimal: '0.125' } }]);
    expect(schemeFromCatalog({ appliesTo: 'both', settlement: 'upfront', split: { company: '1' } }, [{ basis: 'volume', min: '0', max: null, valueType: 'amount', value: '30' }], product).tiers!.tiers).toEqual([
      { from: 0, amount: 3_000 },
    ]);
    expect(() =>
      schemeFromCatalog({ appliesTo: 'both', settlement: 'upfront', split: { company: '1' } }, [
        { basis: 'volume', min: '0', max: '10', valueType: 'percent', value: '1' },
        { basis: 'volume', min: '20', max: null, valueType: 'percent', value: '2' },
      ], product),
    ).toThrow(/sans trou/);
    expect(() =>
      schemeFromCatalog({ appliesTo: 'both', settlement: 'upfront', split: { company: '1' } }, [
        { basis: 'volume', min: '0', max: '10', valueType: 'percent', value: '1' },
        { basis: 'revenue', min: '10', max: null, valueType: 'percent', value: '2' },
      ], product),
    ).toThrow(/même base/);
    expect(() => schemeFromCatalog({ appliesTo: 'both', settlement: 'upfront', split: { vendeur: '1' } }, [], product)).toThrow(/vendeur/);
  });
});
