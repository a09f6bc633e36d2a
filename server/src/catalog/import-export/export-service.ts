import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import { companies } from '../../identity/schema.ts';
import type { Condition, GridDimension, GridRule, PricingRule } from '../../pricing/engine/rules.ts';
import { productScopeColumns } from '../catalog-scope.ts';
import { partners, pricingRules, productPlans, products, productVersions, risks } from '../schema.ts';
import { formatMinor, formatMinorDecimal, minorToSpreadsheetNumber } from './amounts.ts';
import { formatBoolean, formatDate, formatPrice, GRID_COLUMNS, PRODUCT_COLUMNS } from './columns.ts';
import { writeCsv } from './csv.ts';
import { type SheetColumn, type SheetValue, writeXlsx } from './spreadsheet.ts';

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

export interface GridExportRow {
  sku: string;
  version: number;
  planCode: string;
  ruleType: string;
  rowLabel: string;
  conditions: string;
  currency: string;
  /** Decimal string of minor units (unit prices may hold fractions of a cent); null when the rule has no amount. */
  amount: string | null;
  taxIncluded: boolean;
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

function describeCondition(condition: Condition, dimensions: Record<string, GridDimension> | undefined): string {
  const name = dimensions?.[condition.attribute]?.label ?? condition.attribute;
  switch (condition.op) {
    case 'eq':
      return `${name} = ${String(condition.value)}`;
    case 'in':
      return `${name} parmi ${condition.values.join(', ')}`;
    case 'between':
      if (condition.min !== undefined && condition.max !== undefined) return `${name} de ${condition.min} à ${condition.max}`;
      return condition.min !== undefined ? `${name} à partir de ${condition.min}` : `${name} jusqu’à ${condition.max}`;
    case 'is_true':
      return `${name} est vrai`;
  }
}

function gridRowsOfRule(rule: RuleRow, head: { sku: string; version: number; planCode: string; planName: string }): GridExportRow[] {
  const base = { ...head, ruleType: rule.type, currency: rule.currency, taxIncluded: rule.taxIncluded };
  const payload = rule.payload as unknown as PricingRule;
  const row = (rowLabel: string, conditions: string, amount: string | null): GridExportRow => ({ sku: base.sku, version: base.version, planCode: base.planCode, ruleType: base.ruleType, currency: base.currency, taxIncluded: base.taxIncluded, rowLabel, conditions, amount });
  switch (payload.type) {
    case 'fixed':
      return [row(payload.label ?? head.planName, '', String(payload.amount))];
    case 'tiered': {
      let previous = 0;
      return payload.tiers.map((tier, index) => {
        const from = previous + 1;
        previous = tier.upTo ?? previous;
        const range = tier.upTo === null ? `quantité à partir de ${from}` : `quantité de ${from} à ${tier.upTo}`;
        const flat = tier.flatAmount ? ` + forfait ${formatMinor(tier.flatAmount)}` : '';
        return row(`Palier ${index + 1} (${payload.mode === 'volume' ? 'volume' : 'progressif'})${flat}`, range, tier.unitAmount);
      });
    }
    case 'grid':
      return (payload as GridRule).rows.map((r) => row(r.label, r.when.length ? r.when.map((c) => describeCondition(c, payload.dimensions)).join(' et ') : 'toujours', String(r.amount)));
    case 'usage':
      return [row(`Prix par ${payload.unit ?? 'unité'}`, payload.includedUnits ? `au-delà de ${payload.includedUnits} ${payload.unit ?? 'unités'} incluses` : '', payload.unitAmount)];
    case 'indexed':
      return [row(`Indexé sur ${payload.index}`, payload.formula, null)];
    case 'bundle':
      return [row('Pack', payload.components.map((c) => `${c.quantity} × ${c.ref}`).join(', '), payload.discount?.amount !== undefined ? String(payload.discount.amount) : null)];
    default:
      return [row(rule.type, '', null)];
  }
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

export function gridsCsv(rows: GridExportRow[]): string {
  return writeCsv([
    [...GRID_COLUMNS],
    ...rows.map((r) => [r.sku, String(r.version), r.planCode, r.ruleType, r.rowLabel, r.conditions, r.currency, r.amount === null ? '' : formatMinorDecimal(r.amount), formatBoolean(r.taxIncluded)]),
  ]);
}

const PRODUCT_SHEET: SheetColumn[] = PRODUCT_COLUMNS.map((header) => ({
  header,
  kind: header === 'price' ? 'money' : header === 'effective_from' || header === 'effective_to' ? 'date' : header === 'version' ? 'integer' : 'text',
  width: header === 'name' || header === 'plan_name' ? 32 : undefined,
}));

export function productsXlsx(rows: ProductExportRow[]): Promise<Buffer> {
  const values = rows.map((r): SheetValue[] => {
    const text = productCells(r);
    return PRODUCT_COLUMNS.map((column, i) => {
      if (column === 'price') return r.price === null ? null : minorToSpreadsheetNumber(r.price);
      if (column === 'version') return r.version;
      if (column === 'effective_from') return r.effectiveFrom;
      if (column === 'effective_to') return r.effectiveTo;
      return text[i] ?? '';
    });
  });
  return writeXlsx('Produits', PRODUCT_SHEET, values);
}

export function gridsXlsx(rows: GridExportRow[]): Promise<Buffer> {
  const columns: SheetColumn[] = GRID_COLUMNS.map((header) => ({ header, kind: header === 'amount' ? 'money' : header === 'version' ? 'integer' : 'text', width: header === 'conditions' || header === 'row_label' ? 40 : undefined }));
  return writeXlsx(
    'Grilles tarifaires',
    columns,
    rows.map((r) => [r.sku, r.version, r.planCode, r.ruleType, r.rowLabel, r.conditions, r.currency, r.amount === null ? null : Number(formatMinorDecimal(r.amount, '.')), formatBoolean(r.taxIncluded)]),
  );
}
