/**
 * Price cells: every pricing rule type written as rows of a sheet (one row per tier, grid row or pack component, one
 * row for a fixed, usage or indexed price) and read back into the engine's payload. Export and import live here side
 * by side so that what `cellsOfRule` writes, `buildRule` reads back to the same payload (round trip); `buildRule`
 * then hands the payload to the engine's own validators (`validateRule`, `validateGrid`) and maps each issue's path
 * back to the line and column it came from. Pure: no I/O.
 */
import { type GridIssue, validateGrid } from '../../pricing/engine/grid.ts';
import type { Recurrence } from '../../pricing/engine/recurrence.ts';
import { type Condition, type GridDimension, type PricingRule, validateRule } from '../../pricing/engine/rules.ts';
import type { ExemptionCode, TaxCategory } from '../../pricing/engine/tax.ts';
import { formatMinor, formatMinorDecimal, parseMajorToMinor } from './amounts.ts';
import type { ImportError } from './schema.ts';

/** The per-row columns of a price: which ones a rule type reads is listed in `RULE_TYPE_COLUMNS`. */
export const PRICE_CELL_COLUMNS = [
  'row_label',
  'conditions',
  'amount',
  'row_code',
  'mode',
  'flat_amount',
  'unit',
  'included_units',
  'minimum_charge',
  'index',
  'formula',
  'variables',
  'dimensions',
  'ref',
  'quantity',
  'discount',
] as const;
export type PriceCellColumn = (typeof PRICE_CELL_COLUMNS)[number];

/** What each rule type reads (the import page and the templates explain these). */
export const RULE_TYPE_COLUMNS: Record<PricingRule['type'], readonly PriceCellColumn[]> = {
  fixed: ['row_label', 'amount'],
  tiered: ['mode', 'row_label', 'conditions', 'amount', 'flat_amount'],
  usage: ['amount', 'unit', 'included_units', 'minimum_charge'],
  indexed: ['index', 'formula', 'variables'],
  grid: ['dimensions', 'row_code', 'row_label', 'conditions', 'amount'],
  bundle: ['ref', 'quantity', 'row_label', 'discount'],
};

/**
 * Indices named by seed 003 (Annex A §3.3, PricingRule JSON Schema: `index` ∈ spot, cpi, energy). The import also
 * accepts any index an indexed rule of the workspace already uses, so an export always re-imports.
 */
export const SEED_INDICES = ['spot', 'cpi', 'energy'] as const;

/** One row of a price, as text; `line` is the file's line (1 = header). */
export interface PriceCell {
  line: number;
  sheet?: string;
  texts: Partial<Record<PriceCellColumn, string>>;
}

export interface RuleBaseInput {
  taxMode: 'incl' | 'excl';
  taxCategory: TaxCategory;
  exemptionCode: ExemptionCode | null;
  recurrence: Recurrence;
  /** Kept from the rule in place for the types whose file has no column for it. */
  label?: string;
}

export interface BuildContext {
  planName: string;
  /** Index names an indexed rule may use. */
  knownIndices: ReadonlySet<string>;
  /** The column a fixed amount came from (`price` in the products file, `amount` in the price grid file). */
  fixedAmountColumn?: string;
  /** Line and column the rule-wide errors (tax, recurrence) point at. */
  ruleLine: number;
}

// ——— numbers and amounts ———

const frenchNumber = (n: number) => String(n).replace('.', ',');

function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/[\s\u00A0\u202F]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** `0,125` (major units, any number of decimals) → `"12.5"` (decimal string of minor units), exactly, as text. */
export function parseMajorToMinorDecimal(text: string): string | undefined {
  const cleaned = text.trim().replace(/\s*(€|EUR|CHF)$/i, '').replace(/[\s\u00A0\u202F']/g, '');
  const match = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = fraction.padEnd(2, '0');
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  const value = rest ? `${integer}.${rest}` : integer;
  return sign === '-' && /[1-9]/.test(value) ? `-${value}` : value;
}

// ——— conditions: `client_type = particulier et age de 18 à 22`, `toujours` ———

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value that would read back as something else (a number, a boolean, a list) is written in double quotes. */
function writeValue(value: string | number | boolean): string {
  if (typeof value === 'number') return frenchNumber(value);
  if (typeof value === 'boolean') return value ? 'vrai' : 'faux';
  const ambiguous = value === '' || parseNumber(value) !== undefined || /^(vrai|faux|true|false)$/i.test(value) || /[",]|\set\s|^\s|\s$/.test(value);
  return ambiguous ? `"${value.replaceAll('"', '""')}"` : value;
}

function writeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `de ${frenchNumber(min)} à ${frenchNumber(max)}`;
  return min !== undefined ? `à partir de ${frenchNumber(min)}` : `jusqu’à ${frenchNumber(max!)}`;
}

export function writeCondition(condition: Condition): string {
  switch (condition.op) {
    case 'eq':
      return `${condition.attribute} = ${writeValue(condition.value)}`;
    case 'in':
      return `${condition.attribute} parmi ${condition.values.map(writeValue).join(', ')}`;
    case 'between':
      return `${condition.attribute} ${writeBounds(condition.min, condition.max)}`;
    case 'is_true':
      return `${condition.attribute} est vrai`;
  }
}

export function writeConditions(conditions: readonly Condition[]): string {
  return conditions.length === 0 ? 'toujours' : conditions.map(writeCondition).join(' et ');
}

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      quoted = !quoted;
      current += char;
      continue;
    }
    if (!quoted) {
      separator.lastIndex = 0;
      const match = separator.exec(text.slice(i));
      if (match && match.index === 0) {
        parts.push(current);
        current = '';
        i += match[0].length - 1;
        continue;
      }
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

type Scalar = string | number | boolean;

function readValue(text: string, dimension: GridDimension | undefined): Scalar | undefined {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) return undefined;
    return t.slice(1, -1).replaceAll('""', '"');
  }
  if (t === '') return undefined;
  const type = dimension?.type;
  if (type === 'string') return t;
  if (type === 'boolean' || (!type && /^(vrai|faux|true|false)$/i.test(t))) {
    if (/^(vrai|true|oui)$/i.test(t)) return true;
    if (/^(faux|false|non)$/i.test(t)) return false;
    return undefined;
  }
  const number = parseNumber(t);
  if (type === 'integer' || type === 'number') return number;
  return number ?? t;
}

const BOUNDS = /^(?:de\s+(\S+)\s+à\s+(\S+)|à\s+partir\s+de\s+(\S+)|jusqu(?:’|')à\s+(\S+))$/i;

function readBounds(text: string): { min?: number; max?: number } | string {
  const match = BOUNDS.exec(text.trim());
  if (!match) return 'bornes attendues : « de 18 à 22 », « à partir de 23 » ou « jusqu’à 17 »';
  const [, from, to, since, until] = match;
  const min = from ?? since;
  const max = to ?? until;
  const out: { min?: number; max?: number } = {};
  if (min !== undefined) {
    const n = parseNumber(min);
    if (n === undefined) return `borne « ${min} » : nombre attendu`;
    out.min = n;
  }
  if (max !== undefined) {
    const n = parseNumber(max);
    if (n === undefined) return `borne « ${max} » : nombre attendu`;
    out.max = n;
  }
  return out;
}

/** `toujours` or conditions joined by « et »; a string is the reason it cannot be read. */
export function readConditions(text: string, dimensions: Record<string, GridDimension> | undefined): Condition[] | string {
  const t = text.trim();
  if (t === '' || /^toujours$/i.test(t)) return [];
  const out: Condition[] = [];
  for (const part of splitOutsideQuotes(t, /^\s+et\s+/i)) {
    const match = /^\s*([^\s=]+)\s*(=|parmi\s|est\s+vrai\s*$|de\s|à\s+partir\s+de\s|jusqu(?:’|')à\s)(.*)$/i.exec(part);
    if (!match) return `condition illisible « ${part.trim()} » (ex. « age de 18 à 22 », « client_type = particulier »)`;
    const [, attribute = '', op = '', rest = ''] = match;
    if (!IDENT.test(attribute)) return `attribut invalide « ${attribute} »`;
    const dimension = dimensions && Object.hasOwn(dimensions, attribute) ? dimensions[attribute] : undefined;
    const keyword = op.trim().toLowerCase();
    if (keyword === '=') {
      const value = readValue(rest, dimension);
      if (value === undefined) return `valeur illisible pour ${attribute} « ${rest.trim()} »`;
      out.push({ attribute, op: 'eq', value });
    } else if (keyword === 'parmi') {
      const values: (string | number)[] = [];
      for (const item of splitOutsideQuotes(rest, /^\s*,\s*/)) {
        const value = readValue(item, dimension);
        if (value === undefined || typeof value === 'boolean') return `valeur illisible dans la liste de ${attribute} « ${item.trim()} »`;
        values.push(value);
      }
      out.push({ attribute, op: 'in', values });
    } else if (keyword.startsWith('est')) {
      out.push({ attribute, op: 'is_true' });
    } else {
      const bounds = readBounds(`${op}${rest}`);
      if (typeof bounds === 'string') return `${attribute} : ${bounds}`;
      out.push({ attribute, op: 'between', ...bounds });
    }
  }
  return out;
}

// ——— dimensions: `age (Âge) : entier de 0 à 130 | client_type (Type de client) : texte parmi particulier, entreprise` ———

const DIMENSION_TYPES: Record<string, GridDimension['type']> = {
  entier: 'integer',
  nombre: 'number',
  texte: 'string',
  booléen: 'boolean',
  booleen: 'boolean',
  integer: 'integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
};
const TYPE_WORDS: Record<GridDimension['type'], string> = { integer: 'entier', number: 'nombre', string: 'texte', boolean: 'booléen' };

export function writeDimensions(dimensions: Record<string, GridDimension> | undefined): string {
  if (!dimensions) return '';
  return Object.entries(dimensions)
    .map(([name, d]) => {
      let text = `${name}${d.label !== undefined ? ` (${d.label})` : ''} : ${TYPE_WORDS[d.type]}`;
      if (d.min !== undefined || d.max !== undefined) text += ` ${writeBounds(d.min, d.max)}`;
      if (d.values !== undefined) text += ` parmi ${d.values.map(writeValue).join(', ')}`;
      return text;
    })
    .join(' | ');
}

export function readDimensions(text: string): Record<string, GridDimension> | string {
  const out: Record<string, GridDimension> = {};
  for (const part of splitOutsideQuotes(text.trim(), /^\s*\|\s*/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?\s*:\s*(\S+)\s*(.*?)\s*$/.exec(part);
    if (!match) return `dimension illisible « ${part.trim()} » (ex. « age (Âge) : entier de 0 à 130 »)`;
    const [, name = '', label, typeWord = '', rest = ''] = match;
    const type = DIMENSION_TYPES[typeWord.toLowerCase()];
    if (!type) return `type de dimension inconnu « ${typeWord} » (entier, nombre, texte, booléen)`;
    if (Object.hasOwn(out, name)) return `dimension ${name} en double`;
    const dimension: GridDimension = { type };
    if (label !== undefined) dimension.label = label.trim();
    const [boundsText = '', valuesText] = splitOutsideQuotes(rest, /^\s*parmi\s+/i);
    if (boundsText.trim()) {
      const bounds = readBounds(boundsText);
      if (typeof bounds === 'string') return `${name} : ${bounds}`;
      Object.assign(dimension, bounds);
    }
    if (valuesText !== undefined) {
      const values = splitOutsideQuotes(valuesText, /^\s*,\s*/).map((v) => readValue(v, { type: 'string' }));
      if (values.some((v) => typeof v !== 'string')) return `${name} : liste de valeurs illisible`;
      dimension.values = values as string[];
    }
    out[name] = dimension;
  }
  return out;
}

// ——— variables of an indexed price: `base = 2990 ; coef = 1,5` ———

export function writeVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name} = ${value.replace('.', ',')}`)
    .join(' ; ');
}

export function readVariables(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const match = /^\s*([^=\s]+)\s*=\s*(-?\d+(?:[.,]\d+)?)\s*$/.exec(part);
    if (!match) return `variable illisible « ${part.trim()} » (ex. « base = 2990 ; coef = 1,5 »)`;
    out[match[1]!] = match[2]!.replace(',', '.');
  }
  return out;
}

// ——— discount of a pack: `10 %` or `5,00` ———

function writeDiscount(discount: { percentBp?: number; amount?: number } | undefined): string {
  if (!discount) return '';
  if (discount.percentBp !== undefined) return `${frenchNumber(discount.percentBp / 100)} %`;
  return discount.amount !== undefined ? formatMinor(discount.amount) : '';
}

function readDiscount(text: string): { percentBp?: number; amount?: number } | string {
  const t = text.trim();
  const percent = /^(-?\d+(?:[.,]\d{1,2})?)\s*%$/.exec(t);
  if (percent) {
    const bp = parseMajorToMinor(percent[1]!);
    return bp === undefined ? `remise illisible « ${t} »` : { percentBp: bp };
  }
  const amount = parseMajorToMinor(t);
  return amount === undefined ? `remise illisible « ${t} » (ex. « 10 % » ou « 5,00 »)` : { amount };
}

// ——— export ———

/** The price cells of one rule, one object per sheet row. */
export function cellsOfRule(rule: PricingRule, planName: string): Partial<Record<PriceCellColumn, string>>[] {
  switch (rule.type) {
    case 'fixed':
      return [{ row_label: rule.label ?? planName, amount: formatMinor(rule.amount) }];
    case 'tiered': {
      let previous = 0;
      return rule.tiers.map((tier, i) => {
        const from = previous + 1;
        previous = tier.upTo ?? previous;
        return {
          mode: rule.mode,
          row_label: `Palier ${i + 1}`,
          conditions: tier.upTo === null ? `quantité à partir de ${from}` : `quantité de ${from} à ${tier.upTo}`,
          amount: formatMinorDecimal(tier.unitAmount),
          flat_amount: tier.flatAmount === undefined ? '' : formatMinor(tier.flatAmount),
        };
      });
    }
    case 'usage':
      return [
        {
          row_label: `Prix par ${rule.unit ?? 'unité'}`,
          amount: formatMinorDecimal(rule.unitAmount),
          unit: rule.unit ?? '',
          included_units: rule.includedUnits === undefined ? '' : frenchNumber(rule.includedUnits),
          minimum_charge: rule.minimumCharge === undefined ? '' : formatMinor(rule.minimumCharge),
        },
      ];
    case 'indexed':
      return [{ row_label: `Indexé sur ${rule.index}`, index: rule.index, formula: rule.formula, variables: writeVariables(rule.variables) }];
    case 'grid':
      return rule.rows.map((row, i) => ({
        row_label: row.label,
        row_code: row.code ?? '',
        conditions: writeConditions(row.when),
        amount: formatMinor(row.amount),
        dimensions: i === 0 ? writeDimensions(rule.dimensions) : '',
      }));
    case 'bundle':
      return rule.components.map((component, i) => ({ ref: component.ref, quantity: String(component.quantity), row_label: component.label ?? '', discount: i === 0 ? writeDiscount(rule.discount) : '' }));
  }
}

// ——— import ———

/** `quantité de 1 à 10` (what the export writes), also `1 à 10`, `1-10`, `à partir de 51`, `51+`, `jusqu’à 10`. */
const TIER_RANGE = /^(?:quantités?\s+)?(?:(?:de\s+)?(\d+)\s*(?:à|-|–)\s*(\d+)|(?:à\s+partir\s+de\s+(\d+)|(\d+)\s*\+)|jusqu(?:’|')à\s+(\d+))$/i;

class Collector {
  readonly errors: ImportError[] = [];
  fail(cell: { line: number; sheet?: string }, column: string, message: string): void {
    const where = `${cell.sheet ? `feuille « ${cell.sheet} », ` : ''}ligne ${cell.line}, colonne ${column}`;
    this.errors.push({ line: cell.line, column, message: `${where} : ${message}`, ...(cell.sheet ? { sheet: cell.sheet } : {}) });
  }
}

function gridIssueText(issue: GridIssue): string {
  const where = `${issue.attribute}${issue.context && issue.context !== '(toutes)' ? ` (${issue.context})` : ''}`;
  const range = issue.from === issue.to ? `${issue.from}` : `${issue.from} à ${issue.to}`;
  if (issue.kind === 'gap') return `trou dans les tranches de ${where} : ${range} non couvert`;
  if (issue.kind === 'overlap') return `tranches de ${where} qui se chevauchent : ${range} couvert deux fois`;
  return `tranche de ${where} qui ne peut correspondre à aucune valeur`;
}

/**
 * The payload of a rule of `type` from its cells (in file order), checked by the engine. Returns the payload only
 * when there is no error at all.
 */
export function buildRule(type: PricingRule['type'], cells: readonly PriceCell[], base: RuleBaseInput, context: BuildContext): { payload?: Record<string, unknown>; errors: ImportError[] } {
  const c = new Collector();
  const first = cells[0];
  const ruleCell = first ?? { line: context.ruleLine };
  const text = (cell: PriceCell, column: PriceCellColumn) => (cell.texts[column] ?? '').trim();
  const payload: Record<string, unknown> = {
    type,
    taxMode: base.taxMode,
    taxCategory: base.taxCategory,
    recurrence: base.recurrence,
    ...(base.exemptionCode ? { exemptionCode: base.exemptionCode } : {}),
  };
  if (base.label !== undefined && type !== 'fixed') payload.label = base.label;
  /** Where each engine path points: `tiers[2]` → the third tier's cell. */
  const lineOf = (index: number | undefined) => (index !== undefined && cells[index] ? cells[index]! : ruleCell);
  const single = (what: string) => {
    if (cells.length > 1) c.fail(cells[1]!, 'rule_type', `une règle « ${type} » tient sur une seule ligne (${what}) ; ligne ${ruleCell.line} déjà lue pour cette formule`);
  };
  const minor = (cell: PriceCell, column: PriceCellColumn, required: boolean): number | undefined => {
    const value = text(cell, column);
    if (!value) {
      if (required) c.fail(cell, column, 'montant requis');
      return undefined;
    }
    const parsed = parseMajorToMinor(value);
    if (parsed === undefined) c.fail(cell, column, `montant invalide « ${value} » (deux décimales au plus)`);
    else if (parsed < 0) c.fail(cell, column, `montant négatif « ${value} »`);
    return parsed;
  };
  const unitAmount = (cell: PriceCell, column: PriceCellColumn): string | undefined => {
    const value = text(cell, column);
    if (!value) {
      c.fail(cell, column, 'prix unitaire requis');
      return undefined;
    }
    const parsed = parseMajorToMinorDecimal(value);
    if (parsed === undefined) c.fail(cell, column, `prix unitaire invalide « ${value} »`);
    else if (parsed.startsWith('-')) c.fail(cell, column, `prix unitaire négatif « ${value} »`);
    return parsed;
  };

  if (cells.length === 0) {
    c.fail(ruleCell, 'rule_type', `la règle « ${type} » n’a aucune ligne de prix`);
    return { errors: c.errors };
  }

  switch (type) {
    case 'fixed': {
      single('un montant');
      const label = text(first!, 'row_label');
      if (label && label !== context.planName) payload.label = label;
      else if (base.label !== undefined && !label) payload.label = base.label;
      payload.amount = minor(first!, 'amount', true);
      break;
    }
    case 'tiered': {
      const modes = new Set(cells.map((cell) => text(cell, 'mode').toLowerCase()).filter(Boolean));
      const modeText = [...modes][0] ?? '';
      const mode = modeText === 'progressif' ? 'graduated' : modeText;
      if (modes.size > 1) c.fail(cells.find((cell) => text(cell, 'mode').toLowerCase() !== modeText) ?? first!, 'mode', 'le mode diffère d’une ligne à l’autre de la même formule');
      else if (!modeText) c.fail(first!, 'mode', 'mode requis : graduated (progressif) ou volume');
      else if (mode !== 'graduated' && mode !== 'volume') c.fail(first!, 'mode', `mode inconnu « ${modeText} » (graduated, progressif ou volume)`);
      payload.mode = mode;
      let previous = 0;
      payload.tiers = cells.map((cell, i) => {
        const last = i === cells.length - 1;
        const range = text(cell, 'conditions');
        let upTo: number | null = null;
        if (!range) {
          if (!last) c.fail(cell, 'conditions', 'bornes du palier requises (ex. « quantité de 1 à 10 »)');
        } else {
          const match = TIER_RANGE.exec(range);
          if (!match) c.fail(cell, 'conditions', `bornes illisibles « ${range} » (ex. « quantité de 1 à 10 », « quantité à partir de 11 »)`);
          else {
            const from = match[1] ?? match[3] ?? match[4] ?? (i === 0 ? '1' : String(previous + 1));
            const to = match[2] ?? match[5];
            const fromN = Number(from) === 0 && i === 0 ? 1 : Number(from);
            const quantities = (a: number, b: number, what: string) => (a === b ? `quantité ${a} ${what}` : `quantités ${a} à ${b} ${what}s`);
            if (fromN > previous + 1) c.fail(cell, 'conditions', `trou entre les paliers : ${quantities(previous + 1, fromN - 1, 'non couverte')}`);
            else if (fromN < previous + 1) c.fail(cell, 'conditions', `paliers qui se chevauchent : ${quantities(fromN, previous, 'déjà couverte')}`);
            if (to !== undefined) {
              upTo = Number(to);
              if (upTo < fromN) c.fail(cell, 'conditions', `palier vide : ${fromN} à ${upTo}`);
              previous = Math.max(previous, upTo);
            }
          }
        }
        const tier: Record<string, unknown> = { upTo, unitAmount: unitAmount(cell, 'amount') };
        const flat = minor(cell, 'flat_amount', false);
        if (flat !== undefined) tier.flatAmount = flat;
        return tier;
      });
      break;
    }
    case 'usage': {
      single('un prix unitaire');
      payload.unitAmount = unitAmount(first!, 'amount');
      const unit = text(first!, 'unit');
      if (unit) payload.unit = unit;
      const minimum = minor(first!, 'minimum_charge', false);
      if (minimum !== undefined) payload.minimumCharge = minimum;
      const included = text(first!, 'included_units');
      if (included) {
        const n = parseNumber(included);
        if (n === undefined || n < 0) c.fail(first!, 'included_units', `nombre d’unités incluses invalide « ${included} »`);
        else payload.includedUnits = n;
      }
      break;
    }
    case 'indexed': {
      single('une formule');
      const index = text(first!, 'index');
      if (!index) c.fail(first!, 'index', 'nom de l’indice requis');
      else if (!context.knownIndices.has(index)) c.fail(first!, 'index', `indice inconnu « ${index} » (connus : ${[...context.knownIndices].sort().join(', ')})`);
      payload.index = index;
      const formula = text(first!, 'formula');
      if (!formula) c.fail(first!, 'formula', 'formule requise (ex. « base * index / 100 »)');
      payload.formula = formula;
      const variables = readVariables(text(first!, 'variables'));
      if (typeof variables === 'string') c.fail(first!, 'variables', variables);
      else payload.variables = variables;
      break;
    }
    case 'grid': {
      const withDimensions = cells.filter((cell) => text(cell, 'dimensions'));
      let dimensions: Record<string, GridDimension> | undefined;
      if (withDimensions.length > 0) {
        const read = readDimensions(text(withDimensions[0]!, 'dimensions'));
        if (typeof read === 'string') c.fail(withDimensions[0]!, 'dimensions', read);
        else {
          dimensions = read;
          payload.dimensions = read;
        }
        for (const other of withDimensions.slice(1)) {
          if (text(other, 'dimensions') !== text(withDimensions[0]!, 'dimensions')) c.fail(other, 'dimensions', `diffère des dimensions de la ligne ${withDimensions[0]!.line}`);
        }
      }
      payload.rows = cells.map((cell) => {
        const row: Record<string, unknown> = { label: text(cell, 'row_label'), amount: minor(cell, 'amount', true) };
        if (!row.label) c.fail(cell, 'row_label', 'libellé de la ligne requis');
        const code = text(cell, 'row_code');
        if (code) row.code = code;
        const when = readConditions(text(cell, 'conditions'), dimensions);
        if (typeof when === 'string') c.fail(cell, 'conditions', when);
        else row.when = when;
        return row;
      });
      break;
    }
    case 'bundle': {
      payload.components = cells.map((cell) => {
        const component: Record<string, unknown> = { ref: text(cell, 'ref') };
        if (!component.ref) c.fail(cell, 'ref', 'référence du composant requise (ex. « MTV-OFFRE-001:BASIC »)');
        const quantity = text(cell, 'quantity') || '1';
        if (!/^\d{1,7}$/.test(quantity)) c.fail(cell, 'quantity', `quantité invalide « ${quantity} » (entier)`);
        component.quantity = Number(quantity);
        const label = text(cell, 'row_label');
        if (label) component.label = label;
        return component;
      });
      const withDiscount = cells.filter((cell) => text(cell, 'discount'));
      if (withDiscount.length > 1) c.fail(withDiscount[1]!, 'discount', `une seule remise par pack (déjà ligne ${withDiscount[0]!.line})`);
      if (withDiscount[0]) {
        const discount = readDiscount(text(withDiscount[0], 'discount'));
        if (typeof discount === 'string') c.fail(withDiscount[0], 'discount', discount);
        else payload.discount = discount;
      }
      break;
    }
  }
  if (c.errors.length > 0) return { errors: c.errors };

  // The engine's own checks, each issue sent back to the line and column it came from.
  const columnOf: Record<string, string> = {
    taxMode: 'tax_included',
    taxCategory: 'tax_category',
    exemptionCode: 'exemption_code',
    recurrence: 'recurrence',
    label: 'row_label',
    amount: context.fixedAmountColumn ?? 'amount',
    unitAmount: 'amount',
    flatAmount: 'flat_amount',
    upTo: 'conditions',
    mode: 'mode',
    tiers: 'conditions',
    minimumCharge: 'minimum_charge',
    includedUnits: 'included_units',
    index: 'index',
    formula: 'formula',
    variables: 'variables',
    dimensions: 'dimensions',
    rows: 'conditions',
    when: 'conditions',
    code: 'row_code',
    components: 'ref',
    ref: 'ref',
    quantity: 'quantity',
    discount: 'discount',
    percentBp: 'discount',
  };
  for (const issue of validateRule(payload)) {
    const index = /^(?:tiers|rows|components)\[(\d+)\]/.exec(issue.path)?.[1];
    const keys = issue.path.split(/[.[\]]+/).filter((k) => k && !/^\d+$/.test(k));
    const key = [...keys].reverse().find((k) => columnOf[k]) ?? keys[0] ?? '';
    // Rule-wide values written on one row of several (dimensions, a pack's discount) point at that row.
    const carrier = keys[0] === 'dimensions' || keys[0] === 'discount' ? cells.find((x) => text(x, keys[0] as PriceCellColumn)) : undefined;
    const cell = carrier ?? lineOf(index === undefined ? undefined : Number(index));
    c.fail(cell, columnOf[key] ?? 'rule_type', issue.message);
  }
  if (c.errors.length === 0 && type === 'grid') {
    for (const issue of validateGrid(payload as never)) {
      const at = issue.rows.filter((r) => r >= 0).at(-1);
      c.fail(lineOf(at), 'conditions', gridIssueText(issue));
    }
  }
  return c.errors.length > 0 ? { errors: c.errors } : { payload, errors: [] };
}
