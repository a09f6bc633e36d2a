import { and, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { type AuthenticatedContext, can, toGrants } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies, memberships, users, workspaces } from '../../identity/schema.ts';
import type { ExemptionCode, TaxCategory } from '../../pricing/engine/tax.ts';
import { recurrenceOfPlan } from '../pricing/engine-mapping.ts';
import { canTransition, isLocked, type LifecycleStatus } from '../rules/lifecycle.ts';
import { partners, pricingRules, productPlans, products, productVersions, publications, risks } from '../schema.ts';
import { searchTextOf } from '../products/product-service.ts';
import { loadVersionContents, toSnapshot } from '../versions/version-snapshot.ts';
import { formatMinor, parseMajorToMinor } from './amounts.ts';
import { type AnyColumn, type ImportRow, type PriceRow, type RuleType, validatePriceRow, validateRow } from './columns.ts';
import { buildRule, type PriceCell, SEED_INDICES } from './price-cells.ts';
import { readImportFile } from './read-file.ts';
import { type ImportError, importJobs } from './schema.ts';

type ProductRow = typeof products.$inferSelect;
type VersionRow = typeof productVersions.$inferSelect;
type PlanRow = typeof productPlans.$inferSelect;
type RuleRow = typeof pricingRules.$inferSelect;
type CompanyRow = { id: string; brandName: string; legalName: string; currency: string };

export const PROGRESS_EVERY = 100;

/** What the file says about a plan's rule (type and tax), from its products row or else its first price row. */
interface RuleSettings {
  line: number;
  sheet?: string;
  ruleType: RuleType | null;
  currency: string | null;
  taxCategory: TaxCategory | null;
  taxIncluded: boolean | null;
  exemptionCode: ExemptionCode | null;
  /** Fixed price from the products file's `price` column. */
  price: number | null;
}

interface PlanSpec {
  line: number;
  sheet?: string;
  code: string;
  name: string;
  recurrence: string;
  billingCycleDays: number | null;
  /** From the products file (null: the plan is only priced by the price grid file). */
  settings: RuleSettings | null;
  /** Price rows of the plan, in file order (tiers, grid rows, components…). */
  cells: PriceCell[];
  /** The desired rule (null: the plan has no price). */
  rule: { type: string; payload: Record<string, unknown>; taxCategory: string; taxIncluded: boolean } | null;
  existing?: { plan: PlanRow; rule: RuleRow | undefined };
  action: 'create' | 'update' | 'unchanged';
}

interface VersionSpec {
  line: number;
  number: number;
  effectiveFrom: Date | null;
  effectiveTo: Date | null;
  existing?: VersionRow;
  plans: Map<string, PlanSpec>;
}

interface ProductSpec {
  line: number;
  row: ImportRow;
  company: CompanyRow;
  riskId: string;
  partnerId: string | null;
  status: LifecycleStatus;
  existing?: ProductRow;
  action: 'create' | 'update' | 'unchanged';
  versions: Map<number, VersionSpec>;
  /** Only named by the price grid file: the product itself is left as it is and not counted. */
  priceOnly?: boolean;
}

export interface ImportPlan {
  products: ProductSpec[];
  counts: { created: number; updated: number; unchanged: number };
}

/** JSON with sorted keys: compares rule payloads whatever the key order jsonb gave back. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameInstant = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : Math.round(a.getTime() / 1000) === Math.round(b.getTime() / 1000));
const norm = (s: string) => s.trim().toLowerCase();

/**
 * Checks every row against the workspace's catalog and works out what applying the file would do,
 * without writing anything. Every problem is an error with its line and column.
 */
export async function planImport(
  db: DbOrTx,
  auth: AuthenticatedContext,
  rows: ImportRow[],
  now: Date,
  onRow: (processed: number) => Promise<void> = async () => {},
  priceRows: PriceRow[] = [],
): Promise<{ plan: ImportPlan; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const sheetOf = new Map<number, string>();
  const failAt = (at: { line: number; sheet?: string }, column: AnyColumn | 'recurrence', message: string) =>
    errors.push({ line: at.line, column, message: `${at.sheet ? `feuille « ${at.sheet} », ` : ''}ligne ${at.line}, colonne ${column} : ${message}`, ...(at.sheet ? { sheet: at.sheet } : {}) });
  const fail = (line: number, column: AnyColumn | 'recurrence', message: string) => failAt({ line, sheet: sheetOf.get(line) }, column, message);
  const workspaceId = auth.workspace.id;
  const companyRows: CompanyRow[] = await db.select({ id: companies.id, brandName: companies.brandName, legalName: companies.legalName, currency: companies.currency }).from(companies).where(eq(companies.workspaceId, workspaceId));
  const riskRows = await db.select().from(risks).where(eq(risks.workspaceId, workspaceId));
  const partnerRows = await db.select().from(partners).where(eq(partners.workspaceId, workspaceId));
  for (const row of rows) if (row.sheet) sheetOf.set(row.line, row.sheet);
  const skus = [...new Set([...rows.map((r) => r.sku), ...priceRows.map((r) => r.sku)])];
  const existingProducts = skus.length ? await db.select().from(products).where(and(eq(products.workspaceId, workspaceId), inArray(products.sku, skus))) : [];
  const productIds = existingProducts.map((p) => p.id);
  const existingVersions = productIds.length ? await db.select().from(productVersions).where(inArray(productVersions.productId, productIds)) : [];
  const versionIds = existingVersions.map((v) => v.id);
  const existingPlans = versionIds.length ? await db.select().from(productPlans).where(inArray(productPlans.productVersionId, versionIds)) : [];
  const existingRules = versionIds.length ? await db.select().from(pricingRules).where(inArray(pricingRules.productVersionId, versionIds)) : [];
  const publicationRows = versionIds.length ? await db.select({ versionId: publications.productVersionId, startAt: publications.startAt, endAt: publications.endAt }).from(publications).where(inArray(publications.productVersionId, versionIds)) : [];
  const published = new Set(publicationRows.map((p) => p.versionId));
  const knownIndices = new Set<string>(SEED_INDICES);
  const indexed = await db
    .select({ payload: pricingRules.payload })
    .from(pricingRules)
    .innerJoin(productVersions, eq(productVersions.id, pricingRules.productVersionId))
    .where(and(eq(productVersions.workspaceId, workspaceId), eq(pricingRules.type, 'indexed')));
  for (const { payload } of indexed) if (typeof payload.index === 'string') knownIndices.add(payload.index);
  const livePublished = new Set(publicationRows.filter((p) => p.startAt <= now && (p.endAt === null || p.endAt > now)).map((p) => existingVersions.find((v) => v.id === p.versionId)?.productId));

  const specs = new Map<string, ProductSpec>();
  let processed = 0;
  for (const row of rows) {
    processed++;
    if (processed % PROGRESS_EVERY === 0) await onRow(processed);
    const before = errors.length;
    const line = row.line;
    const matches = companyRows.filter((c) => norm(c.brandName) === norm(row.company) || norm(c.legalName) === norm(row.company));
    const company = matches.length === 1 ? matches[0] : undefined;
    if (matches.length > 1) fail(line, 'company', `société ambiguë « ${row.company} »`);
    else if (!company) fail(line, 'company', `société inconnue dans cet espace « ${row.company} »`);
    else if (!can(auth, 'catalog.write', company.id)) fail(line, 'company', `société « ${row.company} » hors de votre périmètre (catalog.write)`);
    if (errors.length > before || !company) continue;

    const existing = existingProducts.find((p) => p.sku === row.sku);
    if (existing && existing.companyId !== company.id) {
      fail(line, 'company', `le SKU ${row.sku} appartient déjà à une autre société`);
      continue;
    }
    const risk = riskRows.find((r) => r.code === row.riskCode && (r.companyId === company.id || r.isGlobal));
    if (!risk) fail(line, 'risk_code', `risque inconnu pour ${company.brandName} « ${row.riskCode} »`);
    const partner = row.partner ? partnerRows.find((p) => p.companyId === company.id && norm(p.name) === norm(row.partner!)) : undefined;
    if (row.partner && !partner) fail(line, 'partner', `partenaire inconnu pour ${company.brandName} « ${row.partner} »`);
    if (errors.length > before) continue;

    let spec = specs.get(row.sku);
    if (spec) {
      const first = spec.line;
      const differs = (column: AnyColumn, a: unknown, b: unknown) => {
        if (a !== b) fail(line, column, `diffère de la ligne ${first} pour le même SKU`);
      };
      differs('name', row.name, spec.row.name);
      differs('company', company.id, spec.company.id);
      differs('risk_code', risk!.id, spec.riskId);
      differs('partner', partner?.id ?? null, spec.partnerId);
      differs('revenue_model', row.revenueModel, spec.row.revenueModel);
      if (row.status && row.status !== spec.status) fail(line, 'status', `diffère de la ligne ${first} pour le même SKU`);
      if (errors.length > before) continue;
    } else {
      const status = row.status ?? (existing?.lifecycleStatus as LifecycleStatus | undefined) ?? 'draft';
      spec = { line, row, company, riskId: risk!.id, partnerId: partner?.id ?? null, status, existing, action: 'unchanged', versions: new Map() };
      if (!existing) {
        spec.action = 'create';
        if (status !== 'draft' && status !== 'test') fail(line, 'status', `un nouveau produit commence en brouillon (draft) ou en test, pas « ${status} »`);
      } else {
        const from = existing.lifecycleStatus as LifecycleStatus;
        if (existing.revenueModel !== row.revenueModel) fail(line, 'revenue_model', `le modèle de revenu ne se modifie pas par import (${existing.revenueModel})`);
        const referencesChange = existing.riskId !== spec.riskId || existing.partnerId !== spec.partnerId;
        if (referencesChange && isLocked(from, livePublished.has(existing.id))) {
          fail(line, existing.riskId !== spec.riskId ? 'risk_code' : 'partner', 'produit actif et publié : le risque et le partenaire ne changent que par une nouvelle version');
        }
        if (status !== from) {
          if (!canTransition(from, status)) fail(line, 'status', `passage de « ${from} » à « ${status} » non autorisé`);
          else if (status === 'active' && !can(auth, 'catalog.publish', company.id)) fail(line, 'status', 'la mise en service (active) demande la permission catalog.publish');
        }
        if (referencesChange || status !== from || existing.name !== row.name) spec.action = 'update';
      }
      specs.set(row.sku, spec);
      if (errors.length > before) continue;
    }

    if (row.version === null) continue;
    let version = spec.versions.get(row.version);
    const existingVersion = existing ? existingVersions.find((v) => v.productId === existing.id && v.version === row.version) : undefined;
    if (!version) {
      version = { line, number: row.version, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, existing: existingVersion, plans: new Map() };
      if (existingVersion) {
        if (row.effectiveFrom && !sameInstant(row.effectiveFrom, existingVersion.effectiveFrom)) fail(line, 'effective_from', `diffère de la version ${row.version} existante (${existingVersion.effectiveFrom.toISOString()}) : créez une nouvelle version`);
        if (row.effectiveTo && !sameInstant(row.effectiveTo, existingVersion.effectiveTo)) fail(line, 'effective_to', `diffère de la version ${row.version} existante : créez une nouvelle version`);
      } else if (!row.effectiveFrom) fail(line, 'effective_from', `date de début requise pour créer la version ${row.version}`);
      spec.versions.set(row.version, version);
    } else {
      if (row.effectiveFrom && version.effectiveFrom && !sameInstant(row.effectiveFrom, version.effectiveFrom)) fail(line, 'effective_from', `diffère de la ligne ${version.line} pour la même version`);
      if (row.effectiveTo && version.effectiveTo && !sameInstant(row.effectiveTo, version.effectiveTo)) fail(line, 'effective_to', `diffère de la ligne ${version.line} pour la même version`);
      version.effectiveFrom ??= row.effectiveFrom;
      version.effectiveTo ??= row.effectiveTo;
    }
    if (!row.plan) continue;

    const input = row.plan;
    const twin = version.plans.get(input.code);
    if (twin) {
      // Several rows of one plan are its price cells (tiers, grid rows…): the plan's columns must agree.
      if (input.cell && twin.settings && twin.cells.length > 0) {
        const first = twin.settings;
        const differs = (column: AnyColumn, a: unknown, b: unknown) => {
          if (a !== b) fail(line, column, `diffère de la ligne ${twin.line} pour la même formule`);
        };
        differs('plan_name', input.name, twin.name);
        differs('recurrence', input.recurrence, twin.recurrence);
        differs('rule_type', input.ruleType, first.ruleType);
        differs('tax_category', input.taxCategory, first.taxCategory);
        differs('tax_included', input.taxIncluded, first.taxIncluded);
        differs('exemption_code', input.exemptionCode, first.exemptionCode);
        if (input.currency) differs('currency', input.currency, first.currency ?? input.currency);
        twin.cells.push(input.cell);
      } else fail(line, 'plan_code', `formule ${input.code} en double (ligne ${twin.line})${input.cell ? ' : chaque ligne d’une même formule porte une ligne de prix (palier, ligne de grille…)' : ''}`);
      continue;
    }
    const existingPlan = existingVersion ? existingPlans.find((p) => p.productVersionId === existingVersion.id && p.code === input.code) : undefined;
    const existingRule = existingPlan ? existingRules.find((r) => r.planId === existingPlan.id) : undefined;
    let billingCycleDays: number | null = null;
    if (input.recurrence === 'custom') {
      if (existingPlan?.recurrence === 'custom') billingCycleDays = existingPlan.billingCycleDays;
      else fail(line, 'recurrence', 'une récurrence personnalisée (custom) se crée dans l’éditeur (nombre de jours absent du fichier)');
    }
    const settings: RuleSettings = { line, ruleType: input.ruleType, currency: input.currency, taxCategory: input.taxCategory, taxIncluded: input.taxIncluded, exemptionCode: input.exemptionCode, price: input.price };
    if (row.sheet) settings.sheet = row.sheet;
    version.plans.set(input.code, {
      line,
      ...(row.sheet ? { sheet: row.sheet } : {}),
      code: input.code,
      name: input.name,
      recurrence: input.recurrence,
      billingCycleDays,
      settings,
      cells: input.cell ? [input.cell] : [],
      rule: null,
      existing: existingPlan ? { plan: existingPlan, rule: existingRule } : undefined,
      action: 'create',
    });
  }

  // The price grid file (or sheet): each row is a cell of a plan named by sku, version and plan code — a plan of
  // this import's products rows, or one already in the catalog.
  const priced = new Map<PlanSpec, PriceRow[]>();
  for (const priceRow of priceRows) {
    processed++;
    if (processed % PROGRESS_EVERY === 0) await onRow(processed);
    const at = { line: priceRow.line, sheet: priceRow.sheet };
    let spec = specs.get(priceRow.sku);
    if (!spec) {
      const existing = existingProducts.find((p) => p.sku === priceRow.sku);
      const company = existing ? companyRows.find((c) => c.id === existing.companyId) : undefined;
      if (!existing || !company) {
        failAt(at, 'sku', `produit inconnu « ${priceRow.sku} » : ajoutez-le au fichier des produits (même import) ou créez-le d’abord`);
        continue;
      }
      if (!can(auth, 'catalog.write', company.id)) {
        failAt(at, 'sku', `produit « ${priceRow.sku} » hors de votre périmètre (catalog.write)`);
        continue;
      }
      const row: ImportRow = { line: priceRow.line, sku: existing.sku, name: existing.name, company: company.brandName, riskCode: '', partner: null, revenueModel: existing.revenueModel as ImportRow['revenueModel'], status: null, version: null, effectiveFrom: null, effectiveTo: null, plan: null };
      spec = { line: priceRow.line, row, company, riskId: existing.riskId, partnerId: existing.partnerId, status: existing.lifecycleStatus as LifecycleStatus, existing, action: 'unchanged', versions: new Map(), priceOnly: true };
      specs.set(priceRow.sku, spec);
    }
    let version = spec.versions.get(priceRow.version);
    if (!version) {
      const existingVersion = spec.existing ? existingVersions.find((v) => v.productId === spec!.existing!.id && v.version === priceRow.version) : undefined;
      if (!existingVersion) {
        failAt(at, 'version', `version ${priceRow.version} inconnue pour ${priceRow.sku}`);
        continue;
      }
      version = { line: priceRow.line, number: priceRow.version, effectiveFrom: existingVersion.effectiveFrom, effectiveTo: existingVersion.effectiveTo, existing: existingVersion, plans: new Map() };
      spec.versions.set(priceRow.version, version);
    }
    let plan = version.plans.get(priceRow.planCode);
    if (!plan) {
      const existingPlan = version.existing ? existingPlans.find((p) => p.productVersionId === version!.existing!.id && p.code === priceRow.planCode) : undefined;
      if (!existingPlan) {
        failAt(at, 'plan_code', `formule ${priceRow.planCode} inconnue dans la version ${priceRow.version} de ${priceRow.sku} : ajoutez-la au fichier des produits`);
        continue;
      }
      const existingRule = existingRules.find((r) => r.planId === existingPlan.id);
      plan = {
        line: priceRow.line,
        ...(priceRow.sheet ? { sheet: priceRow.sheet } : {}),
        code: existingPlan.code,
        name: existingPlan.name,
        recurrence: existingPlan.recurrence,
        billingCycleDays: existingPlan.billingCycleDays,
        settings: null,
        cells: [],
        rule: null,
        existing: { plan: existingPlan, rule: existingRule },
        action: 'unchanged',
      };
      version.plans.set(priceRow.planCode, plan);
    }
    if (priceRow.currency && priceRow.currency !== spec.company.currency) failAt(at, 'currency', `la société ${spec.company.brandName} facture en ${spec.company.currency}, pas en ${priceRow.currency}`);
    // Rule type and tax are the plan's: the products row (if any), else the first price row, says them.
    const reference = plan.settings ?? priced.get(plan)?.[0];
    if (reference) {
      const where = `la ligne ${reference.line}${reference.sheet && reference.sheet !== priceRow.sheet ? ` (feuille « ${reference.sheet} »)` : ''}`;
      if (reference.ruleType && priceRow.ruleType !== reference.ruleType) failAt(at, 'rule_type', `diffère de ${where} pour la même formule (${reference.ruleType})`);
      if (priceRow.taxIncluded !== null && reference.taxIncluded !== null && priceRow.taxIncluded !== reference.taxIncluded) failAt(at, 'tax_included', `diffère de ${where} pour la même formule`);
      if (priceRow.taxCategory !== null && reference.taxCategory !== null && priceRow.taxCategory !== reference.taxCategory) failAt(at, 'tax_category', `diffère de ${where} pour la même formule`);
      if (priceRow.exemptionCode !== null && reference.exemptionCode !== null && priceRow.exemptionCode !== reference.exemptionCode) failAt(at, 'exemption_code', `diffère de ${where} pour la même formule`);
    }
    if (!priced.has(plan)) priced.set(plan, []);
    priced.get(plan)!.push(priceRow);
    plan.cells.push(priceRow.cell);
  }

  // Each plan's rule, built from its cells and checked by the pricing engine; then what applying would change.
  for (const spec of specs.values()) {
    for (const version of spec.versions.values()) {
      for (const plan of version.plans.values()) {
        const before = errors.length;
        const existingRule = plan.existing?.rule;
        const first = priced.get(plan)?.[0];
        const settings = plan.settings;
        const ruleType = settings?.ruleType ?? first?.ruleType ?? null;
        const sameType = existingRule?.type === ruleType ? existingRule : undefined;
        const taxCategory = settings?.taxCategory ?? first?.taxCategory ?? (sameType?.taxCategory as TaxCategory | undefined) ?? 'standard';
        const taxIncluded = settings?.taxIncluded ?? first?.taxIncluded ?? sameType?.taxIncluded ?? true;
        const kept = sameType?.payload.exemptionCode;
        const exemptionCode = settings ? settings.exemptionCode : (first?.exemptionCode ?? (taxCategory === 'exempt' && typeof kept === 'string' ? (kept as ExemptionCode) : null));
        if (settings?.currency && settings.currency !== spec.company.currency) fail(settings.line, 'currency', `la société ${spec.company.brandName} facture en ${spec.company.currency}, pas en ${settings.currency}`);
        const recurrence = recurrenceOfPlan({ recurrence: plan.recurrence, billingCycleDays: plan.billingCycleDays });
        let rule: PlanSpec['rule'] = null;
        const cells: PriceCell[] = [...plan.cells];
        const price = ruleType === 'fixed' ? (settings?.price ?? null) : null;
        if (price !== null && cells.length === 0) cells.push({ line: settings!.line, ...(settings!.sheet ? { sheet: settings!.sheet } : {}), texts: { amount: formatMinor(price) } });
        else if (price !== null) {
          // The catalog workbook carries a fixed price twice (products sheet `price`, grid sheet `amount`): they agree.
          for (const cell of cells) {
            const amount = parseMajorToMinor(cell.texts.amount ?? '');
            if (amount !== undefined && amount !== price) failAt(cell, 'amount', `diffère du prix ${formatMinor(price)} de la ligne ${settings!.line} (colonne price)`);
          }
        }
        if (ruleType && cells.length > 0) {
          const label = typeof sameType?.payload.label === 'string' ? sameType.payload.label : undefined;
          const built = buildRule(
            ruleType,
            cells,
            { taxMode: taxIncluded ? 'incl' : 'excl', taxCategory, exemptionCode, recurrence, ...(label !== undefined ? { label } : {}) },
            { planName: plan.name, knownIndices, fixedAmountColumn: price !== null && plan.cells.length === 0 ? 'price' : 'amount', ruleLine: plan.line },
          );
          errors.push(...built.errors);
          if (built.payload) rule = { type: ruleType, payload: built.payload, taxCategory, taxIncluded };
        } else if (ruleType) {
          if (sameType) {
            rule = { type: sameType.type, payload: { ...sameType.payload, recurrence }, taxCategory: sameType.taxCategory, taxIncluded: sameType.taxIncluded };
          } else {
            failAt(
              plan,
              'rule_type',
              `règle « ${ruleType} » sans ses lignes de prix : ajoutez-les (colonnes amount, conditions… une ligne par palier ou ligne de grille), dans ce fichier, dans la feuille « Grilles tarifaires » du classeur ou par le fichier des grilles`,
            );
          }
        }
        if (errors.length > before) continue;
        const existingPlan = plan.existing?.plan;
        if (existingPlan) {
          const samePlan = existingPlan.name === plan.name && existingPlan.recurrence === plan.recurrence && existingPlan.billingCycleDays === plan.billingCycleDays;
          const sameRule =
            rule === null
              ? existingRule === undefined
              : existingRule !== undefined &&
                existingRule.type === rule.type &&
                existingRule.taxCategory === rule.taxCategory &&
                existingRule.taxIncluded === rule.taxIncluded &&
                existingRule.currency === spec.company.currency &&
                stable(existingRule.payload) === stable(rule.payload);
          plan.action = samePlan && sameRule ? 'unchanged' : 'update';
        }
        plan.rule = rule;
        const existingVersion = version.existing;
        if (plan.action !== 'unchanged' && existingVersion && existingVersion.effectiveFrom <= now && published.has(existingVersion.id)) {
          failAt(plan, 'version', `la version ${existingVersion.version} est en vigueur et publiée : créez une nouvelle version pour modifier ses formules`);
        }
      }
    }
  }
  await onRow(processed);

  const counts = { created: 0, updated: 0, unchanged: 0 };
  const count = (action: 'create' | 'update' | 'unchanged') => {
    if (action === 'create') counts.created++;
    else if (action === 'update') counts.updated++;
    else counts.unchanged++;
  };
  for (const spec of specs.values()) {
    if (!spec.priceOnly) count(spec.action);
    for (const version of spec.versions.values()) {
      if (!spec.priceOnly) count(version.existing ? 'unchanged' : 'create');
      for (const plan of version.plans.values()) count(plan.action);
    }
  }
  return { plan: { products: [...specs.values()], counts }, errors };
}

function auditable(row: ProductRow) {
  const { search: _s, searchText: _t, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** Writes what `planImport` worked out, in the caller's transaction, auditing each product and version touched. */
export async function applyImport(tx: DbOrTx, auth: AuthenticatedContext, plan: ImportPlan, now: Date): Promise<void> {
  const workspaceId = auth.workspace.id;
  for (const spec of plan.products) {
    let product: ProductRow;
    const base = { sku: spec.row.sku, name: spec.row.name, shortName: spec.existing?.shortName ?? null, riskId: spec.riskId, partnerId: spec.partnerId };
    if (!spec.existing) {
      const [row] = await tx
        .insert(products)
        .values({
          ...base,
          workspaceId,
          companyId: spec.company.id,
          revenueModel: spec.row.revenueModel,
          lifecycleStatus: spec.status,
          searchText: await searchTextOf(tx, base),
          createdBy: auth.kind === 'user' ? auth.user.id : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      product = row!;
      await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.product', recordId: product.id, companyId: product.companyId, after: { ...auditable(product), source: 'import' } });
    } else if (spec.action === 'update') {
      const [row] = await tx
        .update(products)
        .set({ name: spec.row.name, riskId: spec.riskId, partnerId: spec.partnerId, lifecycleStatus: spec.status, searchText: await searchTextOf(tx, base), updatedAt: now })
        .where(eq(products.id, spec.existing.id))
        .returning();
      product = row!;
      await appendAudit(tx, auth, { action: 'update', tableName: 'catalog.product', recordId: product.id, companyId: product.companyId, before: auditable(spec.existing), after: { ...auditable(product), source: 'import' } });
    } else product = spec.existing;

    const versions = [...spec.versions.values()].sort((a, b) => a.number - b.number);
    if (!spec.existing && versions.length === 0) versions.push({ line: spec.line, number: 1, effectiveFrom: now, effectiveTo: null, plans: new Map() });
    for (const version of versions) {
      let row = version.existing;
      if (!row) {
        const from = version.effectiveFrom ?? now;
        const [open] = await tx.select().from(productVersions).where(and(eq(productVersions.productId, product.id), isNull(productVersions.effectiveTo), lte(productVersions.effectiveFrom, from)));
        if (open && open.effectiveFrom < from) await tx.update(productVersions).set({ effectiveTo: from }).where(eq(productVersions.id, open.id));
        [row] = await tx.insert(productVersions).values({ workspaceId, productId: product.id, version: version.number, effectiveFrom: from, effectiveTo: version.effectiveTo, notes: 'Import', createdAt: now }).returning();
        await appendAudit(tx, auth, {
          action: 'create',
          tableName: 'catalog.product_version',
          recordId: row!.id,
          companyId: product.companyId,
          before: open && open.effectiveFrom < from ? { closedVersion: open.version, effectiveTo: null } : null,
          after: { version: version.number, effectiveFrom: from, effectiveTo: version.effectiveTo, source: 'import' },
        });
      }
      const changes = [...version.plans.values()].filter((p) => p.action !== 'unchanged');
      if (changes.length === 0) continue;
      const versionRow = row!;
      const before = toSnapshot(versionRow, await loadVersionContents(tx, versionRow.id));
      const [last] = await tx.select({ position: productPlans.position }).from(productPlans).where(eq(productPlans.productVersionId, versionRow.id)).orderBy(desc(productPlans.position)).limit(1);
      let position = (last?.position ?? -1) + 1;
      for (const plan of changes) {
        let planId: string;
        if (plan.existing) {
          planId = plan.existing.plan.id;
          await tx.update(productPlans).set({ name: plan.name, recurrence: plan.recurrence, billingCycleDays: plan.billingCycleDays }).where(eq(productPlans.id, planId));
          await tx.delete(pricingRules).where(eq(pricingRules.planId, planId));
        } else {
          const [inserted] = await tx.insert(productPlans).values({ productVersionId: versionRow.id, code: plan.code, name: plan.name, recurrence: plan.recurrence, billingCycleDays: plan.billingCycleDays, position: position++ }).returning({ id: productPlans.id });
          planId = inserted!.id;
        }
        if (plan.rule) {
          await tx.insert(pricingRules).values({ productVersionId: versionRow.id, planId, type: plan.rule.type, currency: spec.company.currency, payload: plan.rule.payload, taxCategory: plan.rule.taxCategory, taxIncluded: plan.rule.taxIncluded });
        }
      }
      const after = toSnapshot(versionRow, await loadVersionContents(tx, versionRow.id));
      await appendAudit(tx, auth, { action: 'import-plans', tableName: 'catalog.product_version', recordId: versionRow.id, companyId: product.companyId, before, after });
    }
  }
}

/** The importing user's access in the import's workspace, as at request time but read now (a removed member imports nothing). */
export async function importAuth(db: DbOrTx, userId: string, workspaceId: string, requestId: string): Promise<AuthenticatedContext | undefined> {
  const [row] = await db
    .select({ user: users, workspace: workspaces })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, workspaceId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!row) return undefined;
  const grants = toGrants(await db.select({ role: memberships.role, companyIds: memberships.companyIds }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId))));
  if (grants.length === 0) return undefined;
  return {
    kind: 'user',
    requestId,
    workspace: { id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name, settings: row.workspace.settings },
    user: { id: row.user.id, email: row.user.email, displayName: row.user.displayName, language: row.user.language === 'en' ? 'en' : 'fr', isDemo: row.user.isDemo },
    grants,
    session: { id: `import:${requestId}`, csrfToken: '', mfaEnrollmentRequired: false, viaBearer: false },
  };
}

/** What the check pass found: every error, or what applying the file would do. */
export interface ImportCheck {
  totalRows: number;
  errors: ImportError[];
  counts: ImportPlan['counts'];
}

interface Checked {
  check: ImportCheck;
  plan?: ImportPlan;
  auth?: AuthenticatedContext;
}

/** Reads the stored file, checks every row and plans the import against `db` (nothing is written). */
async function checkFile(
  db: DbOrTx,
  services: Services,
  job: typeof importJobs.$inferSelect,
  requestId: string,
  now: Date,
  progress: (values: { totalRows?: number; processedRows?: number }) => Promise<void>,
): Promise<Checked> {
  const none = { created: 0, updated: 0, unchanged: 0 };
  const auth = await importAuth(db, job.createdBy, job.workspaceId, requestId);
  if (!auth) return { check: { totalRows: 0, errors: [{ line: null, column: null, message: 'l’auteur de l’import n’a plus accès à cet espace' }], counts: none } };
  const read = await readImportFile(await services.files.get(job.fileSha256), job.fileName);
  const errors: ImportError[] = [...read.errors];
  const rows: ImportRow[] = [];
  const priceRows: PriceRow[] = [];
  for (const raw of read.rows) {
    const checked = validateRow(raw);
    errors.push(...checked.errors);
    if (checked.row) rows.push(checked.row);
  }
  for (const raw of read.priceRows) {
    const checked = validatePriceRow(raw);
    errors.push(...checked.errors);
    if (checked.row) priceRows.push(checked.row);
  }
  const total = read.rows.length + read.priceRows.length;
  await progress({ totalRows: total });
  if (errors.length === 0 && total === 0) errors.push({ line: null, column: null, message: 'aucune ligne à importer' });
  const { plan, errors: planErrors } = await planImport(db, auth, rows, now, (processed) => progress({ processedRows: Math.min(processed, total) }), priceRows);
  errors.push(...planErrors);
  // Products sheet first, then the price sheet, each by line.
  const sheets = [...new Set([...read.rows, ...read.priceRows].map((r) => r.sheet ?? ''))];
  errors.sort((a, b) => sheets.indexOf(a.sheet ?? '') - sheets.indexOf(b.sheet ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return { check: { totalRows: total, errors, counts: errors.length ? none : plan.counts }, plan, auth };
}

/**
 * Progress, and why the import runs in two passes (outbox handler `perform` then `handle`).
 *
 * The check pass (read the file, validate every row, plan it against the catalog) is the long part of an import. It
 * runs in `perform`, OUTSIDE any transaction: its reads are short autocommitted queries and its progress is an
 * autocommitted UPDATE every PROGRESS_EVERY rows followed by a turn of the event loop. On PostgreSQL and on PGlite
 * alike, `GET /api/catalog/imports/:id` therefore sees `processedRows` move. (Before, the whole import ran inside the
 * job's transaction: PGlite has ONE connection and a transaction holds it, so every other query — the progress poll,
 * even the session lookup of the request — queued behind it until the end.)
 *
 * The write pass runs in `handle`, in the job's single transaction, so the import stays atomic (all or nothing) and
 * exactly once (the effect key is claimed in that transaction). It re-plans inside the transaction — the catalog
 * may have changed since the check — and applies that plan; it writes nothing if anything is wrong. We chose this
 * over committing in chunks: a chunked import is visible half-done and needs compensation on failure. The cost: on
 * PGlite the write pass holds the connection until it commits (progress then shows every row checked and the job
 * still running, the screen says « écriture »); dry runs never get there.
 */
export async function checkImport(services: Services, importId: string, requestId: string): Promise<ImportCheck | undefined> {
  const db = services.db;
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, importId));
  if (!job || job.status === 'succeeded' || job.status === 'failed') return undefined;
  await db.update(importJobs).set({ status: 'running', startedAt: services.clock.now(), processedRows: 0 }).where(eq(importJobs.id, importId));
  const progress = async (values: { totalRows?: number; processedRows?: number }) => {
    await db.update(importJobs).set(values).where(eq(importJobs.id, importId));
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const { check } = await checkFile(db, services, job, requestId, services.clock.now(), progress);
  return check;
}

/**
 * The write pass (see `checkImport`): records the check's outcome, or — for a real import without errors — re-plans
 * and applies the file in a savepoint of the job's transaction, then records the counts.
 */
export async function runImport(tx: Tx, services: Services, importId: string, requestId: string, checked?: ImportCheck): Promise<void> {
  const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, importId));
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  const finish = (values: Partial<typeof importJobs.$inferInsert>) => tx.update(importJobs).set({ ...values, finishedAt: services.clock.now() }).where(eq(importJobs.id, importId));
  const noProgress = async () => {};
  let check = checked;
  if (!check) check = (await checkFile(tx, services, job, requestId, services.clock.now(), noProgress)).check;
  const done = { startedAt: job.startedAt ?? services.clock.now(), totalRows: check.totalRows, processedRows: check.totalRows };
  if (check.errors.length > 0) {
    await finish({ ...done, status: 'failed', errors: check.errors, created: 0, updated: 0, unchanged: 0 });
    return;
  }
  if (job.dryRun) {
    await finish({ ...done, status: 'succeeded', errors: [], ...check.counts });
    return;
  }
  const now = services.clock.now();
  const again = await checkFile(tx, services, job, requestId, now, noProgress);
  if (again.check.errors.length > 0 || !again.plan || !again.auth) {
    await finish({ ...done, status: 'failed', errors: again.check.errors, created: 0, updated: 0, unchanged: 0 });
    return;
  }
  const { plan, auth } = again;
  try {
    await tx.transaction((sp) => applyImport(sp, auth, plan, now));
  } catch (error) {
    services.log.error({ err: error, importId }, 'catalog import failed while applying');
    const message = error instanceof Error ? error.message : String(error);
    await finish({ ...done, status: 'failed', errors: [{ line: null, column: null, message: `import annulé, rien n’a été modifié : ${message}` }] });
    return;
  }
  await finish({ ...done, status: 'succeeded', errors: [], ...plan.counts });
}
