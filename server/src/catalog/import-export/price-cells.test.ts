import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WIN_WIN_GRID } from '../../pricing/engine/fixtures.ts';
import { monthly, ONE_TIME, yearly } from '../../pricing/engine/recurrence.ts';
import type { PricingRule } from '../../pricing/engine/rules.ts';
import { buildRule, cellsOfRule, type PriceCell, parseMajorToMinorDecimal, readConditions, readDimensions, SEED_INDICES } from './price-cells.ts';

const known = new Set<string>(SEED_INDICES);
const base = { taxMode: 'incl' as const, taxCategory: 'standard' as const, exemptionCode: null, recurrence: monthly() };

const TIERED: PricingRule = {
  type: 'tiered',
  mode: 'graduated',
  taxMode: 'excl',
  taxCategory: 'standard',
  recurrence: monthly(),
  tiers: [
    { upTo: 10, unitAmount: '1000' },
    { upTo: 50, unitAmount: '850', flatAmount: 500 },
    { upTo: null, unitAmount: '12.5' },
  ],
};
const USAGE: PricingRule = { type: 'usage', taxMode: 'incl', taxCategory: 'standard', recurrence: monthly(), unitAmount: '0.35', minimumCharge: 500, includedUnits: 100, unit: 'kWh' };
const INDEXED: PricingRule = { type: 'indexed', taxMode: 'incl', taxCategory: 'standard', recurrence: monthly(), index: 'energy', formula: 'base * energy / 100 + marge', variables: { base: '2990', marge: '-1.5' } };
const BUNDLE: PricingRule = {
  type: 'bundle',
  taxMode: 'incl',
  taxCategory: 'standard',
  recurrence: monthly(),
  components: [
    { ref: 'MTV-OFFRE-001:BASIC', quantity: 1, label: 'Offre TV' },
    { ref: 'DEP-SERVICE-001:INTERVENTION', quantity: 2 },
  ],
  discount: { percentBp: 1250 },
};
const FIXED: PricingRule = { type: 'fixed', taxMode: 'excl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: ONE_TIME, amount: 89_000 };

function toCells(rule: PricingRule, planName = 'Formule'): PriceCell[] {
  return cellsOfRule(rule, planName).map((texts, i) => ({ line: i + 2, texts }));
}
function roundTrip(rule: PricingRule, planName = 'Formule') {
  const { payload, errors } = buildRule(
    rule.type,
    toCells(rule, planName),
    { taxMode: rule.taxMode, taxCategory: rule.taxCategory, exemptionCode: rule.exemptionCode ?? null, recurrence: rule.recurrence },
    { planName, knownIndices: known, ruleLine: 2 },
  );
  expect(errors).toEqual([]);
  return payload;
}

describe('price cells round trip: what the grid export writes reads back to the same payload', () => {
  it.each([
    ['fixed', FIXED],
    ['tiered', TIERED],
    ['usage', USAGE],
    ['indexed', INDEXED],
    ['grid (WIN WIN, CHF, by age and by employees)', WIN_WIN_GRID],
    ['bundle', BUNDLE],
  ])('%s', (_name, rule) => {
    expect(roundTrip(rule)).toEqual(rule);
  });

  it('writes the WIN WIN grid in words a person can read and type', () => {
    const cells = cellsOfRule(WIN_WIN_GRID, 'Mandat');
    expect(cells[0]?.dimensions).toBe('client_type (Type de client) : texte parmi particulier, entreprise | age (Âge) : entier de 0 à 130 | employees (Nombre d’employés) : entier de 0 à 100000 | free (Mandat offert) : booléen');
    expect(cells[2]).toMatchObject({ row_label: 'particulier 18-22 ans', conditions: 'client_type = particulier et age de 18 à 22', amount: '85,00', row_code: 'particulier_18_22' });
    expect(cells[3]?.conditions).toBe('client_type = particulier et age à partir de 23');
    expect(cells[1]?.conditions).toBe('client_type = particulier et age jusqu’à 17');
  });

  it('keeps string values that look like numbers or booleans as strings (quoted)', () => {
    const rule: PricingRule = {
      type: 'grid',
      taxMode: 'incl',
      taxCategory: 'standard',
      recurrence: yearly(),
      rows: [
        { when: [{ attribute: 'zone', op: 'eq', value: '18' }, { attribute: 'flag', op: 'eq', value: 'vrai' }], amount: 100, label: 'a' },
        { when: [{ attribute: 'zone', op: 'in', values: ['1, 2', 3, 'x et y'] }], amount: 200, label: 'b' },
        { when: [{ attribute: 'ratio', op: 'between', min: 0.5, max: 1.25 }, { attribute: 'vip', op: 'eq', value: true }], amount: 300, label: 'c' },
        { when: [], amount: 400, label: 'd' },
      ],
    };
    expect(roundTrip(rule)).toEqual(rule);
  });

  it('property: any valid tiered rule survives the trip', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.nat({ max: 9999 })), { minLength: 7, maxLength: 7 }),
        fc.constantFrom('graduated' as const, 'volume' as const),
        (bounds, prices, mode) => {
          const sorted = [...bounds].sort((a, b) => a - b);
          const ups = [...sorted, null];
          const rule: PricingRule = {
            type: 'tiered',
            mode,
            taxMode: 'excl',
            taxCategory: 'standard',
            recurrence: monthly(),
            tiers: ups.map((upTo, i) => {
              const [whole, fraction] = prices[i]!;
              const unitAmount = fraction === 0 ? String(whole) : `${whole}.${String(fraction).replace(/0+$/, '')}`;
              return { upTo, unitAmount, ...(i % 2 ? { flatAmount: whole } : {}) };
            }),
          };
          expect(roundTrip(rule)).toEqual(rule);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('price cells: every error with its line and column, in French', () => {
  const build = (type: PricingRule['type'], rows: PriceCell['texts'][], known2 = known) =>
    buildRule(
      type,
      rows.map((texts, i) => ({ line: i + 5, texts })),
      base,
      { planName: 'P', knownIndices: known2, ruleLine: 5 },
    );

  it('tiers with a gap, an overlap, a negative price and a closed last tier', () => {
    const { payload, errors } = build('tiered', [
      { mode: 'graduated', conditions: 'quantité de 1 à 10', amount: '10' },
      { mode: 'graduated', conditions: 'quantité de 12 à 20', amount: '9' },
      { mode: 'graduated', conditions: 'quantité de 18 à 30', amount: '-1' },
    ]);
    expect(payload).toBeUndefined();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 6, column: 'conditions', message: 'ligne 6, colonne conditions : trou entre les paliers : quantité 11 non couverte' }),
        expect.objectContaining({ line: 7, column: 'conditions', message: expect.stringContaining('se chevauchent') }),
        expect.objectContaining({ line: 7, column: 'amount', message: expect.stringContaining('négatif') }),
      ]),
    );
  });

  it('a closed last tier is the engine’s own error on that line', () => {
    const { errors } = build('tiered', [
      { mode: 'volume', conditions: 'quantité de 1 à 10', amount: '10' },
      { mode: 'volume', conditions: 'quantité de 11 à 20', amount: '9' },
    ]);
    expect(errors).toEqual([expect.objectContaining({ line: 6, column: 'conditions', message: 'ligne 6, colonne conditions : Le dernier palier doit être ouvert (upTo: null).' })]);
  });

  it('grid bands with a gap and an overlap (engine validateGrid)', () => {
    const dims = 'age (Âge) : entier de 0 à 130';
    const { errors } = build('grid', [
      { dimensions: dims, row_label: 'jeunes', conditions: 'age jusqu’à 17', amount: '0' },
      { row_label: 'adultes', conditions: 'age de 20 à 60', amount: '100' },
      { row_label: 'seniors', conditions: 'age à partir de 55', amount: '150' },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'ligne 5, colonne conditions : trou dans les tranches de age : 18 à 19 non couvert',
      'ligne 7, colonne conditions : tranches de age qui se chevauchent : 55 à 60 couvert deux fois',
    ]);
  });

  it('grid: unreadable conditions, unknown attribute, missing label', () => {
    const { errors } = build('grid', [
      { dimensions: 'age : entier de 0 à 130', row_label: '', conditions: 'age de 0 à 130', amount: '1' },
      { row_label: 'x', conditions: 'âge vers 3', amount: '1' },
      { row_label: 'y', conditions: 'taille de 1 à 2', amount: '1' },
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 5, column: 'row_label' }),
        expect.objectContaining({ line: 6, column: 'conditions', message: expect.stringContaining('condition illisible') }),
      ]),
    );
    const second = build('grid', [
      { dimensions: 'age : entier de 0 à 130', row_label: 'a', conditions: 'age de 0 à 130', amount: '1' },
      { row_label: 'y', conditions: 'taille de 1 à 2', amount: '1' },
    ]);
    expect(second.errors).toEqual([expect.objectContaining({ line: 6, column: 'conditions', message: expect.stringContaining('Attribut « taille » absent des dimensions') })]);
  });

  it('indexed: unknown index, unsafe or broken formula, undeclared variable', () => {
    expect(build('indexed', [{ index: 'bitcoin', formula: 'base', variables: 'base = 1' }]).errors).toEqual([
      expect.objectContaining({ line: 5, column: 'index', message: expect.stringContaining('indice inconnu « bitcoin »') }),
    ]);
    expect(build('indexed', [{ index: 'cpi', formula: 'process.exit(1)', variables: '' }]).errors).toEqual([expect.objectContaining({ line: 5, column: 'formula', message: expect.stringMatching(/Formule invalide|non déclarées/) })]);
    expect(build('indexed', [{ index: 'cpi', formula: 'base * (cpi', variables: 'base = 1' }]).errors).toEqual([expect.objectContaining({ column: 'formula', message: expect.stringContaining('Formule invalide') })]);
    expect(build('indexed', [{ index: 'cpi', formula: 'base * cpi * k', variables: 'base = 1' }]).errors).toEqual([expect.objectContaining({ column: 'formula', message: expect.stringContaining('non déclarées dans la formule : k') })]);
    expect(build('indexed', [{ index: 'cpi', formula: 'base', variables: 'base = abc' }]).errors).toEqual([expect.objectContaining({ column: 'variables' })]);
    expect(build('indexed', [{ index: 'tempo', formula: 'index', variables: '' }], new Set(['tempo'])).errors).toEqual([]);
  });

  it('usage and bundle', () => {
    expect(build('usage', [{ amount: '', minimum_charge: '-3' }]).errors.map((e) => e.column).sort()).toEqual(['amount', 'minimum_charge']);
    expect(build('usage', [{ amount: '0,01' }, { amount: '0,02' }]).errors).toEqual([expect.objectContaining({ line: 6, column: 'rule_type' })]);
    expect(build('bundle', [{ ref: 'A:B', quantity: '0' }, { ref: 'A:B', quantity: '1', discount: '150 %' }]).errors.map((e) => `${e.line}:${e.column}`)).toEqual(['5:quantity', '6:ref', '6:discount']);
  });

  it('reads hand-typed tier bounds', () => {
    const { payload, errors } = build('tiered', [
      { mode: 'progressif', conditions: '1-10', amount: '1' },
      { mode: 'progressif', conditions: '11 à 20', amount: '1' },
      { mode: 'progressif', conditions: 'quantités de 21 à 30', amount: '1' },
      { mode: 'progressif', conditions: '31+', amount: '1' },
    ]);
    expect(errors).toEqual([]);
    expect(payload).toMatchObject({ mode: 'graduated', tiers: [{ upTo: 10 }, { upTo: 20 }, { upTo: 30 }, { upTo: null }] });
  });

  it('reads hand-typed variants', () => {
    expect(readConditions("client_type = particulier et age jusqu'à 17", undefined)).toEqual([
      { attribute: 'client_type', op: 'eq', value: 'particulier' },
      { attribute: 'age', op: 'between', max: 17 },
    ]);
    expect(readDimensions('n : integer de 1 à 5')).toEqual({ n: { type: 'integer', min: 1, max: 5 } });
    expect(parseMajorToMinorDecimal('0,125')).toBe('12.5');
    expect(parseMajorToMinorDecimal('19,99 €')).toBe('1999');
    expect(parseMajorToMinorDecimal('0.0035')).toBe('0.35');
    expect(parseMajorToMinorDecimal('abc')).toBeUndefined();
  });
});
