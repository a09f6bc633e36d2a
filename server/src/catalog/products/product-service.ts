import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { violatesConstraint } from '../../platform/db/pg-error.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { loadProduct, type ProductRow } from '../catalog-scope.ts';
import { canDelete, canTransition, isLocked, type LifecycleStatus } from '../rules/lifecycle.ts';
import { partners, products, productVersions, publications, risks } from '../schema.ts';
import type { CreateProductInput, UpdateProductInput } from './product-input.ts';

/** The API's product; `row` needs only the listed columns (product-search.ts selects no more). */
export function toProductView(row: Omit<ProductRow, 'search' | 'searchText' | 'createdBy' | 'workspaceId'>) {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    shortName: row.shortName,
    description: row.description,
    companyId: row.companyId,
    partnerId: row.partnerId,
    riskId: row.riskId,
    revenueModel: row.revenueModel as 'revenue' | 'commission' | 'mixed',
    lifecycleStatus: row.lifecycleStatus as LifecycleStatus,
    pricingSource: row.pricingSource as 'internal' | 'partner_api',
    badges: row.badges,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function auditable(row: ProductRow) {
  const { search: _s, searchText: _t, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** Partner and risk must belong to the product's company (and so to the actor's workspace). */
async function assertReferences(tx: DbOrTx, auth: AuthenticatedContext, companyId: string, riskId: string | undefined, partnerId: string | null | undefined) {
  const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, companyId), eq(companies.workspaceId, auth.workspace.id)));
  if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: 'body.companyId', message: 'société inconnue' }] });
  if (riskId) {
    const [risk] = await tx.select({ id: risks.id }).from(risks).where(and(eq(risks.id, riskId), eq(risks.workspaceId, auth.workspace.id), or(eq(risks.companyId, companyId), eq(risks.isGlobal, true))));
    if (!risk) throw new ProblemError('validation', 'Risque inconnu pour cette société.', { errors: [{ field: 'body.riskId', message: 'risque inconnu' }] });
  }
  if (partnerId) {
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.id, partnerId), eq(partners.companyId, companyId)));
    if (!partner) throw new ProblemError('validation', 'Partenaire inconnu pour cette société.', { errors: [{ field: 'body.partnerId', message: 'partenaire inconnu' }] });
  }
}

/** Name, SKU, short name, partner and risk: what the French full-text search reads. */
export async function searchTextOf(tx: DbOrTx, product: Pick<ProductRow, 'name' | 'sku' | 'shortName' | 'riskId' | 'partnerId'>): Promise<string> {
  const [risk] = await tx.select({ code: risks.code, label: risks.label }).from(risks).where(eq(risks.id, product.riskId));
  const [partner] = product.partnerId ? await tx.select({ name: partners.name }).from(partners).where(eq(partners.id, product.partnerId)) : [];
  return [product.name, product.sku, product.shortName, risk?.code, risk?.label, partner?.name].filter(Boolean).join(' ');
}

/** A new product starts as a draft with version 1 open from `effectiveFrom`. */
export async function createProduct(services: Services, auth: AuthenticatedContext, input: CreateProductInput) {
  requirePermission(auth, 'catalog.write', input.companyId);
  const now = services.clock.now();
  try {
    return await services.db.transaction(async (tx) => {
      await assertReferences(tx, auth, input.companyId, input.riskId, input.partnerId);
      const base = { sku: input.sku, name: input.name, shortName: input.shortName ?? null, riskId: input.riskId, partnerId: input.partnerId ?? null };
      const [row] = await tx
        .insert(products)
        .values({
          ...base,
          workspaceId: auth.workspace.id,
          companyId: input.companyId,
          description: input.description,
          revenueModel: input.revenueModel,
          pricingSource: input.pricingSource,
          badges: input.badges,
          searchText: await searchTextOf(tx, base),
          createdBy: auth.kind === 'user' ? auth.user.id : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const [version] = await tx
        .insert(productVersions)
        .values({ workspaceId: auth.workspace.id, productId: row!.id, version: 1, effectiveFrom: input.effectiveFrom ?? now, createdAt: now })
        .returning();
      await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.product', recordId: row!.id, companyId: row!.companyId, after: auditable(row!) });
      await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.product_version', recordId: version!.id, companyId: row!.companyId, after: { productId: row!.id, version: 1, effectiveFrom: version!.effectiveFrom } });
      return { product: toProductView(row!), versionId: version!.id };
    });
  } catch (error) {
    if (violatesConstraint(error, 'product_sku_key')) {
      throw new ProblemError('conflict', `Le SKU ${input.sku} existe déjà dans cet espace.`, { errors: [{ field: 'body.sku', message: 'SKU déjà utilisé' }] });
    }
    throw error;
  }
}

/** Is a publication of any version of this product live right now? */
export async function hasLivePublication(db: DbOrTx, productId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: publications.id })
    .from(publications)
    .innerJoin(productVersions, eq(productVersions.id, publications.productVersionId))
    .where(and(eq(productVersions.productId, productId), lte(publications.startAt, now), or(isNull(publications.endAt), gt(publications.endAt, now))))
    .limit(1);
  return row !== undefined;
}

export async function updateProduct(services: Services, auth: AuthenticatedContext, productId: string, patch: UpdateProductInput) {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const before = await loadProduct(tx, auth, productId, 'catalog.write', true);
    if (isLocked(before.lifecycleStatus as LifecycleStatus, await hasLivePublication(tx, productId, now)) && (patch.riskId || patch.partnerId !== undefined || patch.pricingSource)) {
      throw new ProblemError('conflict', 'Produit actif et publié : le risque, le partenaire et la source de prix ne changent que par une nouvelle version.');
    }
    await assertReferences(tx, auth, before.companyId, patch.riskId, patch.partnerId);
    const merged = { ...before, ...patch } as ProductRow;
    const [after] = await tx
      .update(products)
      .set({ ...patch, searchText: await searchTextOf(tx, merged), updatedAt: now })
      .where(eq(products.id, productId))
      .returning();
    await appendAudit(tx, auth, { action: 'update', tableName: 'catalog.product', recordId: productId, companyId: before.companyId, before: auditable(before), after: auditable(after!) });
    return toProductView(after!);
  });
}

export async function transitionProduct(services: Services, auth: AuthenticatedContext, productId: string, to: LifecycleStatus) {
  return services.db.transaction(async (tx) => {
    const before = await loadProduct(tx, auth, productId, to === 'active' ? 'catalog.publish' : 'catalog.write', true);
    const from = before.lifecycleStatus as LifecycleStatus;
    if (!canTransition(from, to)) {
      throw new ProblemError('unprocessable', `Passage de « ${from} » à « ${to} » non autorisé.`, { errors: [{ field: 'body.status', message: `transition ${from} → ${to} interdite` }] });
    }
    const [after] = await tx.update(products).set({ lifecycleStatus: to, updatedAt: services.clock.now() }).where(eq(products.id, productId)).returning();
    await appendAudit(tx, auth, { action: 'transition', tableName: 'catalog.product', recordId: productId, companyId: before.companyId, before: { lifecycleStatus: from }, after: { lifecycleStatus: to } });
    return toProductView(after!);
  });
}

export async function deleteProduct(services: Services, auth: AuthenticatedContext, productId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const before = await loadProduct(tx, auth, productId, 'catalog.write', true);
    const [published] = await tx
      .select({ id: publications.id })
      .from(publications)
      .innerJoin(productVersions, eq(productVersions.id, publications.productVersionId))
      .where(eq(productVersions.productId, productId))
      .limit(1);
    if (!canDelete(before.lifecycleStatus as LifecycleStatus, published !== undefined)) {
      throw new ProblemError('conflict', 'Seul un brouillon jamais publié peut être supprimé ; retirez le produit (statut « Retiré ») à la place.');
    }
    await tx.delete(products).where(eq(products.id, productId));
    await appendAudit(tx, auth, { action: 'delete', tableName: 'catalog.product', recordId: productId, companyId: before.companyId, before: auditable(before) });
  });
}
