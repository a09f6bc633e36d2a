import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { monthly, yearly } from './recurrence.ts';
import { type PricingRule, throwFirstIssue, validateNegotiatedPrice, validateOptions, validatePromotion, validateRule } from './rules.ts';

const common = { taxMode: 'incl', taxCategory: 'standard', recurrence: monthly() } as const;
const paths = (rule: unknown) => validateRule(rule).map((i) => i.path);

describe('validateRule', () => {
  it('accepts a well-formed rule of every type', () => {
    const rules: PricingRule[] = [
      { ...common, type: 'fixed', amount: 990 },
      { ...common, type: 'tiered', mode: 'graduated', tiers: [{ upTo: 10, unitAmount: '100' }, { upTo: null, unitAmount: '12.5', flatAmount: 0 }] },
      { ...common, type: 'usage', unitAmount: '0.35', minimumCharge: 500, includedUnits: 100, unit: 'kWh' },
      { ...common, type: 'indexed', formula: 'round(base * INDEX_SYNTEC / ref, 0)', variables: { base: '10000', ref: '282.6' }, index: 'INDEX_SYNTEC' },
      { ...common, type: 'grid', rows: [{ when: [{ attribute: 'age', op: 'between', min: 18 }], amount: 100, label: 'majeur' }, { when: [], amount: 0, label: 'autre' }] },
      { ...common, type: 'bundle', components: [{ ref: 'A', quantity: 1 }, { ref: 'B', quantity: 2 }], discount: { percentBp: 1000 } },
      { ...common, type: 'fixed', amount: 89_000, taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: yearly() },
    ];
    for (const rule of rules) expect(validateRule(rule), rule.type).toEqual([]);
  });

  it('names what is wrong in common fields', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths({ ...common, type: 'magic' })).toEqual(['type']);
    expect(paths({ ...common, type: 'fixed', amount: 9.9 })).toEqual(['amount']);
    expect(paths({ ...common, type: 'fixed', amount: -1 })).toEqual(['amount']);
    expect(paths({ ...common, type: 'fixed', amount: 1, taxMode: 'ttc' })).toEqual(['taxMode']);
    expect(paths({ ...common, type: 'fixed', amount: 1, taxCategory: 'exempt' })).toEqual(['exemptionCode']);
    expect(paths({ ...common, type: 'fixed', amount: 1, exemptionCode: 'CH-21' })).toEqual(['exemptionCode']);
    expect(paths({ ...common, type: 'fixed', amount: 1, recurrence: { kind: 'recurring', every: 0, unit: 'month' } })).toEqual(['recurrence']);
  });

  it('rejects unsorted tiers and a missing open last tier', () => {
    const tiered = (tiers: unknown) => ({ ...common, type: 'tiered', mode: 'volume', tiers });
    expect(paths(tiered([{ upTo: 10, unitAmount: '1' }, { upTo: 5, unitAmount: '1' }, { upTo: null, unitAmount: '1' }]))).toEqual(['tiers[1].upTo']);
    expect(paths(tiered([{ upTo: 10, unitAmount: '1' }, { upTo: 10, unitAmount: '1' }, { upTo: null, unitAmount: '1' }]))).toEqual(['tiers[1].upTo']);
    expect(paths(tiered([{ upTo: 10, unitAmount: '1' }, { upTo: 20, unitAmount: '1' }]))).toEqual(['tiers[1].upTo']);
    expect(paths(tiered([{ upTo: null, unitAmount: '1' }, { upTo: null, unitAmount: '1' }]))).toEqual(['tiers[0].upTo']);
    expect(paths(tiered([]))).toEqual(['tiers']);
    expect(paths(tiered([{ upTo: null, unitAmount: '-1' }]))).toEqual(['tiers[0].unitAmount']);
    expect(paths(tiered([{ upTo: null, unitAmount: '1', flatAmount: 0.5 }]))).toEqual(['tiers[0].flatAmount']);
    expect(paths({ ...tiered([{ upTo: null, unitAmount: '1' }]), mode: 'stairs' })).toEqual(['mode']);
  });

  it('checks formulas and their variables', () => {
    const indexed = (formula: string, variables: Record<string, string> = { base: '1' }) => ({ ...common, type: 'indexed', formula, variables, index: 'cpi' });
    expect(paths(indexed('base * cpi / index * quantity'))).toEqual([]);
    expect(paths(indexed('base * other'))).toEqual(['formula']);
    expect(validateRule(indexed('base * (cpi'))[0]?.message).toContain('position');
    expect(paths(indexed('base', { base: '1e3' }))).toEqual(['variables.base']);
    expect(paths(indexed('base', { base: '1', quantity: '2' }))).toEqual(['variables.quantity']);
  });

  it('checks grid rows and conditions', () => {
    const grid = (rows: unknown, dimensions?: unknown) => ({ ...common, type: 'grid', rows, ...(dimensions ? { dimensions } : {}) });
    expect(paths(grid([]))).toEqual(['rows']);
    expect(paths(grid([{ when: [{ attribute: 'age', op: 'between' }], amount: 1, label: 'x' }]))).toEqual(['rows[0].when[0]']);
    expect(paths(grid([{ when: [{ attribute: 'age', op: 'between', min: 5, max: 1 }], amount: 1, label: 'x' }]))).toEqual(['rows[0].when[0]']);
    expect(paths(grid([{ when: [{ attribute: 'age', op: 'like' }], amount: 1, label: 'x' }]))).toEqual(['rows[0].when[0].op']);
    expect(paths(grid([{ when: [{ attribute: 'kind', op: 'in', values: [] }], amount: 1, label: '' }]))).toEqual(['rows[0].label', 'rows[0].when[0].values']);
    expect(paths(grid([{ when: [{ attribute: 'age', op: 'is_true' }], amount: 1, label: 'x' }], { free: { type: 'boolean' } }))).toEqual(['rows[0].when[0].attribute']);
  });

  it('checks bundles', () => {
    const bundle = (components: unknown, discount?: unknown) => ({ ...common, type: 'bundle', components, ...(discount ? { discount } : {}) });
    expect(paths(bundle([]))).toEqual(['components']);
    expect(paths(bundle([{ ref: 'A', quantity: 1 }, { ref: 'A', quantity: 1 }]))).toEqual(['components[1].ref']);
    expect(paths(bundle([{ ref: 'A', quantity: 0 }]))).toEqual(['components[0].quantity']);
    expect(paths(bundle([{ ref: 'A', quantity: 1 }], { percentBp: 500, amount: 100 }))).toEqual(['discount']);
    expect(paths(bundle([{ ref: 'A', quantity: 1 }], { percentBp: 10_001 }))).toEqual(['discount.percentBp']);
  });
});

describe('validateOptions, validatePromotion, validateNegotiatedPrice', () => {
  it('checks options and surcharges', () => {
    expect(validateOptions([{ code: 'HD', label: 'HD', amount: 200 }], [{ code: 'FRAIS', label: 'Frais', percentBp: 500 }])).toEqual([]);
    expect(validateOptions([{ code: 'HD', label: 'HD', amount: 200 }], [{ code: 'HD', label: 'x', amount: 1 }]).map((i) => i.path)).toEqual(['surcharges[0].code']);
    expect(validateOptions([{ code: 'HD', label: 'HD' }], undefined).map((i) => i.path)).toEqual(['options[0]']);
    expect(validateOptions([{ code: 'HD', label: 'HD', amount: 1, taxCategory: 'luxury' }], undefined).map((i) => i.path)).toEqual(['options[0].taxCategory']);
  });

  it('checks promotions', () => {
    expect(validatePromotion({ code: 'ETE', percentBp: 1000, validFrom: '2026-06-01', validTo: '2026-08-31', channels: ['web'] })).toEqual([]);
    expect(validatePromotion({ percentBp: 1000, amount: 100 }).map((i) => i.path)).toEqual(['']);
    expect(validatePromotion({ amount: 100, validFrom: '2026-09-01', validTo: '2026-08-31' }).map((i) => i.path)).toEqual(['validTo']);
    expect(validatePromotion({ amount: 100, validFrom: '01/09/2026' }).map((i) => i.path)).toEqual(['validFrom']);
  });

  it('checks negotiated prices', () => {
    expect(validateNegotiatedPrice({ customerId: 'C-1', amount: 800 })).toEqual([]);
    expect(validateNegotiatedPrice({ customerId: '', amount: 8.5 }).map((i) => i.path)).toEqual(['customerId', 'amount']);
  });

  it('throws the first issue with its full path', () => {
    expect(() => throwFirstIssue([{ path: 'tiers[1].upTo', message: 'm' }], 'product.plans[0].rule')).toThrow(
      expect.objectContaining({ field: 'product.plans[0].rule.tiers[1].upTo', code: 'invalid_rule' }),
    );
    expect(() => throwFirstIssue([], 'x')).not.toThrow();
    expect(() => throwFirstIssue([{ path: '', message: 'm' }], 'promotions[0]', 'invalid_input')).toThrow(PricingError);
  });
});
