import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricedProduct, QuoteInput, QuoteResult } from './contract.ts';
import { PricingError } from './errors.ts';
import { MONDIAL_TV, WIN_WIN } from './fixtures.ts';
import { quote } from './quote.ts';
import { monthly, ONE_TIME, type Recurrence, yearly } from './recurrence.ts';
import type { PriceOption, PricingRule, Promotion, Tier } from './rules.ts';
import type { TaxCategory, TaxMode } from './tax.ts';

const DATE = '2026-03-01';

function product(rule: PricingRule, extra: Partial<PricedProduct['plans'][number]> = {}, country: 'FR' | 'CH' = 'FR'): PricedProduct {
  return {
    sku: 'TEST-001',
    name: 'Produit test',
    versionNumber: 3,
    currency: country === 'FR' ? 'EUR' : 'CHF',
    country,
    plans: [{ code: 'P', name: 'Formule', rule, ...extra }],
  };
}

function fieldOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (error instanceof PricingError) return error.field;
    throw error;
  }
  return null;
}

function expectBalanced(result: QuoteResult): void {
  for (const line of result.lines) {
    expect(line.amount_excl_tax + line.tax_amount).toBe(line.amount_incl_tax);
    for (const v of [line.amount_excl_tax, line.tax_amount, line.amount_incl_tax, line.unit_amount]) expect(Number.isSafeInteger(v)).toBe(true);
  }
  expect(result.total_excl_tax + result.total_tax).toBe(result.total_incl_tax);
  expect(result.lines.reduce((a, l) => a + l.amount_excl_tax, 0)).toBe(result.total_excl_tax);
  expect(result.lines.reduce((a, l) => a + l.tax_amount, 0)).toBe(result.total_tax);
  expect(result.lines.reduce((a, l) => a + l.amount_incl_tax, 0)).toBe(result.total_incl_tax);
  expect(result.tax_summary.reduce((a, t) => a + t.amount_incl_tax, 0)).toBe(result.total_incl_tax);
}

const fixed = (amount: number, more: Partial<Extract<PricingRule, { type: 'fixed' }>> = {}): PricingRule => ({
  type: 'fixed',
  amount,
  taxMode: 'incl',
  taxCategory: 'standard',
  recurrence: monthly(),
  ...more,
});

describe('quote: input', () => {
  it('uses the only plan by default and asks which one when there are several', () => {
    expect(quote({ product: product(fixed(990)), date: DATE }).plan).toEqual({ code: 'P', name: 'Formule' });
    let error: unknown;
    try {
      quote({ product: MONDIAL_TV, date: DATE });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ field: 'planCode', code: 'unknown_plan' });
    expect((error as Error).message).toContain('BASIC (Essentiel), CONFORT (Confort), PREMIUM (Premium)');
    expect(() => quote({ product: MONDIAL_TV, planCode: 'GOLD', date: DATE })).toThrow(/GOLD/);
  });

  it('refuses quantities that are not integers from 1', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, 1_000_001]) {
      expect(fieldOf(() => quote({ product: product(fixed(990)), date: DATE, quantity })), String(quantity)).toBe('quantity');
    }
  });

  it('refuses bad dates, products and rules with the field at fault', () => {
    expect(fieldOf(() => quote({ product: product(fixed(990)), date: '2026-02-30' }))).toBe('date');
    expect(fieldOf(() => quote({ product: { ...product(fixed(990)), currency: 'USD' as 'EUR' }, date: DATE }))).toBe('product.currency');
    expect(fieldOf(() => quote({ product: { ...product(fixed(990)), plans: [] }, date: DATE }))).toBe('product.plans');
    const badTiers = { type: 'tiered', mode: 'volume', tiers: [{ upTo: 10, unitAmount: '1' }, { upTo: 5, unitAmount: '1' }, { upTo: null, unitAmount: '1' }], taxMode: 'incl', taxCategory: 'standard', recurrence: ONE_TIME } as PricingRule;
    expect(fieldOf(() => quote({ product: product(badTiers), date: DATE }))).toBe('product.plans[0].rule.tiers[1].upTo');
    expect(fieldOf(() => quote({ product: product(fixed(990, { taxCategory: 'accommodation' })), date: DATE }))).toBe('product.plans[0].rule.taxCategory');
    expect(fieldOf(() => quote({ product: product(fixed(990)), date: DATE, promotions: [{ percentBp: 20_000 }] }))).toBe('promotions[0].percentBp');
    expect(fieldOf(() => quote({ product: WIN_WIN, date: DATE, attributes: { client_type: 'particulier' } }))).toBe('attributes.age');
  });

  it('refuses a quantity on usage prices', () => {
    const usage: PricingRule = { type: 'usage', unitAmount: '1', taxMode: 'excl', taxCategory: 'standard', recurrence: monthly() };
    expect(fieldOf(() => quote({ product: product(usage), date: DATE, usage: '3', quantity: 2 }))).toBe('quantity');
    expect(quote({ product: product(usage), date: DATE, usage: '3' }).total_excl_tax).toBe(3);
  });

  it('uses the VAT rates of the quote date', () => {
    const swiss = product(fixed(10_000, { taxMode: 'excl' }), {}, 'CH');
    expect(quote({ product: swiss, date: '2023-12-31' }).total_tax).toBe(770);
    expect(quote({ product: swiss, date: '2024-01-01' }).total_tax).toBe(810);
  });
});

describe('quote: options, surcharges and promotions', () => {
  const options: PriceOption[] = [
    { code: 'HD', label: 'Option HD', amount: 300 },
    { code: 'SPORT', label: 'Pack Sport', percentBp: 5000 },
    { code: 'GUIDE', label: 'Guide papier', amount: 550, taxCategory: 'super_reduced', recurrence: ONE_TIME },
  ];
  const surcharges: PriceOption[] = [{ code: 'FRAIS', label: 'Frais de mise en service', amount: 1000, recurrence: ONE_TIME }];
  const tv = product(fixed(990), { options, surcharges });

  it('adds the options picked, then the surcharges, each on its own line', () => {
    const result = quote({ product: tv, date: DATE, quantity: 2, options: ['GUIDE', 'HD'] });
    expect(result.lines.map((l) => [l.kind, l.code, l.unit_amount, l.quantity, l.amount_incl_tax, l.tax_rate_bp, l.recurrence])).toEqual([
      ['base', 'P', 990, 2, 1980, 2000, 'monthly'],
      ['option', 'HD', 300, 2, 600, 2000, 'monthly'],
      ['option', 'GUIDE', 550, 2, 1100, 210, 'one_time'],
      ['surcharge', 'FRAIS', 1000, 2, 2000, 2000, 'one_time'],
    ]);
    expectBalanced(result);
    expect(result.breakdown.find((s) => s.step === 'option')?.detail).toBe('Option HD : 3,00 € × 2 → +6,00 € / mois');
  });

  it('prices percentage options on the base line', () => {
    const result = quote({ product: tv, date: DATE, options: ['SPORT'] });
    expect(result.lines[1]).toMatchObject({ kind: 'option', unit_amount: 495, quantity: 1, amount_incl_tax: 495 });
  });

  it('refuses an option the plan does not have', () => {
    expect(fieldOf(() => quote({ product: tv, date: DATE, options: ['4K'] }))).toBe('options');
  });

  it('adds one negative line per promotion, taxed at the same rate', () => {
    const promotions: Promotion[] = [
      { label: 'Offre de printemps', percentBp: 1000, validFrom: '2026-03-01', validTo: '2026-03-31' },
      { code: 'FIDELE', amount: 200 },
    ];
    const result = quote({ product: product(fixed(2990)), date: DATE, promotions, promotionCode: 'fidele' });
    expect(result.lines.map((l) => [l.kind, l.description, l.amount_excl_tax, l.tax_amount, l.amount_incl_tax])).toEqual([
      ['base', 'Produit test – Formule', 2492, 498, 2990],
      ['promotion', 'Offre de printemps (-10 %)', -249, -50, -299],
      ['promotion', 'Code promo FIDELE (-2,00 €)', -167, -33, -200],
    ]);
    expect(result.total_incl_tax).toBe(2491);
    expectBalanced(result);
  });

  it('never lets a promotion take more than what is left', () => {
    const result = quote({ product: product(fixed(990)), date: DATE, promotions: [{ amount: 600 }, { amount: 600 }, { percentBp: 10_000 }] });
    expect(result.lines.map((l) => l.amount_incl_tax)).toEqual([990, -600, -390]);
    expect([result.total_excl_tax, result.total_tax, result.total_incl_tax]).toEqual([0, 0, 0]);
    expect(result.breakdown.filter((s) => s.step === 'promotion').map((s) => s.detail)).toEqual([
      'Promotion (-6,00 €) : -6,00 €',
      'Promotion (-6,00 €) : -3,90 € (plafonnée au montant restant)',
      'Promotion (-100 %) : rien à déduire',
    ]);
  });

  it('refuses a promotion code that does not apply', () => {
    expect(fieldOf(() => quote({ product: product(fixed(990)), date: DATE, promotionCode: 'NOEL' }))).toBe('promotionCode');
  });
});

// ——— properties ———

const rateCategory = fc.constantFrom<[TaxCategory, 'FR-293B' | undefined]>(
  ['standard', undefined],
  ['intermediate', undefined],
  ['reduced', undefined],
  ['super_reduced', undefined],
  ['exempt', 'FR-293B'],
);
const recurrence = fc.constantFrom<Recurrence>(ONE_TIME, monthly(), yearly(), monthly(3), { kind: 'recurring', every: 2, unit: 'week' });
const taxMode = fc.constantFrom<TaxMode>('incl', 'excl');
const tiers = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 2 }), fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined })), {
    minLength: 1,
    maxLength: 5,
  })
  .map((specs) => {
    let bound = 0;
    return specs.map(([width, cents, scale, flat], i): Tier => {
      bound += width;
      const unitAmount = scale === 0 ? String(cents) : `${Math.floor(cents / 10 ** scale)}.${String(cents % 10 ** scale).padStart(scale, '0')}`;
      return { upTo: i === specs.length - 1 ? null : bound, unitAmount, ...(flat === undefined ? {} : { flatAmount: flat }) };
    });
  });
const common = fc.record({ taxMode, tax: rateCategory, recurrence });
const rule: fc.Arbitrary<PricingRule> = fc.oneof(
  fc.tuple(common, fc.integer({ min: 0, max: 10_000_000 })).map(([c, amount]): PricingRule => ({
    type: 'fixed',
    amount,
    taxMode: c.taxMode,
    taxCategory: c.tax[0],
    ...(c.tax[1] ? { exemptionCode: c.tax[1] } : {}),
    recurrence: c.recurrence,
  })),
  fc.tuple(common, fc.constantFrom<'graduated' | 'volume'>('graduated', 'volume'), tiers).map(([c, mode, t]): PricingRule => ({
    type: 'tiered',
    mode,
    tiers: t,
    taxMode: c.taxMode,
    taxCategory: c.tax[0],
    ...(c.tax[1] ? { exemptionCode: c.tax[1] } : {}),
    recurrence: c.recurrence,
  })),
);
const option = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 20_000 }), fc.option(rateCategory, { nil: undefined }))
  .map(([fixedAmount, amount, bp, tax]) => ({ fixedAmount, amount, bp, tax }));
const promotion: fc.Arbitrary<Promotion> = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((percentBp) => ({ percentBp })),
  fc.integer({ min: 0, max: 20_000_000 }).map((amount) => ({ amount })),
);
const scenario = fc
  .record({
    rule,
    options: fc.array(option, { maxLength: 3 }),
    surcharges: fc.array(option, { maxLength: 2 }),
    promotions: fc.array(promotion, { maxLength: 4 }),
    quantity: fc.integer({ min: 1, max: 60 }),
  })
  .map((s): QuoteInput => {
    const toOption = (prefix: string) => (o: (typeof s.options)[number], i: number): PriceOption => ({
      code: `${prefix}${i}`,
      label: `${prefix} ${i}`,
      ...(o.fixedAmount ? { amount: o.amount } : { percentBp: o.bp }),
      ...(o.tax ? { taxCategory: o.tax[0], ...(o.tax[1] ? { exemptionCode: o.tax[1] } : {}) } : {}),
    });
    const options = s.options.map(toOption('O'));
    return {
      product: product(s.rule, { options, surcharges: s.surcharges.map(toOption('S')) }),
      date: DATE,
      quantity: s.quantity,
      options: options.map((o) => o.code),
      promotions: s.promotions,
    };
  });

describe('quote: properties', () => {
  it('balances HT + TVA = TTC on every line and on the totals', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expectBalanced(quote(input));
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(quote(structuredClone(input))).toEqual(quote(input));
      }),
      { numRuns: 150 },
    );
  });

  it('never lets promotions make a total negative', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = quote(input);
        expect(result.total_excl_tax).toBeGreaterThanOrEqual(0);
        expect(result.total_tax).toBeGreaterThanOrEqual(0);
        expect(result.total_incl_tax).toBeGreaterThanOrEqual(0);
        const before = quote({ ...input, promotions: [] });
        expect(result.total_incl_tax).toBeLessThanOrEqual(before.total_incl_tax);
      }),
      { numRuns: 400 },
    );
  });

  const tieredProduct = (mode: 'graduated' | 'volume', t: Tier[], m: TaxMode) =>
    product({ type: 'tiered', mode, tiers: t, taxMode: m, taxCategory: 'standard', recurrence: monthly() });

  it('graduated tiers: the total never decreases as the quantity grows', () => {
    fc.assert(
      fc.property(tiers, taxMode, fc.integer({ min: 1, max: 200 }), (t, m, q) => {
        const p = tieredProduct('graduated', t, m);
        const here = quote({ product: p, date: DATE, quantity: q });
        const next = quote({ product: p, date: DATE, quantity: q + 1 });
        expect(next.total_incl_tax).toBeGreaterThanOrEqual(here.total_incl_tax);
        expect(next.total_excl_tax).toBeGreaterThanOrEqual(here.total_excl_tax);
      }),
      { numRuns: 400 },
    );
  });

  it('volume tiers: the total never decreases within a tier (it may drop when crossing into a cheaper tier)', () => {
    fc.assert(
      fc.property(tiers, taxMode, fc.integer({ min: 1, max: 200 }), (t, m, q) => {
        const tierOf = (n: number) => t.findIndex((tier) => tier.upTo === null || n <= tier.upTo);
        fc.pre(tierOf(q) === tierOf(q + 1));
        const p = tieredProduct('volume', t, m);
        expect(quote({ product: p, date: DATE, quantity: q + 1 }).total_incl_tax).toBeGreaterThanOrEqual(quote({ product: p, date: DATE, quantity: q }).total_incl_tax);
      }),
      { numRuns: 400 },
    );
    // The boundary case, stated: 10 units at 10.00 € cost more than 11 units at 8.00 €.
    const p = tieredProduct('volume', [{ upTo: 10, unitAmount: '1000' }, { upTo: null, unitAmount: '800' }], 'incl');
    expect(quote({ product: p, date: DATE, quantity: 10 }).total_incl_tax).toBe(10_000);
    expect(quote({ product: p, date: DATE, quantity: 11 }).total_incl_tax).toBe(8800);
  });
});

const PACK: PricedProduct = product({
  type: 'bundle',
  components: [{ ref: 'MTV-OFFRE-001:BASIC', quantity: 1 }],
  discount: { amount: 100 },
  taxMode: 'incl',
  taxCategory: 'standard',
  recurrence: monthly(),
});

describe('quote: hostile input', () => {
  it('answers with a result or a PricingError, never anything else', () => {
    const junk = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY));
    const input = fc.record(
      {
        planCode: junk,
        quantity: fc.oneof(junk, fc.integer({ min: -5, max: 5 })),
        usage: junk,
        attributes: fc.oneof(
          junk,
          fc.dictionary(fc.constantFrom('client_type', 'age', 'birth_date', 'employees', 'free', '__proto__', 'constructor'), junk),
          fc.record({
            client_type: fc.constantFrom('particulier', 'entreprise', 'PARTICULIER', 'x'),
            age: fc.oneof(junk, fc.integer({ min: -5, max: 140 })),
            employees: fc.oneof(junk, fc.integer({ min: -5, max: 200_000 })),
          }),
        ),
        date: fc.oneof(junk, fc.constantFrom('2026-03-01', '2023-12-31', '1999-01-01')),
        channel: junk,
        promotionCode: junk,
        customerId: junk,
        options: junk,
        indices: junk,
        promotions: junk,
        negotiatedPrices: junk,
        bundleComponents: fc.oneof(
          junk,
          fc.dictionary(fc.constantFrom('MTV-OFFRE-001:BASIC', 'OTHER'), junk),
          fc.constant({ 'MTV-OFFRE-001:BASIC': quote({ product: MONDIAL_TV, planCode: 'BASIC', date: DATE }) }),
        ),
        resolveBundleComponent: junk,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, fc.constantFrom(WIN_WIN, MONDIAL_TV, PACK), (rest, p) => {
        try {
          const result = quote({ ...(rest as unknown as QuoteInput), product: p });
          expectBalanced(result);
        } catch (error) {
          if (!(error instanceof PricingError)) throw error;
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('never calls an input value’s own toString or valueOf', () => {
    const evil = {
      toString() {
        throw new Error('toString called');
      },
      valueOf() {
        throw new Error('valueOf called');
      },
    };
    const fields = ['planCode', 'quantity', 'usage', 'date', 'channel', 'promotionCode', 'customerId', 'options', 'indices', 'promotions', 'negotiatedPrices', 'attributes', 'bundleComponents'];
    for (const field of fields) {
      for (const p of [WIN_WIN, MONDIAL_TV, PACK]) {
        const input = { product: p, planCode: p === MONDIAL_TV ? 'BASIC' : undefined, date: DATE, attributes: { client_type: 'particulier', age: 30 }, [field]: evil };
        try {
          quote(input as unknown as QuoteInput); // an unused field may be ignored…
        } catch (error) {
          expect(error, `${field} on ${p.sku}`).toBeInstanceOf(PricingError); // …a used one is refused, never called
        }
      }
    }
    for (const attribute of ['client_type', 'age', 'birth_date', 'employees', 'free']) {
      expect(() => quote({ product: WIN_WIN, date: DATE, attributes: { client_type: 'entreprise', employees: 3, [attribute]: evil as unknown as string } }), attribute).toThrow(PricingError);
    }
  });
});
