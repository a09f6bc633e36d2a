import { and, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { type AuthenticatedContext, can, toGrants } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies, memberships, users, workspaces } from '../../identity/schema.ts';
import { type PricingRule, validateRule } from '../../pricing/engine/rules.ts';
import { recurrenceOfPlan } from '../pricing/engine-mapping.ts';
import { canTransition, isLocked, type LifecycleStatus } from '../rules/lifecycle.ts';
import { partners, pricingRules, productPlans, products, productVersions, publications, risks } from '../schema.ts';
import { searchTextOf } from '../products/product-service.ts';
import { loadVersionContents, toSnapshot } from '../versions/version-snapshot.ts';
import { type ImportRow, type ProductColumn, validateRow } from './columns.ts';
import { readImportFile } from './read-file.ts';
import { type ImportError, importJobs } from './schema.ts';

type ProductRow = typeof products.$inferSelect;
type VersionRow = typeof productVersions.$inferSelect;
type PlanRow = typeof productPlans.$inferSelect;
type RuleRow = typeof pricingRules.$inferSelect;
type CompanyRow = { id: string; brandName: string; legalName: string; currency: string };

export const PROGRESS_EVERY = 100;

interface PlanSpec {
  line: number;
  code: string;
  name: string;
  recurrence: string;
  billingCycleDays: number | null;
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
): Promise<{ plan: ImportPlan; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const fail = (line: number, column: ProductColumn, message: string) => errors.push({ line, column, message: `ligne ${line}, colonne ${column} : ${message}` });
  const workspaceId = auth.workspace.id;
  const companyRows: CompanyRow[] = await db.select({ id: companies.id, brandName: companies.brandName, legalName: companies.legalName, currency: companies.currency }).from(companies).where(eq(companies.workspaceId, workspaceId));
  const riskRows = await db.select().from(risks).where(eq(risks.workspaceId, workspaceId));
  const partnerRows = await db.select().from(partners).where(eq(partners.workspaceId, workspaceId));
  const skus = [...new Set(rows.map((r) => r.sku))];
  const existingProducts = skus.length ? await db.select().from(products).where(and(eq(products.workspaceId, workspaceId), inArray(products.sku, skus))) : [];
  const productIds = existingProducts.map((p) => p.id);
  const existingVersions = productIds.length ? await db.select().from(productVersions).where(inArray(productVersions.productId, productIds)) : [];
  const versionIds = existingVersions.map((v) => v.id);
  const existingPlans = versionIds.length ? await db.select().from(productPlans).where(inArray(productPlans.productVersionId, versionIds)) : [];
  const existingRules = versionIds.length ? await db.select().from(pricingRules).where(inArray(pricingRules.productVersionId, versionIds)) : [];
  const publicationRows = versionIds.length ? await db.select({ versionId: publications.productVersionId, startAt: publications.startAt, endAt: publications.endAt }).from(publications).where(inArray(publications.productVersionId, versionIds)) : [];
  const published = new Set(publicationRows.map((p) => p.versionId));
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
      const differs = (column: ProductColumn, a: unknown, b: unknown) => {
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
      fail(line, 'plan_code', `formule ${input.code} en double (ligne ${twin.line})`);
      continue;
    }
    if (input.currency && input.currency !== company.currency) fail(line, 'currency', `la société ${company.brandName} facture en ${company.currency}, pas en ${input.currency}`);
    const existingPlan = existingVersion ? existingPlans.find((p) => p.productVersionId === existingVersion.id && p.code === input.code) : undefined;
    const existingRule = existingPlan ? existingRules.find((r) => r.planId === existingPlan.id) : undefined;
    let billingCycleDays: number | null = null;
    if (input.recurrence === 'custom') {
      if (existingPlan?.recurrence === 'custom') billingCycleDays = existingPlan.billingCycleDays;
      else fail(line, 'recurrence', 'une récurrence personnalisée (custom) se crée dans l’éditeur (nombre de jours absent du fichier)');
    }
    const recurrence = recurrenceOfPlan({ recurrence: input.recurrence, billingCycleDays });
    let rule: PlanSpec['rule'] = null;
    if (input.ruleType === 'fixed') {
      const previous = existingRule?.type === 'fixed' ? { ...existingRule.payload } : {};
      delete previous.exemptionCode;
      const payload: Record<string, unknown> = {
        ...previous,
        type: 'fixed',
        amount: input.price,
        taxMode: input.taxIncluded ? 'incl' : 'excl',
        taxCategory: input.taxCategory,
        recurrence,
        ...(input.exemptionCode ? { exemptionCode: input.exemptionCode } : {}),
      };
      for (const issue of validateRule(payload as unknown as PricingRule)) {
        const column: ProductColumn = issue.path.startsWith('exemptionCode') ? 'exemption_code' : issue.path.startsWith('taxCategory') ? 'tax_category' : issue.path.startsWith('taxMode') ? 'tax_included' : 'price';
        fail(line, column, issue.message);
      }
      rule = { type: 'fixed', payload, taxCategory: input.taxCategory, taxIncluded: input.taxIncluded };
    } else if (input.ruleType) {
      if (existingRule?.type !== input.ruleType) {
        fail(line, 'rule_type', `seuls les prix fixes s’importent ; une règle « ${input.ruleType} » se crée dans l’éditeur de tarifs`);
      } else {
        rule = { type: existingRule.type, payload: { ...existingRule.payload, recurrence }, taxCategory: existingRule.taxCategory, taxIncluded: existingRule.taxIncluded };
      }
    }
    const plan: PlanSpec = { line, code: input.code, name: input.name, recurrence: input.recurrence, billingCycleDays, rule, existing: existingPlan ? { plan: existingPlan, rule: existingRule } : undefined, action: 'create' };
    if (existingPlan) {
      const samePlan = existingPlan.name === plan.name && existingPlan.recurrence === plan.recurrence && existingPlan.billingCycleDays === plan.billingCycleDays;
      const sameRule =
        rule === null
          ? existingRule === undefined
          : existingRule !== undefined &&
            existingRule.type === rule.type &&
            existingRule.taxCategory === rule.taxCategory &&
            existingRule.taxIncluded === rule.taxIncluded &&
            existingRule.currency === company.currency &&
            stable(existingRule.payload) === stable(rule.payload);
      plan.action = samePlan && sameRule ? 'unchanged' : 'update';
    }
    if (plan.action !== 'unchanged' && existingVersion && existingVersion.effectiveFrom <= now && published.has(existingVersion.id)) {
      fail(line, 'version', `la version ${existingVersion.version} est en vigueur et publiée : créez une nouvelle version pour modifier ses formules`);
    }
    version.plans.set(input.code, plan);
  }
  await onRow(processed);

  const counts = { created: 0, updated: 0, unchanged: 0 };
  const count = (action: 'create' | 'update' | 'unchanged') => {
    if (action === 'create') counts.created++;
    else if (action === 'update') counts.updated++;
    else counts.unchanged++;
  };
  for (const spec of specs.values()) {
    count(spec.action);
    for (const version of spec.versions.values()) {
      count(version.existing ? 'unchanged' : 'create');
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

/**
 * The job: reads the stored file, checks every row, and — unless it is a dry run or any row is wrong —
 * applies the whole file in one savepoint of the job's transaction. On PostgreSQL, progress is written
 * on its own connection so `GET /api/catalog/imports/:id` sees it move; the embedded engine has a single
 * connection, so there progress lands with the final state.
 */
export async function runImport(tx: Tx, services: Services, importId: string, requestId: string): Promise<void> {
  const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, importId));
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  const progressDb: DbOrTx = services.database.kind === 'postgres' ? services.db : tx;
  const progress = (values: Partial<typeof importJobs.$inferInsert>) => progressDb.update(importJobs).set(values).where(eq(importJobs.id, importId));
  const finish = (values: Partial<typeof importJobs.$inferInsert>) => tx.update(importJobs).set({ ...values, finishedAt: services.clock.now() }).where(eq(importJobs.id, importId));
  await progress({ status: 'running', startedAt: services.clock.now() });

  const auth = await importAuth(tx, job.createdBy, job.workspaceId, requestId);
  if (!auth) {
    await finish({ status: 'failed', errors: [{ line: null, column: null, message: 'l’auteur de l’import n’a plus accès à cet espace' }] });
    return;
  }
  const read = await readImportFile(await services.files.get(job.fileSha256), job.fileName);
  const errors: ImportError[] = [...read.errors];
  const rows: ImportRow[] = [];
  for (const raw of read.rows) {
    const checked = validateRow(raw);
    errors.push(...checked.errors);
    if (checked.row) rows.push(checked.row);
  }
  const total = read.rows.length;
  await progress({ totalRows: total });
  if (errors.length === 0 && total === 0) errors.push({ line: null, column: null, message: 'aucune ligne à importer' });

  const now = services.clock.now();
  const { plan, errors: planErrors } = await planImport(tx, auth, rows, now, async (processed) => {
    await progress({ processedRows: Math.min(processed, total) });
  });
  errors.push(...planErrors);
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const done = { totalRows: total, processedRows: total, errors };
  if (errors.length > 0) {
    await finish({ ...done, status: 'failed', created: 0, updated: 0, unchanged: 0 });
    return;
  }
  if (!job.dryRun) {
    try {
      await tx.transaction((sp) => applyImport(sp, auth, plan, now));
    } catch (error) {
      services.log.error({ err: error, importId }, 'catalog import failed while applying');
      const message = error instanceof Error ? error.message : String(error);
      await finish({ ...done, status: 'failed', errors: [{ line: null, column: null, message: `import annulé, rien n’a été modifié : ${message}` }] });
      return;
    }
  }
  await finish({ ...done, status: 'succeeded', ...plan.counts });
}
