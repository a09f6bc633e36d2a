import { type ExemptionCode, isExemptionCode, type TaxCategory } from '../../pricing/engine/tax.ts';
import { type LifecycleStatus, lifecycleLabels, lifecycleStatuses } from '../rules/lifecycle.ts';
import { formatMinor, parseMajorToMinor } from './amounts.ts';
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

export const GRID_COLUMNS = ['sku', 'version', 'plan_code', 'rule_type', 'row_label', 'conditions', 'currency', 'amount', 'tax_included'] as const;

const REQUIRED_COLUMNS: readonly ProductColumn[] = ['sku', 'name', 'company', 'risk_code', 'revenue_model'];
const REVENUE_MODELS = ['revenue', 'commission', 'mixed'] as const;
const RECURRENCES = ['one_shot', 'monthly', 'yearly', 'custom'] as const;
export const RULE_TYPES = ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle'] as const;
const TAX_CATEGORIES: readonly TaxCategory[] = ['standard', 'intermediate', 'reduced', 'super_reduced', 'accommodation', 'exempt'];

/** What a reader hands over: text, or a date from a spreadsheet's date cell. */
export type Cell = string | Date;

export interface RawRow {
  line: number;
  cells: Partial<Record<ProductColumn, Cell>>;
}

export interface ImportRow {
  line: number;
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

/** Header cells → the column each position holds; unknown headers are ignored, missing required ones are errors. */
export function mapHeader(header: string[]): { columns: (ProductColumn | null)[]; errors: ImportError[] } {
  const columns = header.map((name) => {
    const key = name.trim().toLowerCase().replace(/^\uFEFF/, '');
    return (PRODUCT_COLUMNS as readonly string[]).includes(key) ? (key as ProductColumn) : null;
  });
  const errors = REQUIRED_COLUMNS.filter((c) => !columns.includes(c)).map((column) => ({ line: 1, column, message: `ligne 1, colonne ${column} : colonne manquante` }));
  return { columns, errors };
}

/** Checks every cell of a row on its own (no database); every problem is reported, not just the first. */
export function validateRow(raw: RawRow): { row?: ImportRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (column: ProductColumn, message: string) => errors.push({ line: raw.line, column, message: `ligne ${raw.line}, colonne ${column} : ${message}` });
  const text = (column: ProductColumn): string => {
    const cell = raw.cells[column];
    if (cell === undefined) return '';
    return cell instanceof Date ? cell.toISOString() : cell.trim();
  };
  const required = (column: ProductColumn): string => {
    const value = text(column);
    if (!value) fail(column, 'valeur requise');
    return value;
  };
  const oneOf = <T extends string>(column: ProductColumn, allowed: readonly T[], value: string): T | null => {
    if (!value) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    fail(column, `valeur inconnue « ${value} » (attendu : ${allowed.join(', ')})`);
    return null;
  };

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
    const currency = text('currency').toUpperCase() || null;
    if (currency && currency !== 'EUR' && currency !== 'CHF') fail('currency', `devise inconnue « ${currency} » (EUR ou CHF)`);
    const priceText = text('price');
    let price: number | null = null;
    if (priceText) {
      const parsed = parseMajorToMinor(priceText);
      if (parsed === undefined || parsed < 0) fail('price', `montant invalide « ${priceText} »`);
      else price = parsed;
    }
    if (ruleType === 'fixed' && !priceText) fail('price', 'montant requis pour un prix fixe');
    if (ruleType !== 'fixed' && priceText && !errors.some((e) => e.column === 'rule_type')) fail('price', 'un montant ne s’importe que pour un prix fixe (rule_type fixed)');
    const taxCategory = oneOf('tax_category', TAX_CATEGORIES, text('tax_category')) ?? 'standard';
    const includedText = text('tax_included').toLowerCase();
    let taxIncluded = true;
    if (['non', 'no', 'false', '0', 'ht'].includes(includedText)) taxIncluded = false;
    else if (includedText && !['oui', 'yes', 'true', '1', 'ttc'].includes(includedText)) fail('tax_included', `valeur inconnue « ${includedText} » (oui ou non)`);
    const exemptionText = text('exemption_code');
    let exemptionCode: ExemptionCode | null = null;
    if (exemptionText) {
      if (isExemptionCode(exemptionText)) exemptionCode = exemptionText;
      else fail('exemption_code', `code d’exonération inconnu « ${exemptionText} »`);
    }
    if (ruleType === 'fixed' && taxCategory === 'exempt' && !exemptionText) fail('exemption_code', 'code d’exonération requis pour un prix exonéré');
    plan = { code: planCode, name: planName, recurrence: recurrence ?? 'monthly', ruleType, currency, price, taxCategory, taxIncluded, exemptionCode };
  } else {
    for (const column of ['plan_name', 'price'] as const) if (text(column)) fail('plan_code', `code de formule requis avec la colonne ${column}`);
  }

  if (errors.length > 0) return { errors };
  return { row: { line: raw.line, sku, name, company, riskCode, partner: text('partner') || null, revenueModel: revenueModel!, status, version, effectiveFrom, effectiveTo, plan }, errors };
}
