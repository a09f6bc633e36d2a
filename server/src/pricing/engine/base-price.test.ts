import { describe, expect, it } from 'vitest';
import { type BaseContext, priceBase } from './base-price.ts';
import type { PricedProduct, QuoteInput } from './contract.ts';
import { monthly } from './recurrence.ts';
import type { PricingRule } from './rules.ts';
import { resolveTax } from './tax.ts';

const DATE = '2026-03-01';

function context(rule: PricingRule, input: Partial<QuoteInput> = {}, quantity = 1): BaseContext {
  const product: PricedProduct = { sku: 'SKU', name: 'Produit', versionNumber: 1, currency: 'EUR', country: 'FR', plans: [{ code: 'P', name: 'Formule', rule }] };
  return {
    product,
    plan: product.plans[0] as PricedProduct['plans'][number],
    rulePath: 'product.plans[0].rule',
    quantity,
    input: { product, date: DATE, ...input },
    tax: resolveTax('FR', 'standard'),
  };
}
const common = { taxMode: 'excl', taxCategory: 'standard', recurrence: monthly() } as const;

describe('priceBase', () => {
  it('prices a fixed amount times the quantity', () => {
    const base = priceBase(context({ ...common, type: 'fixed', amount: 1250 }, {}, 3));
    expect(base.baseAmount).toBe(3750);
    expect(base.lines[0]).toMatchObject({ kind: 'base', description: 'Produit – Formule', unitAmount: 1250, quantity: 3, excl: 3750, tax: 750, incl: 4500 });
    expect(base.steps.map((s) => s.detail)).toEqual(['Prix : 12,50 € / mois', 'Quantité : 3 × 12,50 € = 37,50 €']);
  });

  it('rounds a tiered total once and explains each tier', () => {
    const rule: PricingRule = { ...common, type: 'tiered', mode: 'graduated', tiers: [{ upTo: 2, unitAmount: '100.5' }, { upTo: null, unitAmount: '50.25', flatAmount: 100 }] };
    const base = priceBase(context(rule, {}, 3));
    // 2 × 1.005 + 1.00 + 1 × 0.5025 = 3.5125 € → 3.51 €
    expect(base.baseAmount).toBe(351);
    expect(base.lines[0]).toMatchObject({ unitAmount: 117, quantity: 3, excl: 351 });
    expect(base.steps.filter((s) => s.step === 'tier')).toHaveLength(2);
    expect(base.steps[1]?.detail).toContain('+ forfait 1,00 €');
  });

  it('prices usage with its minimum', () => {
    const rule: PricingRule = { ...common, type: 'usage', unitAmount: '12.5', minimumCharge: 1000, unit: 'kWh' };
    expect(priceBase(context(rule, { usage: '123.456' })).baseAmount).toBe(1543);
    const low = priceBase(context(rule, { usage: '2' }));
    expect(low.baseAmount).toBe(1000);
    expect(low.steps.some((s) => s.detail.startsWith('Minimum de facturation'))).toBe(true);
    expect(low.lines[0]).toMatchObject({ quantity: 1, usage: '2', description: 'Produit – Formule (2 kWh)' });
    expect(() => priceBase(context(rule))).toThrow(expect.objectContaining({ field: 'usage' }));
    expect(() => priceBase(context(rule, { usage: '-1' }))).toThrow(expect.objectContaining({ field: 'usage' }));
  });

  it('prices an indexed formula, rounded to the cent', () => {
    const rule: PricingRule = { ...common, type: 'indexed', formula: 'base * index / 100', variables: { base: '999' }, index: 'cpi' };
    const base = priceBase(context(rule, { indices: { cpi: '101.5' } }, 2));
    expect(base.lines[0]).toMatchObject({ unitAmount: 1014, quantity: 2, excl: 2028 }); // 1013.985 → 1014
    expect(() => priceBase(context(rule))).toThrow(expect.objectContaining({ field: 'indices.cpi', code: 'missing_index' }));
  });

  it('lets a negotiated price replace the unit amount, except for usage and bundles', () => {
    const negotiatedPrices = [{ customerId: 'C-1', amount: 800 }];
    const fixed = priceBase(context({ ...common, type: 'fixed', amount: 990 }, { customerId: 'C-1', negotiatedPrices }, 2));
    expect(fixed.lines[0]).toMatchObject({ unitAmount: 800, excl: 1600, description: 'Produit – Formule – prix négocié' });
    expect(fixed.steps[0]?.detail).toBe('Prix négocié pour le client C-1 : 8,00 € / mois au lieu de 9,90 €');
    const usage = priceBase(context({ ...common, type: 'usage', unitAmount: '10' }, { customerId: 'C-1', negotiatedPrices, usage: '5' }));
    expect(usage.baseAmount).toBe(50);
    expect(usage.steps.at(-1)?.step).toBe('negotiated');
  });
});
