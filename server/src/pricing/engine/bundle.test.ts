import { describe, expect, it } from 'vitest';
import { resolveComponents } from './bundle.ts';
import type { PricedProduct, QuoteResult } from './contract.ts';
import { MECAFORMATION_COACHING, MONDIAL_TV, WIN_WIN } from './fixtures.ts';
import { quote } from './quote.ts';
import { monthly } from './recurrence.ts';
import type { BundleRule } from './rules.ts';

const DATE = '2026-03-01';
const PACK: BundleRule = {
  type: 'bundle',
  taxMode: 'incl',
  taxCategory: 'standard',
  recurrence: monthly(),
  components: [
    { ref: 'MTV-OFFRE-001:BASIC', quantity: 1 },
    { ref: 'MECA-COACHING:PRIMO', quantity: 1, label: 'Coaching' },
  ],
  discount: { percentBp: 1000 },
};
const PACK_PRODUCT: PricedProduct = { sku: 'PACK-DEMO', name: 'Pack démo', versionNumber: 1, currency: 'EUR', country: 'FR', plans: [{ code: 'PACK', name: 'Pack', rule: PACK }] };

const products: Record<string, PricedProduct> = { 'MTV-OFFRE-001': MONDIAL_TV, 'MECA-COACHING': MECAFORMATION_COACHING, 'WW-MANDAT-GESTION': WIN_WIN };
function resolver(calls: [string, number][]) {
  return (ref: string, quantity: number): QuoteResult => {
    calls.push([ref, quantity]);
    const [sku = '', planCode] = ref.split(':');
    return quote({ product: products[sku] as PricedProduct, ...(planCode ? { planCode } : {}), quantity, date: DATE, attributes: { client_type: 'particulier', age: 30 } });
  };
}

describe('bundles', () => {
  it('keeps each component’s lines and tax rate', () => {
    const calls: [string, number][] = [];
    const { lines, steps } = resolveComponents(PACK, { resolveBundleComponent: resolver(calls) }, 2, 'EUR');
    expect(calls).toEqual([
      ['MTV-OFFRE-001:BASIC', 2],
      ['MECA-COACHING:PRIMO', 2],
    ]);
    expect(lines.map((l) => [l.kind, l.code, l.incl, l.rateBp])).toEqual([
      ['component', 'MTV-OFFRE-001:BASIC', 1980, 2000],
      ['component', 'MECA-COACHING:PRIMO', 178_000, 0],
    ]);
    expect(lines[1]?.description).toBe('Coaching : Coaching MécaFormation – Coaching Primo-Arrivants');
    expect(steps).toHaveLength(2);
  });

  it('takes the pack discount off each tax rate', () => {
    const result = quote({ product: PACK_PRODUCT, date: DATE, resolveBundleComponent: resolver([]) });
    expect(result.lines.map((l) => [l.kind, l.amount_incl_tax, l.tax_rate_bp])).toEqual([
      ['component', 990, 2000],
      ['component', 89_000, 0],
      ['bundle_discount', -99, 2000],
      ['bundle_discount', -8900, 0],
    ]);
    expect(result.total_incl_tax).toBe(990 + 89_000 - 99 - 8900);
    expect(result.total_excl_tax + result.total_tax).toBe(result.total_incl_tax);
    expect(result.tax_summary.map((t) => [t.tax_rate_bp, t.amount_incl_tax])).toEqual([
      [2000, 891],
      [0, 80_100],
    ]);
  });

  it('accepts pre-resolved components', () => {
    const mtv = quote({ product: MONDIAL_TV, planCode: 'BASIC', date: DATE });
    const meca = quote({ product: MECAFORMATION_COACHING, planCode: 'PRIMO', date: DATE });
    const result = quote({ product: PACK_PRODUCT, date: DATE, bundleComponents: { 'MTV-OFFRE-001:BASIC': mtv, 'MECA-COACHING:PRIMO': meca } });
    expect(result.total_incl_tax).toBe(89_990 - 99 - 8900);
  });

  it('refuses missing, foreign-currency or inconsistent components', () => {
    expect(() => quote({ product: PACK_PRODUCT, date: DATE })).toThrow(
      expect.objectContaining({ field: 'bundleComponents.MTV-OFFRE-001:BASIC', code: 'missing_component' }),
    );
    const chf = quote({ product: WIN_WIN, date: DATE, attributes: { client_type: 'particulier', age: 30 } });
    const mtv = quote({ product: MONDIAL_TV, planCode: 'BASIC', date: DATE });
    expect(() => quote({ product: PACK_PRODUCT, date: DATE, bundleComponents: { 'MTV-OFFRE-001:BASIC': chf } })).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
    expect(() => quote({ product: PACK_PRODUCT, date: DATE, bundleComponents: { 'MTV-OFFRE-001:BASIC': { ...mtv, total_incl_tax: 1 } } })).toThrow(
      expect.objectContaining({ field: 'bundleComponents.MTV-OFFRE-001:BASIC' }),
    );
  });
});
