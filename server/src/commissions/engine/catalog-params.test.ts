import { describe, expect, it } from 'vitest';
import { optionsFromCatalogParams, schemeFromCatalog } from './catalog-scheme.ts';
import { computeCommissions } from './index.ts';

// The catalog's `params` (tier mode, accrual, renewal rate, clawback, bounds, due day) reach the engine's scheme.
const row = { appliesTo: 'both', settlement: 'upfront', split: { company: '0.3', commercial: '0.7' } };
const tiers = [
  { basis: 'volume', min: '0', max: '10', valueType: 'percent', value: '10' },
  { basis: 'volume', min: '10', max: null, valueType: 'percent', value: '15' },
];
const product = { sku: 'AP-TEST', revenueModel: 'commission' as const, currency: 'EUR' as const };

describe('optionsFromCatalogParams', () => {
  it('is empty for no params: the engine defaults (all units, post-compté, on the event) stay', () => {
    expect(optionsFromCatalogParams({})).toEqual({});
    expect(optionsFromCatalogParams(null)).toEqual({});
    const scheme = schemeFromCatalog(row, tiers, product, optionsFromCatalogParams({}));
    expect(scheme).toMatchObject({ accrual: 'postcompte', tiers: { mode: 'all_units' } });
    expect(scheme.due).toBeUndefined();
  });

  it('maps every parameter, the renewal percent as an exact decimal', () => {
    const options = optionsFromCatalogParams({ tierMode: 'graduated', accrual: 'precompte', renewalAccrual: 'postcompte', renewalRate: '2.5', clawback: { months: 12, rule: 'pro_rata' }, perLine: { min: 100, max: 50_000 }, due: { day: 15, monthsAfter: 1 } });
    const scheme = schemeFromCatalog(row, tiers, product, options);
    expect(scheme).toMatchObject({
      accrual: 'precompte',
      renewalAccrual: 'postcompte',
      renewalRate: { decimal: '0.025' },
      clawback: { months: 12, rule: 'pro_rata' },
      perLine: { min: 100, max: 50_000 },
      due: { kind: 'day_of_month', day: 15, monthsAfter: 1 },
      tiers: { mode: 'graduated', basis: 'volume' },
      split: { company: '0.3', salesperson: '0.7' },
    });
    expect(optionsFromCatalogParams({ perLine: {} })).toEqual({});
  });

  it('changes what a sale earns: due the 15th of the next month, précomptée, capped per line', () => {
    const scheme = schemeFromCatalog(row, tiers, product, optionsFromCatalogParams({ accrual: 'precompte', perLine: { max: 5_000 }, due: { day: 15, monthsAfter: 1 } }));
    const { lines } = computeCommissions({ company: { name: 'Action Prévoyance', timeZone: 'Europe/Paris', currency: 'EUR' }, scheme, sales: [{ id: 'S1', at: '2025-09-03', amount: 100_000 }], until: '2025-12-31' });
    const commissions = lines.filter((l) => l.kind === 'commission');
    expect(commissions.map((l) => [l.role, l.amount, l.status, l.dueDate])).toEqual([
      ['company', 1_500, 'precomptee', '2025-10-15'],
      ['salesperson', 3_500, 'precomptee', '2025-10-15'],
    ]);
  });
});
