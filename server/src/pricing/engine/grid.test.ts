import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { WIN_WIN_GRID } from './fixtures.ts';
import { gridDomains, matchGrid, resolveAttributes, validateGrid } from './grid.ts';
import type { GridRule } from './rules.ts';

const DATE = '2026-03-01';
const priceOf = (attributes: Record<string, string | number | boolean | null>) => matchGrid(WIN_WIN_GRID, attributes, DATE).row.amount;

function expectedEnterprise(employees: number): number {
  if (employees <= 2) return [16_000, 26_000, 36_000][employees] as number;
  if (employees <= 5) return 46_000;
  if (employees <= 10) return 56_000;
  if (employees <= 20) return 66_000;
  if (employees <= 30) return 76_000;
  return 86_000;
}

describe('matchGrid on the WIN WIN grid', () => {
  it('prices particuliers by age', () => {
    expect(priceOf({ client_type: 'particulier', age: 17 })).toBe(0);
    expect(priceOf({ client_type: 'particulier', age: 18 })).toBe(8500);
    expect(priceOf({ client_type: 'particulier', age: 22 })).toBe(8500);
    expect(priceOf({ client_type: 'particulier', age: 23 })).toBe(18_500);
    expect(priceOf({ client_type: 'Particulier', age: '25' })).toBe(18_500);
  });

  it('prices entreprises by employees', () => {
    for (const [n, amount] of [
      [0, 16_000],
      [1, 26_000],
      [2, 36_000],
      [3, 46_000],
      [5, 46_000],
      [6, 56_000],
      [10, 56_000],
      [11, 66_000],
      [20, 66_000],
      [21, 76_000],
      [30, 76_000],
      [31, 86_000],
      [5000, 86_000],
    ] as const) {
      expect(priceOf({ client_type: 'entreprise', employees: n }), `${n}`).toBe(amount);
    }
  });

  it('gives free mandates first, whatever else is said', () => {
    const match = matchGrid(WIN_WIN_GRID, { client_type: 'entreprise', employees: 50, free: true }, DATE);
    expect(match.row.amount).toBe(0);
    expect(match.row.label).toBe('Mandat offert');
    expect(priceOf({ client_type: 'particulier', age: 40, free: false })).toBe(18_500);
    expect(priceOf({ client_type: 'particulier', age: 40, free: null })).toBe(18_500);
  });

  it('derives the age from the birth date on the quote date', () => {
    const match = matchGrid(WIN_WIN_GRID, { client_type: 'particulier', birth_date: '2003-03-02' }, DATE);
    expect(match.derivedAge).toEqual({ birthDate: '2003-03-02', age: 22 });
    expect(match.row.amount).toBe(8500);
    expect(matchGrid(WIN_WIN_GRID, { client_type: 'particulier', birth_date: '2003-03-01' }, DATE).row.amount).toBe(18_500);
    // A stated age wins over the birth date.
    expect(matchGrid(WIN_WIN_GRID, { client_type: 'particulier', age: 30, birth_date: '2010-01-01' }, DATE).row.amount).toBe(18_500);
    expect(resolveAttributes({ age: null, birth_date: '2000-03-01' }, DATE).values.age).toBe(26);
  });

  it('asks for the attribute it needs, and only that one', () => {
    const missing = (attributes: Record<string, string | number | null>) => {
      try {
        matchGrid(WIN_WIN_GRID, attributes, DATE);
      } catch (error) {
        expect(error).toBeInstanceOf(PricingError);
        return [(error as PricingError).field, (error as PricingError).code];
      }
      return null;
    };
    expect(missing({ client_type: 'particulier' })).toEqual(['attributes.age', 'missing_attribute']);
    expect(missing({ client_type: 'entreprise', age: 40 })).toEqual(['attributes.employees', 'missing_attribute']);
    expect(missing({ age: 40 })).toEqual(['attributes.client_type', 'missing_attribute']);
    expect(missing({ client_type: 'association', age: 40 })).toEqual(['attributes.client_type', 'invalid_attribute']);
    expect(missing({ client_type: 'particulier', age: 22.5 })).toEqual(['attributes.age', 'invalid_attribute']);
    expect(missing({ client_type: 'particulier', age: 131 })).toEqual(['attributes.age', 'invalid_attribute']);
    expect(missing({ client_type: 'particulier', age: 'vingt' })).toEqual(['attributes.age', 'invalid_attribute']);
    expect(missing({ client_type: 'particulier', birth_date: '2030-01-01' })).toEqual(['attributes.birth_date', 'invalid_input']);
    expect(missing({ client_type: 'particulier', age: 40, free: 'peut-être' })).toEqual(['attributes.free', 'invalid_attribute']);
  });

  it('covers every integer age and employee count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 130 }), (age) => {
        const expected = age < 18 ? 0 : age <= 22 ? 8500 : 18_500;
        expect(priceOf({ client_type: 'particulier', age })).toBe(expected);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (employees) => {
        expect(priceOf({ client_type: 'entreprise', employees })).toBe(expectedEnterprise(employees));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateGrid', () => {
  it('finds no gap or overlap in the WIN WIN grid', () => {
    expect(gridDomains(WIN_WIN_GRID)).toEqual({ age: { min: 0, max: 130 }, employees: { min: 0, max: 100_000 } });
    expect(validateGrid(WIN_WIN_GRID)).toEqual([]);
    expect(validateGrid(WIN_WIN_GRID, { age: { min: 0, max: 130 }, employees: { min: 0, max: 100_000 } })).toEqual([]);
  });

  it('reports gaps, overlaps and empty bands with their context', () => {
    const broken: GridRule = {
      ...WIN_WIN_GRID,
      rows: [
        { when: [{ attribute: 'kind', op: 'eq', value: 'p' }, { attribute: 'age', op: 'between', max: 17 }], amount: 0, label: 'a' },
        { when: [{ attribute: 'kind', op: 'eq', value: 'p' }, { attribute: 'age', op: 'between', min: 19, max: 30 }], amount: 1, label: 'b' },
        { when: [{ attribute: 'kind', op: 'eq', value: 'p' }, { attribute: 'age', op: 'between', min: 25, max: 60 }], amount: 2, label: 'c' },
        { when: [{ attribute: 'kind', op: 'eq', value: 'e' }, { attribute: 'age', op: 'eq', value: 40 }], amount: 3, label: 'd' },
        { when: [{ attribute: 'kind', op: 'eq', value: 'e' }, { attribute: 'age', op: 'between', min: 200 }], amount: 3, label: 'e' },
      ],
    };
    expect(validateGrid(broken, { age: { min: 0, max: 130 } })).toEqual([
      { kind: 'empty_band', attribute: 'age', context: 'kind = e', from: 0, to: 130, rows: [4] },
      { kind: 'gap', attribute: 'age', context: 'kind = p', from: 18, to: 18, rows: [] },
      { kind: 'overlap', attribute: 'age', context: 'kind = p', from: 25, to: 30, rows: [1, 2] },
      { kind: 'gap', attribute: 'age', context: 'kind = p', from: 61, to: 130, rows: [] },
      { kind: 'gap', attribute: 'age', context: 'kind = e', from: 0, to: 39, rows: [] },
      { kind: 'gap', attribute: 'age', context: 'kind = e', from: 41, to: 130, rows: [] },
    ]);
  });

  it('detects any band removed from the WIN WIN grid (property)', () => {
    const banded = WIN_WIN_GRID.rows.map((row, i) => ({ row, i })).filter(({ row }) => row.when.some((c) => c.op === 'between'));
    fc.assert(
      fc.property(fc.constantFrom(...banded), ({ i }) => {
        const issues = validateGrid({ ...WIN_WIN_GRID, rows: WIN_WIN_GRID.rows.filter((_, j) => j !== i) });
        expect(issues.some((issue) => issue.kind === 'gap')).toBe(true);
      }),
    );
  });
});
