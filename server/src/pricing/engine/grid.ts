/**
 * Attribute grids: which row of a grid prices a customer (first matching row wins), the attributes it derives (`age`
 * from `birth_date` on the quote date), and `validateGrid`, which checks that the numeric bands of each part of the
 * grid cover their domain without gap or overlap.
 */
import type { Decimal } from 'decimal.js';
import { ageOn } from './dates.ts';
import { PricingError } from './errors.ts';
import { Dec } from './money.ts';
import type { Condition, GridDimension, GridRow, GridRule } from './rules.ts';

export type AttributeValue = string | number | boolean | null;
export type Attributes = Readonly<Record<string, AttributeValue | undefined>>;

export interface ResolvedAttributes {
  values: Record<string, AttributeValue>;
  /** Set when `age` was computed from `birth_date`. */
  derivedAge: { birthDate: string; age: number } | null;
}

/** Adds derived attributes: `age` in full years on `date` from `birth_date`, when `age` is absent or null. */
export function resolveAttributes(attributes: Attributes | undefined, date: string): ResolvedAttributes {
  // A prototype-free record: an attribute named `__proto__` or `constructor` is just an attribute.
  const values: Record<string, AttributeValue> = Object.create(null);
  for (const [name, value] of Object.entries(attributes ?? {})) if (value !== undefined) values[name] = value;
  const birthDate = values.birth_date;
  if ((values.age === undefined || values.age === null) && birthDate !== undefined && birthDate !== null) {
    if (typeof birthDate !== 'string') throw new PricingError('attributes.birth_date', 'La date de naissance est au format AAAA-MM-JJ.', 'invalid_attribute');
    const age = ageOn(birthDate, date, 'attributes.birth_date');
    values.age = age;
    return { values, derivedAge: { birthDate, age } };
  }
  return { values, derivedAge: null };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function numeric(value: AttributeValue): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Dec(value) : null;
  if (typeof value === 'string' && value.length <= 40 && NUMERIC.test(value.trim())) return new Dec(value.trim());
  return null;
}

function truthiness(value: AttributeValue | undefined): boolean | null {
  if (value === undefined || value === null || value === false || value === 0 || value === 'false' || value === '0') return false;
  if (value === true || value === 1 || value === 'true' || value === '1') return true;
  return null;
}

function describe(name: string, dimension: GridDimension | undefined): string {
  if (name === 'age') return 'L’âge (age) ou la date de naissance (birth_date)';
  return dimension?.label ? `« ${dimension.label} » (${name})` : `L’attribut « ${name} »`;
}

/** Checks a provided attribute against its declared dimension (type and bounds). */
function checkDimension(name: string, value: AttributeValue, dimension: GridDimension): void {
  if (value === null) return;
  const field = `attributes.${name}`;
  const label = dimension.label ?? name;
  if (dimension.type === 'boolean') {
    if (truthiness(value) === null) throw new PricingError(field, `« ${label} » vaut vrai ou faux.`, 'invalid_attribute');
    return;
  }
  if (dimension.type === 'string') {
    if (typeof value !== 'string' && typeof value !== 'number') throw new PricingError(field, `« ${label} » est un texte.`, 'invalid_attribute');
    if (dimension.values && !dimension.values.some((v) => v.toLowerCase() === String(value).trim().toLowerCase())) {
      throw new PricingError(field, `« ${label} » vaut l’une de ces valeurs : ${dimension.values.join(', ')}.`, 'invalid_attribute');
    }
    return;
  }
  const number = numeric(value);
  if (number === null || (dimension.type === 'integer' && !number.isInteger())) {
    throw new PricingError(field, `« ${label} » est un nombre${dimension.type === 'integer' ? ' entier' : ''}.`, 'invalid_attribute');
  }
  if ((dimension.min !== undefined && number.lt(dimension.min)) || (dimension.max !== undefined && number.gt(dimension.max))) {
    throw new PricingError(field, `« ${label} » doit être compris entre ${dimension.min ?? '−∞'} et ${dimension.max ?? '+∞'}.`, 'invalid_attribute');
  }
}

function sameValue(actual: AttributeValue, expected: string | number | boolean): boolean {
  if (typeof expected === 'boolean') return truthiness(actual) === expected;
  if (typeof expected === 'number') {
    const n = numeric(actual);
    return n?.eq(expected) === true;
  }
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  return String(actual).trim().toLowerCase() === expected.trim().toLowerCase();
}

function holds(condition: Condition, values: Record<string, AttributeValue>, dimensions: GridRule['dimensions']): boolean {
  const value = values[condition.attribute];
  if (condition.op === 'is_true') {
    const truth = truthiness(value);
    if (truth === null) throw new PricingError(`attributes.${condition.attribute}`, `L’attribut « ${condition.attribute} » vaut vrai ou faux.`, 'invalid_attribute');
    return truth;
  }
  if (value === undefined || value === null) {
    const dimension = dimensions && Object.hasOwn(dimensions, condition.attribute) ? dimensions[condition.attribute] : undefined;
    throw new PricingError(`attributes.${condition.attribute}`, `${describe(condition.attribute, dimension)} est requis pour calculer ce tarif.`, 'missing_attribute');
  }
  switch (condition.op) {
    case 'eq':
      return sameValue(value, condition.value);
    case 'in':
      return condition.values.some((v) => sameValue(value, v));
    case 'between': {
      const number = numeric(value);
      if (number === null) throw new PricingError(`attributes.${condition.attribute}`, `L’attribut « ${condition.attribute} » est un nombre.`, 'invalid_attribute');
      return (condition.min === undefined || number.gte(condition.min)) && (condition.max === undefined || number.lte(condition.max));
    }
  }
}

export interface GridMatch {
  row: GridRow;
  rowIndex: number;
  derivedAge: ResolvedAttributes['derivedAge'];
}

/**
 * The first row whose conditions all hold (conditions are tried in order and stop at the first false one, so an
 * attribute is required only when a row that is reached needs it). A missing attribute is a PricingError on
 * `attributes.<name>`; no matching row is a PricingError on `attributes`.
 */
export function matchGrid(grid: Pick<GridRule, 'rows' | 'dimensions'>, attributes: Attributes | undefined, date: string): GridMatch {
  const { values, derivedAge } = resolveAttributes(attributes, date);
  for (const [name, dimension] of Object.entries(grid.dimensions ?? {})) {
    const value = values[name];
    if (value !== undefined) checkDimension(name, value, dimension);
  }
  for (const [rowIndex, row] of grid.rows.entries()) {
    if (row.when.every((condition) => holds(condition, values, grid.dimensions))) return { row, rowIndex, derivedAge };
  }
  throw new PricingError('attributes', 'Aucune ligne de la grille tarifaire ne correspond à ces critères.', 'no_matching_row');
}

export interface GridDomain {
  min: number;
  max: number;
}

export interface GridIssue {
  kind: 'gap' | 'overlap' | 'empty_band';
  attribute: string;
  /** The other conditions shared by the rows concerned, in words (« client_type = particulier »). */
  context: string;
  from: number;
  to: number;
  rows: number[];
}

type Interval = [number, number];

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (Math.max(a0, b0) <= Math.min(a1, b1)) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out;
}

function intervalsOf(condition: Condition, domain: GridDomain): Interval[] {
  switch (condition.op) {
    case 'between': {
      const from = Math.max(domain.min, Math.ceil(condition.min ?? domain.min));
      const to = Math.min(domain.max, Math.floor(condition.max ?? domain.max));
      return from <= to ? [[from, to]] : [];
    }
    case 'eq': {
      const v = typeof condition.value === 'number' ? condition.value : Number.NaN;
      return Number.isInteger(v) && v >= domain.min && v <= domain.max ? [[v, v]] : [];
    }
    case 'in':
      return condition.values.filter((v): v is number => Number.isInteger(v) && (v as number) >= domain.min && (v as number) <= domain.max).map((v) => [v, v]);
    case 'is_true':
      return [];
  }
}

function conditionText(condition: Condition): string {
  switch (condition.op) {
    case 'eq':
      return `${condition.attribute} = ${String(condition.value)}`;
    case 'in':
      return `${condition.attribute} ∈ {${condition.values.join(', ')}}`;
    case 'between':
      return `${condition.attribute} ∈ [${condition.min ?? '−∞'}, ${condition.max ?? '+∞'}]`;
    case 'is_true':
      return `${condition.attribute} vrai`;
  }
}

/** Integer domains declared by the grid's dimensions (type integer with min and max). */
export function gridDomains(grid: Pick<GridRule, 'dimensions'>): Record<string, GridDomain> {
  const domains: Record<string, GridDomain> = {};
  for (const [name, d] of Object.entries(grid.dimensions ?? {})) {
    if (d.type === 'integer' && d.min !== undefined && d.max !== undefined) domains[name] = { min: d.min, max: d.max };
  }
  return domains;
}

/**
 * For each integer attribute of `domains` (default: the grid's integer dimensions), groups the rows that constrain it
 * by their other conditions and checks that the group's bands cover [min, max] exactly once: every value not covered
 * is a gap, every value covered twice an overlap, a band that can match nothing is an empty band. Returns [] for a
 * sound grid.
 */
export function validateGrid(grid: Pick<GridRule, 'rows' | 'dimensions'>, domains: Record<string, GridDomain> = gridDomains(grid)): GridIssue[] {
  const issues: GridIssue[] = [];
  for (const [attribute, domain] of Object.entries(domains)) {
    const groups = new Map<string, { context: string; bands: { interval: Interval; row: number }[] }>();
    for (const [rowIndex, row] of grid.rows.entries()) {
      const own = row.when.filter((c) => c.attribute === attribute && c.op !== 'is_true');
      if (own.length === 0) continue;
      const others = row.when.filter((c) => !own.includes(c)).map(conditionText).sort();
      const key = JSON.stringify(others);
      const group = groups.get(key) ?? { context: others.join(' et ') || '(toutes)', bands: [] };
      groups.set(key, group);
      const intervals = own.map((c) => intervalsOf(c, domain)).reduce(intersect);
      if (intervals.length === 0) {
        issues.push({ kind: 'empty_band', attribute, context: group.context, from: domain.min, to: domain.max, rows: [rowIndex] });
      }
      for (const interval of intervals) group.bands.push({ interval, row: rowIndex });
    }
    for (const { context, bands } of groups.values()) {
      bands.sort((a, b) => a.interval[0] - b.interval[0] || a.interval[1] - b.interval[1]);
      let next = domain.min;
      let lastRow = -1;
      for (const { interval, row } of bands) {
        const [from, to] = interval;
        if (from > next) issues.push({ kind: 'gap', attribute, context, from: next, to: from - 1, rows: [] });
        if (from < next) issues.push({ kind: 'overlap', attribute, context, from, to: Math.min(to, next - 1), rows: [lastRow, row] });
        if (to + 1 > next) {
          next = to + 1;
          lastRow = row;
        }
      }
      if (next <= domain.max) issues.push({ kind: 'gap', attribute, context, from: next, to: domain.max, rows: [] });
    }
  }
  return issues;
}
