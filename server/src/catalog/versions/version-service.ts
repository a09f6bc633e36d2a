import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { violatesConstraint } from '../../platform/db/pg-error.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { loadProduct, loadVersion, type VersionRow } from '../catalog-scope.ts';
import { diffVersions } from '../rules/version-diff.ts';
import {
  accountingMappings,
  commissionSchemes,
  commissionTiers,
  cqRules,
  pricingRules,
  productDocuments,
  productPlans,
  productVersions,
  promotions,
  publications,
} from '../schema.ts';
import type { CreateVersionInput } from './version-input.ts';
import { loadVersionContents, toSnapshot } from './version-snapshot.ts';
import { readTogether } from '../../platform/db/read-together.ts';

export function toVersionView(row: VersionRow, now: Date) {
  const state = row.effectiveFrom > now ? 'scheduled' : row.effectiveTo && row.effectiveTo <= now ? 'past' : 'current';
  return {
    id: row.id,
    productId: row.productId,
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    effectiveTo: row.effectiveTo?.toISOString() ?? null,
    notes: row.notes,
    breakingChanges: row.breakingChanges,
    copiedFromVersionId: row.copiedFromVersionId,
    state: state as 'scheduled' | 'current' | 'past',
  };
}

export async function listVersions(db: DbOrTx, auth: AuthenticatedContext, productId: string) {
  await loadProduct(db, auth, productId);
  return db.select().from(productVersions).where(eq(productVersions.productId, productId)).orderBy(desc(productVersions.version));
}

/**
 * A new version from `effectiveFrom` (now or a future date: a scheduled version). The
 * open-ended version that would overlap is closed at that date; any other overlap is
 * refused by the database's exclusion constraint. With `copyFromVersionId` this is
 * "duplicate" (or "roll back" when copying an old version).
 */
export async function createVersion(services: Services, auth: AuthenticatedContext, productId: string, input: CreateVersionInput) {
  const now = services.clock.now();
  try {
    return await services.db.transaction(async (tx) => {
      const product = await loadProduct(tx, auth, productId, 'catalog.write', true);
      const [latest] = await tx.select().from(productVersions).where(eq(productVersions.productId, productId)).orderBy(desc(productVersions.version)).limit(1);
      const [open] = await tx
        .select()
        .from(productVersions)
        .where(and(eq(productVersions.productId, productId), isNull(productVersions.effectiveTo), lte(productVersions.effectiveFrom, input.effectiveFrom)));
      if (open && open.effectiveFrom < input.effectiveFrom) {
        await tx.update(productVersions).set({ effectiveTo: input.effectiveFrom }).where(eq(productVersions.id, open.id));
      }
      const [version] = await tx
        .insert(productVersions)
        .values({
          workspaceId: auth.workspace.id,
          productId,
          version: (latest?.version ?? 0) + 1,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
          notes: input.notes ?? null,
          breakingChanges: input.breakingChanges,
          copiedFromVersionId: input.copyFromVersionId ?? null,
          createdAt: now,
        })
        .returning();
      if (input.copyFromVersionId) {
        const { version: source } = await loadVersion(tx, auth, input.copyFromVersionId);
        if (source.productId !== productId) throw new ProblemError('validation', 'La version copiée appartient à un autre produit.', { errors: [{ field: 'body.copyFromVersionId', message: 'autre produit' }] });
        await copyVersionContents(tx, source.id, version!.id);
      }
      await appendAudit(tx, auth, {
        action: input.copyFromVersionId ? 'duplicate' : 'create',
        tableName: 'catalog.product_version',
        recordId: version!.id,
        companyId: product.companyId,
        before: open && open.effectiveFrom < input.effectiveFrom ? { closedVersion: open.version, effectiveTo: null } : null,
        after: { version: version!.version, effectiveFrom: version!.effectiveFrom, effectiveTo: version!.effectiveTo, copiedFrom: input.copyFromVersionId ?? null },
      });
      return toVersionView(version!, now);
    });
  } catch (error) {
    if (violatesConstraint(error, 'product_version_no_overlap')) {
      throw new ProblemError('conflict', 'Cette période chevauche une autre version du produit.', { errors: [{ field: 'body.effectiveFrom', message: 'période déjà couverte par une autre version' }] });
    }
    throw error;
  }
}

/** Copies everything but publications (a copy is published on its own, after its checklist). */
async function copyVersionContents(tx: DbOrTx, fromId: string, toId: string): Promise<void> {
  const contents = await loadVersionContents(tx, fromId);
  const planIds = new Map<string, string>();
  for (const { id, productVersionId: _v, ...plan } of contents.plans) {
    const [copy] = await tx.insert(productPlans).values({ ...plan, productVersionId: toId }).returning({ id: productPlans.id });
    planIds.set(id, copy!.id);
  }
  for (const { id: _i, productVersionId: _v, planId, ...rule } of contents.rules) {
    await tx.insert(pricingRules).values({ ...rule, productVersionId: toId, planId: planId ? (planIds.get(planId) ?? null) : null });
  }
  for (const { id: _i, productVersionId: _v, ...promo } of contents.promotions) await tx.insert(promotions).values({ ...promo, productVersionId: toId });
  for (const { id, productVersionId: _v, planId, ...scheme } of contents.schemes) {
    const [copy] = await tx.insert(commissionSchemes).values({ ...scheme, productVersionId: toId, planId: planId ? (planIds.get(planId) ?? null) : null }).returning({ id: commissionSchemes.id });
    for (const { id: _t, schemeId: _s, ...tier } of contents.tiers.filter((t) => t.schemeId === id)) await tx.insert(commissionTiers).values({ ...tier, schemeId: copy!.id });
  }
  for (const { id: _i, productVersionId: _v, ...doc } of contents.documents) await tx.insert(productDocuments).values({ ...doc, productVersionId: toId });
  for (const { id: _i, productVersionId: _v, ...mapping } of contents.accountingMappings) await tx.insert(accountingMappings).values({ ...mapping, productVersionId: toId });
  for (const { id: _i, productVersionId: _v, ...rule } of contents.cqRules) await tx.insert(cqRules).values({ ...rule, productVersionId: toId });
}

export async function diffProductVersions(db: DbOrTx, auth: AuthenticatedContext, fromVersionId: string, toVersionId: string) {
  const from = await loadVersion(db, auth, fromVersionId);
  const to = await loadVersion(db, auth, toVersionId);
  if (from.version.productId !== to.version.productId) throw new ProblemError('validation', 'Les deux versions doivent appartenir au même produit.');
  const [a, b] = await readTogether(db, [() => loadVersionContents(db, fromVersionId), () => loadVersionContents(db, toVersionId)]);
  return diffVersions(toSnapshot(from.version, a), toSnapshot(to.version, b));
}

/**
 * A version that is in force (or past) and published is frozen: changing its prices would
 * rewrite what customers were quoted. Edits go to a new version instead.
 */
export async function assertVersionEditable(db: DbOrTx, version: VersionRow, now: Date): Promise<void> {
  if (version.effectiveFrom > now) return;
  const [live] = await db.select({ id: publications.id }).from(publications).where(eq(publications.productVersionId, version.id)).limit(1);
  if (live) {
    throw new ProblemError('conflict', `La version ${version.version} est en vigueur et publiée : créez une nouvelle version pour la modifier.`);
  }
}
