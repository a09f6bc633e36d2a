import { type ExemptionCode, isExemptionCode, type TaxCategory } from '../../pricing/engine/tax.ts';
import { type LifecycleStatus, lifecycleLabels, lifecycleStatuses } from '../rules/lifecycle.ts';
import { formatMinor, parseMajorToMinor } from './amounts.ts';
import { PRICE_CELL_COLUMNS, type PriceCell, type PriceCellColumn } from './price-cells.ts';
import type { ImportError } from './schema.ts';

/**
 * The products file: one row per product × version × plan. The export writes these columns and the
 * import reads them back (by header name, any order), so an exported file re-imports as is.
 * `exemption_code` is needed to re-import VAT-exempt prices (training, CGI art. 261-4-4° a).
 */
export const PRODUCT_COLUMNS = [
  'sku',
  'name',
  'company',
  'risk_code',
  'partner',
  'revenue_model',
  'status',
  'version',
  'effective_from',
  'effective_to',
  'plan_code',
  'plan_name',
  'recurrence',
  'rule_type',
  'currency',
  'price',
  'tax_category',
  'tax_included',
  'exemption_code',
] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

/**
 * The price grid file: one row per price cell (a fixed price, a tier, a grid row, a pack component…) of a plan,
 * named by sku, version and plan_code. The first nine columns are the historical export; the others carry what each
 * rule type needs (see price-cells.ts `RULE_TYPE_COLUMNS`) so that the file re-imports to the same rules.
 */
export const GRID_COLUMNS = [
  'sku',
  'version',
  'plan_code',
  'rule_type',
  'row_label',
  'conditions',
  'currency',
  'amount',
  'tax_included',
  'tax_category',
  'exemption_code',
  'mode',
  'flat_amount',
  'row_code',
  'dimensions',
  'unit',
  'included_units',
  'minimum_charge',
  'index',
  'formula',
  'variables',
  'ref',
  'quantity',
  'discount',
] as const satisfies readonly (ProductColumn | PriceCellColumn | 'tax_category')[];
export type GridColumn = (typeof GRID_COLUMNS)[number];
/** Any column either file may hold: a products file may also carry price cells (one row per tier, say). */
export type AnyColumn = ProductColumn | GridColumn;
const ALL_COLUMNS: readonly AnyColumn[] = [...new Set<AnyColumn>([...PRODUCT_COLUMNS, ...GRID_COLUMNS])];
const PRICE_REQUIRED: readonly AnyColumn[] = ['sku', 'version', 'plan_code', 'rule_type'];

const REQUIRED_COLUMNS: readonly ProductColumn[] = ['sku', 'name', 'company', 'risk_code', 'revenue_model'];
const REVENUE_MODELS = ['revenue', 'commission', 'mixed'] as const;
const RECURRENCES = ['one_shot', 'monthly', 'yearly', 'custom'] as const;
export const RULE_TYPES = ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle'] as const;
const TAX_CATEGORIES: readonly TaxCategory[] = ['standard', 'intermediate', 'reduced', 'super_reduced', 'accommodation', 'exempt'];

/** What a reader hands over: text, or a date from a spreadsheet's date cell. */
export type Cell = string | Date;

export interface RawRow {
  line: number;
  /** The sheet's name when the workbook has several. */
  sheet?: string;
  cells: Partial<Record<AnyColumn, Cell>>;
}

export type FileKind = 'products' | 'prices';
export type RuleType = (typeof RULE_TYPES)[number];

/** A row of the price grid file: one price cell of a plan named by sku, version and plan code. */
export interface PriceRow {
  line: number;
  sheet?: string;
  sku: string;
  version: number;
  planCode: string;
  ruleType: RuleType;
  currency: string | null;
  /** Null when the cell is empty (the plan's other rows or its rule in place decide). */
  taxIncluded: boolean | null;
  taxCategory: TaxCategory | null;
  exemptionCode: ExemptionCode | null;
  cell: PriceCell;
}

export interface ImportRow {
  line: number;
  sheet?: string;
  sku: string;
  name: string;
  company: string;
  riskCode: string;
  partner: string | null;
  revenueModel: (typeof REVENUE_MODELS)[number];
  status: LifecycleStatus | null;
  version: number | null;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  plan: {
    code: string;
    name: string;
    recurrence: (typeof RECURRENCES)[number];
    ruleType: (typeof RULE_TYPES)[number] | null;
    currency: string | null;
    /** Integer minor units (fixed rules only). */
    price: number | null;
    taxCategory: TaxCategory;
    taxIncluded: boolean;
    exemptionCode: ExemptionCode | null;
    /** Set when the row also carries a price cell (a tier, a grid row…): several rows then make one plan. */
    cell: PriceCell | null;
  } | null;
}

/** `2026-01-01` for a UTC midnight (what versions usually start at), else the full ISO instant. */
export function formatDate(date: Date | null): string {
  if (!date) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** `2026-01-01`, `01/01/2026` (UTC midnight), an ISO instant with its offset, or a spreadsheet date. */
export function parseDate(cell: Cell): Date | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell;
  const text = cell.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return utcDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (match) return utcDate(Number(match[3]), Number(match[2]), Number(match[1]));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

export const formatBoolean = (value: boolean) => (value ? 'oui' : 'non');

export function formatPrice(minor: number | null): string {
  return minor === null ? '' : formatMinor(minor);
}

/**
 * Header cells → the column each position holds and the kind of file: a products file has a `name` column, a price
 * grid file has none. Unknown headers are ignored, missing required ones are errors.
 */
export function mapHeader(header: string[], line = 1, sheet?: string): { kind: FileKind; columns: (AnyColumn | null)[]; errors: ImportError[] } {
  const columns = header.map((name) => {
    const key = name.trim().toLowerCase().replace(/^\uFEFF/, '');
    return (ALL_COLUMNS as readonly string[]).includes(key) ? (key as AnyColumn) : null;
  });
  const kind: FileKind = columns.includes('name') ? 'products' : 'prices';
  const required = kind === 'products' ? REQUIRED_COLUMNS : PRICE_REQUIRED;
  const where = sheet ? `feuille « ${sheet} », ` : '';
  const errors = required
    .filter((c) => !columns.includes(c))
    .map((column) => ({ line, column, message: `${where}ligne ${line}, colonne ${column} : colonne manquante`, ...(sheet ? { sheet } : {}) }));
  return { kind, columns, errors };
}

type Fail = (column: AnyColumn, message: string) => void;

function rowReader(raw: RawRow, errors: ImportError[]) {
  const where = raw.sheet ? `feuille « ${raw.sheet} », ` : '';
  const fail: Fail = (column, message) => errors.push({ line: raw.line, column, message: `${where}ligne ${raw.line}, colonne ${column} : ${message}`, ...(raw.sheet ? { sheet: raw.sheet } : {}) });
  const text = (column: AnyColumn): string => {
    const cell = raw.cells[column];
    if (cell === undefined) return '';
    return cell instanceof Date ? cell.toISOString() : cell.trim();
  };
  const required = (column: AnyColumn): string => {
    const value = text(column);
    if (!value) fail(column, 'valeur requise');
    return value;
  };
  const oneOf = <T extends string>(column: AnyColumn, allowed: readonly T[], value: string): T | null => {
    if (!value) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    fail(column, `valeur inconnue « ${value} » (attendu : ${allowed.join(', ')})`);
    return null;
  };
  /** The row's price cell, when any of its price columns is filled. */
  const priceCell = (): PriceCell | null => {
    const texts: Partial<Record<PriceCellColumn, string>> = {};
    let filled = false;
    for (const column of PRICE_CELL_COLUMNS) {
      const value = text(column);
      if (value) {
        texts[column] = value;
        filled = true;
      }
    }
    return filled ? { line: raw.line, ...(raw.sheet ? { sheet: raw.sheet } : {}), texts } : null;
  };
  const taxIncluded = (): boolean | null => {
    const value = text('tax_included').toLowerCase();
    if (!value) return null;
    if (['non', 'no', 'false', '0', 'ht'].includes(value)) return false;
    if (['oui', 'yes', 'true', '1', 'ttc'].includes(value)) return true;
    fail('tax_included', `valeur inconnue « ${value} » (oui ou non)`);
    return null;
  };
  const exemption = (): ExemptionCode | null => {
    const value = text('exemption_code');
    if (!value) return null;
    if (isExemptionCode(value)) return value;
    fail('exemption_code', `code d’exonération inconnu « ${value} »`);
    return null;
  };
  const currency = (): string | null => {
    const value = text('currency').toUpperCase() || null;
    if (value && value !== 'EUR' && value !== 'CHF') fail('currency', `devise inconnue « ${value} » (EUR ou CHF)`);
    return value;
  };
  return { fail, text, required, oneOf, priceCell, taxIncluded, exemption, currency };
}

/** Checks a row of the price grid file on its own. */
export function validatePriceRow(raw: RawRow): { row?: PriceRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const r = rowReader(raw, errors);
  const sku = r.required('sku').toUpperCase();
  const versionText = r.required('version');
  if (versionText && !/^[1-9]\d{0,5}$/.test(versionText)) r.fail('version', `numéro de version invalide « ${versionText} »`);
  const planCode = r.required('plan_code').toUpperCase();
  if (planCode && !/^[A-Z0-9_-]{1,60}$/.test(planCode)) r.fail('plan_code', `code de formule invalide « ${planCode} »`);
  const ruleType = r.oneOf('rule_type', RULE_TYPES, r.required('rule_type'));
  const currency = r.currency();
  const taxIncluded = r.taxIncluded();
  const taxCategory = r.oneOf('tax_category', TAX_CATEGORIES, r.text('tax_category'));
  const exemptionCode = r.exemption();
  const cell = r.priceCell();
  if (!cell) r.fail('amount', 'ligne de prix vide (montant, paliers ou conditions attendus)');
  if (errors.length > 0) return { errors };
  return { row: { line: raw.line, ...(raw.sheet ? { sheet: raw.sheet } : {}), sku, version: Number(versionText), planCode, ruleType: ruleType!, currency, taxIncluded, taxCategory, exemptionCode, cell: cell! }, errors };
}

/** Checks every cell of a row on its own (no database); every problem is reported, not just the first. */
export function validateRow(raw: RawRow): { row?: ImportRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const { fail, text, required, oneOf, priceCell, taxIncluded: readTaxIncluded, exemption, currency: readCurrency } = rowReader(raw, errors);

  const sku = required('sku').toUpperCase();
  if (sku && !/^[A-Z0-9][A-Z0-9._-]*$/.test(sku)) fail('sku', `SKU invalide « ${sku} » (majuscules, chiffres, point, tiret)`);
  if (sku.length > 80) fail('sku', 'SKU trop long (80 caractères au plus)');
  const name = required('name');
  if (name.length > 160) fail('name', 'nom trop long (160 caractères au plus)');
  const company = required('company');
  const riskCode = required('risk_code');
  const revenueText = required('revenue_model');
  const revenueModel = oneOf('revenue_model', REVENUE_MODELS, revenueText);

  const statusText = text('status');
  const byLabel = lifecycleStatuses.find((s) => lifecycleLabels[s].fr.toLowerCase() === statusText.toLowerCase());
  const status = byLabel ?? oneOf('status', lifecycleStatuses, statusText.toLowerCase());

  const versionText = text('version');
  let version: number | null = null;
  if (versionText) {
    if (/^[1-9]\d{0,5}$/.test(versionText)) version = Number(versionText);
    else fail('version', `numéro de version invalide « ${versionText} »`);
  }
  const dateOf = (column: 'effective_from' | 'effective_to'): Date | null => {
    const cell = raw.cells[column];
    if (cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return null;
    const date = parseDate(cell);
    if (!date) fail(column, `date invalide « ${String(cell)} » (AAAA-MM-JJ ou JJ/MM/AAAA)`);
    return date ?? null;
  };
  const effectiveFrom = dateOf('effective_from');
  const effectiveTo = dateOf('effective_to');
  if (effectiveFrom && effectiveTo && effectiveTo <= effectiveFrom) fail('effective_to', 'la fin doit suivre le début');
  if ((effectiveFrom || effectiveTo) && version === null && !versionText) fail('version', 'numéro de version requis avec des dates');

  let plan: ImportRow['plan'] = null;
  const planCode = text('plan_code').toUpperCase();
  if (planCode) {
    if (!/^[A-Z0-9_-]{1,60}$/.test(planCode)) fail('plan_code', `code de formule invalide « ${planCode} »`);
    if (!versionText) fail('version', 'numéro de version requis pour une formule');
    const planName = required('plan_name');
    const recurrence = oneOf('recurrence', RECURRENCES, required('recurrence'));
    const ruleType = oneOf('rule_type', RULE_TYPES, text('rule_type'));
    const currency = readCurrency();
    const priceText = text('price');
    let price: number | null = null;
    if (priceText) {
      const parsed = parseMajorToMinor(priceText);
      if (parsed === undefined || parsed < 0) fail('price', `montant invalide « ${priceText} »`);
      else price = parsed;
    }
    const cell = priceCell();
    if (ruleType === 'fixed' && !priceText && !cell?.texts.amount) fail('price', 'montant requis pour un prix fixe');
    if (ruleType === 'fixed' && priceText && cell?.texts.amount) fail('amount', 'montant en double : colonne price ou amount, pas les deux');
    if (ruleType !== 'fixed' && priceText && !errors.some((e) => e.column === 'rule_type')) {
      fail('price', 'la colonne price ne sert qu’aux prix fixes ; les autres règles prennent leurs montants dans les colonnes de grille (amount, conditions…)');
    }
    if (cell && !ruleType) fail('rule_type', 'type de règle requis avec des colonnes de prix');
    const taxCategory = oneOf('tax_category', TAX_CATEGORIES, text('tax_category')) ?? 'standard';
    const taxIncluded = readTaxIncluded() ?? true;
    const exemptionCode = exemption();
    if (ruleType === 'fixed' && taxCategory === 'exempt' && !exemptionCode && !text('exemption_code')) fail('exemption_code', 'code d’exonération requis pour un prix exonéré');
    plan = { code: planCode, name: planName, recurrence: recurrence ?? 'monthly', ruleType, currency, price, taxCategory, taxIncluded, exemptionCode, cell };
  } else {
    for (const column of ['plan_name', 'price', 'amount', 'conditions'] as const) if (text(column)) fail('plan_code', `code de formule requis avec la colonne ${column}`);
  }

  if (errors.length > 0) return { errors };
  return { row: { line: raw.line, ...(raw.sheet ? { sheet: raw.sheet } : {}), sku, name, company, riskCode, partner: text('partner') || null, revenueModel: revenueModel!, status, version, effectiveFrom, effectiveTo, plan }, errors };
}
