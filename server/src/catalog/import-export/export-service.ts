import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import { companies } from '../../identity/schema.ts';
import type { PricingRule } from '../../pricing/engine/rules.ts';
import { productScopeColumns } from '../catalog-scope.ts';
import { partners, pricingRules, productPlans, products, productVersions, risks } from '../schema.ts';
import { minorToSpreadsheetNumber } from './amounts.ts';
import { formatBoolean, formatDate, formatPrice, GRID_COLUMNS, type GridColumn, PRODUCT_COLUMNS } from './columns.ts';
import { cellsOfRule, type PriceCellColumn } from './price-cells.ts';
import { writeCsv } from './csv.ts';
import { type SheetColumn, type SheetValue, writeWorkbook, writeXlsx } from './spreadsheet.ts';

type RuleRow = typeof pricingRules.$inferSelect;

export interface ProductExportRow {
  sku: string;
  name: string;
  company: string;
  riskCode: string;
  partner: string | null;
  revenueModel: string;
  status: string;
  version: number | null;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  planCode: string | null;
  planName: string | null;
  recurrence: string | null;
  ruleType: string | null;
  currency: string | null;
  /** Minor units, fixed rules only. */
  price: number | null;
  taxCategory: string | null;
  taxIncluded: boolean | null;
  exemptionCode: string | null;
}

/** One price cell of a plan: the plan, its rule's type and tax, and the cell's columns (see price-cells.ts). */
export interface GridExportRow {
  sku: string;
  version: number;
  planCode: string;
  ruleType: string;
  currency: string;
  taxIncluded: boolean;
  taxCategory: string;
  exemptionCode: string | null;
  cells: Partial<Record<PriceCellColumn, string>>;
}

/** Everything the actor may read, product by product, version by version, plan by plan. */
async function loadCatalog(db: DbOrTx, auth: AuthenticatedContext) {
  requirePermission(auth, 'catalog.read');
  const productRows = await db
    .select({ product: products, company: companies.brandName, currency: companies.currency, riskCode: risks.code, partner: partners.name })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .innerJoin(risks, eq(risks.id, products.riskId))
    .leftJoin(partners, eq(partners.id, products.partnerId))
    .where(inCompanyScope(productScopeColumns, auth, 'catalog.read'))
    .orderBy(asc(products.sku));
  const productIds = productRows.map((r) => r.product.id);
  const versions = productIds.length ? await db.select().from(productVersions).where(inArray(productVersions.productId, productIds)).orderBy(asc(productVersions.version)) : [];
  const versionIds = versions.map((v) => v.id);
  const plans = versionIds.length ? await db.select().from(productPlans).where(inArray(productPlans.productVersionId, versionIds)).orderBy(asc(productPlans.position), asc(productPlans.code)) : [];
  const rules = versionIds.length ? await db.select().from(pricingRules).where(inArray(pricingRules.productVersionId, versionIds)) : [];
  return { productRows, versions, plans, rules };
}

export async function productExportRows(db: DbOrTx, auth: AuthenticatedContext): Promise<ProductExportRow[]> {
  const { productRows, versions, plans, rules } = await loadCatalog(db, auth);
  const out: ProductExportRow[] = [];
  for (const { product, company, currency, riskCode, partner } of productRows) {
    const base = { sku: product.sku, name: product.name, company, riskCode, partner, revenueModel: product.revenueModel, status: product.lifecycleStatus };
    const empty = { planCode: null, planName: null, recurrence: null, ruleType: null, currency: null, price: null, taxCategory: null, taxIncluded: null, exemptionCode: null };
    const productVersionsOf = versions.filter((v) => v.productId === product.id);
    if (productVersionsOf.length === 0) out.push({ ...base, version: null, effectiveFrom: null, effectiveTo: null, ...empty });
    for (const version of productVersionsOf) {
      const versionPart = { version: version.version, effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo };
      const versionPlans = plans.filter((p) => p.productVersionId === version.id);
      if (versionPlans.length === 0) out.push({ ...base, ...versionPart, ...empty });
      for (const plan of versionPlans) {
        const rule = rules.find((r) => r.planId === plan.id);
        const payload = rule?.payload as Partial<PricingRule> | undefined;
        out.push({
          ...base,
          ...versionPart,
          planCode: plan.code,
          planName: plan.name,
          recurrence: plan.recurrence,
          ruleType: rule?.type ?? null,
          currency: rule?.currency ?? currency,
          price: payload?.type === 'fixed' ? (payload.amount ?? null) : null,
          taxCategory: rule?.taxCategory ?? null,
          taxIncluded: rule ? rule.taxIncluded : null,
          exemptionCode: typeof payload?.exemptionCode === 'string' ? payload.exemptionCode : null,
        });
      }
    }
  }
  return out;
}

function gridRowsOfRule(rule: RuleRow, head: { sku: string; version: number; planCode: string; planName: string }): GridExportRow[] {
  const payload = rule.payload as unknown as PricingRule;
  const base = {
    sku: head.sku,
    version: head.version,
    planCode: head.planCode,
    ruleType: rule.type,
    currency: rule.currency,
    taxIncluded: rule.taxIncluded,
    taxCategory: rule.taxCategory,
    exemptionCode: typeof payload.exemptionCode === 'string' ? payload.exemptionCode : null,
  };
  return cellsOfRule(payload, head.planName).map((cells) => ({ ...base, cells }));
}

export async function gridExportRows(db: DbOrTx, auth: AuthenticatedContext): Promise<GridExportRow[]> {
  const { productRows, versions, plans, rules } = await loadCatalog(db, auth);
  const out: GridExportRow[] = [];
  for (const { product } of productRows) {
    for (const version of versions.filter((v) => v.productId === product.id)) {
      for (const plan of plans.filter((p) => p.productVersionId === version.id)) {
        const rule = rules.find((r) => r.planId === plan.id);
        if (rule) out.push(...gridRowsOfRule(rule, { sku: product.sku, version: version.version, planCode: plan.code, planName: plan.name }));
      }
    }
  }
  return out;
}

const productCells = (r: ProductExportRow): string[] => [
  r.sku,
  r.name,
  r.company,
  r.riskCode,
  r.partner ?? '',
  r.revenueModel,
  r.status,
  r.version === null ? '' : String(r.version),
  formatDate(r.effectiveFrom),
  formatDate(r.effectiveTo),
  r.planCode ?? '',
  r.planName ?? '',
  r.recurrence ?? '',
  r.ruleType ?? '',
  r.currency ?? '',
  formatPrice(r.price),
  r.taxCategory ?? '',
  r.taxIncluded === null ? '' : formatBoolean(r.taxIncluded),
  r.exemptionCode ?? '',
];

export function productsCsv(rows: ProductExportRow[]): string {
  return writeCsv([[...PRODUCT_COLUMNS], ...rows.map(productCells)]);
}

function gridCell(r: GridExportRow, column: GridColumn): string {
  switch (column) {
    case 'sku':
      return r.sku;
    case 'version':
      return String(r.version);
    case 'plan_code':
      return r.planCode;
    case 'rule_type':
      return r.ruleType;
    case 'currency':
      return r.currency;
    case 'tax_included':
      return formatBoolean(r.taxIncluded);
    case 'tax_category':
      return r.taxCategory;
    case 'exemption_code':
      return r.exemptionCode ?? '';
    default:
      return r.cells[column] ?? '';
  }
}

export function gridsCsv(rows: GridExportRow[]): string {
  return writeCsv([[...GRID_COLUMNS], ...rows.map((r) => GRID_COLUMNS.map((column) => gridCell(r, column)))]);
}

const PRODUCT_SHEET: SheetColumn[] = PRODUCT_COLUMNS.map((header) => ({
  header,
  kind: header === 'price' ? 'money' : header === 'effective_from' || header === 'effective_to' ? 'date' : header === 'version' ? 'integer' : 'text',
  width: header === 'name' || header === 'plan_name' ? 32 : undefined,
}));

function productValues(rows: ProductExportRow[]): SheetValue[][] {
  return rows.map((r): SheetValue[] => {
    const text = productCells(r);
    return PRODUCT_COLUMNS.map((column, i) => {
      if (column === 'price') return r.price === null ? null : minorToSpreadsheetNumber(r.price);
      if (column === 'version') return r.version;
      if (column === 'effective_from') return r.effectiveFrom;
      if (column === 'effective_to') return r.effectiveTo;
      return text[i] ?? '';
    });
  });
}

export function productsXlsx(rows: ProductExportRow[]): Promise<Buffer> {
  return writeXlsx('Produits', PRODUCT_SHEET, productValues(rows));
}

const MONEY_CELLS: readonly GridColumn[] = ['amount', 'flat_amount', 'minimum_charge'];
const GRID_SHEET: SheetColumn[] = GRID_COLUMNS.map((header) => ({
  header,
  kind: MONEY_CELLS.includes(header) ? 'money' : header === 'version' ? 'integer' : 'text',
  width: header === 'conditions' || header === 'row_label' || header === 'dimensions' ? 40 : undefined,
}));

/** Amounts as numbers (built from their exact decimal text; unit prices may have more than two decimals). */
function gridValues(rows: GridExportRow[]): SheetValue[][] {
  return rows.map((r) =>
    GRID_COLUMNS.map((column): SheetValue => {
      if (column === 'version') return r.version;
      const text = gridCell(r, column);
      if (MONEY_CELLS.includes(column)) return text === '' ? null : Number(text.replace(',', '.'));
      return text;
    }),
  );
}

export function gridsXlsx(rows: GridExportRow[]): Promise<Buffer> {
  return writeXlsx('Grilles tarifaires', GRID_SHEET, gridValues(rows));
}

/** The whole catalog in one workbook, « Produits » then « Grilles tarifaires »: it re-imports as one job. */
export function catalogXlsx(products: ProductExportRow[], grids: GridExportRow[]): Promise<Buffer> {
  return writeWorkbook([
    { name: 'Produits', columns: PRODUCT_SHEET, rows: productValues(products) },
    { name: 'Grilles tarifaires', columns: GRID_SHEET, rows: gridValues(grids) },
  ]);
}
