import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { validateGrid } from '../../pricing/engine/grid.ts';
import type { GridRule } from '../../pricing/engine/rules.ts';
import { loadVersion, type ProductRow, type VersionRow } from '../catalog-scope.ts';
import { checkCommissionSplit } from '../rules/commission-split.ts';
import { type Channel, type ChecklistItem, missingItems, publicationChecklist } from '../rules/publication-checklist.ts';
import { productDocuments, publications, risks } from '../schema.ts';
import type { documentInputSchema, publicationInputSchema } from '../versions/version-input.ts';
import { loadVersionContents } from '../versions/version-snapshot.ts';

/** Risks whose products are insurance-like need DIPA + CG; others CGV/CGU (Annex B §2). */
const INSURANCE_RISK_CODES = /^(SANTE|PREVOYANCE|IARD|AUTO|HABITATION|EMPRUNTEUR|ASSISTANCE|OBSEQUES|RC|VIE|MANDAT)/i;

export async function versionChecklist(db: DbOrTx, product: ProductRow, version: VersionRow, publication: { companyId: string; channels: Channel[] }, now: Date): Promise<ChecklistItem[]> {
  const contents = await loadVersionContents(db, version.id);
  const [risk] = await db.select().from(risks).where(eq(risks.id, product.riskId));
  return publicationChecklist({
    channels: publication.channels,
    companyId: publication.companyId,
    riskScope: (risk?.scope as 'personal' | 'professional') ?? 'personal',
    productKind: risk && INSURANCE_RISK_CODES.test(risk.code) ? 'insurance' : 'other',
    documents: contents.documents,
    accountingMappings: contents.accountingMappings,
    revenueModel: product.revenueModel as 'revenue' | 'commission' | 'mixed',
    pricingSource: product.pricingSource as 'internal' | 'partner_api',
    plans: contents.plans.map((plan) => {
      const rule = contents.rules.find((r) => r.planId === plan.id);
      const gaps = rule?.type === 'grid' ? validateGrid(rule.payload as unknown as GridRule).map((issue) => `${issue.kind} ${issue.attribute} ${issue.from}–${issue.to}${issue.context ? ` (${issue.context})` : ''}`) : [];
      return { code: plan.code, hasPrice: rule !== undefined, gridGaps: gaps };
    }),
    commissionSchemes: contents.schemes.map((s) => ({ id: s.id, splitSum: checkCommissionSplit(s.split).sum })),
    now,
  });
}

/**
 * Publishes a version for one company on some channels. Refused with every missing item
 * listed until the checklist holds (documents, accounting mapping, prices, splits).
 */
export async function publishVersion(services: Services, auth: AuthenticatedContext, versionId: string, input: z.infer<typeof publicationInputSchema>) {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const { product, version } = await loadVersion(tx, auth, versionId, 'catalog.publish');
    requirePermission(auth, 'catalog.publish', input.companyId);
    const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, input.companyId), eq(companies.workspaceId, auth.workspace.id)));
    if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: 'body.companyId', message: 'société inconnue' }] });
    if (product.lifecycleStatus === 'retired' || product.lifecycleStatus === 'draft') {
      throw new ProblemError('unprocessable', `Un produit « ${product.lifecycleStatus} » ne se publie pas : passez-le en test ou actif.`);
    }
    const missing = missingItems(await versionChecklist(tx, product, version, input, now));
    if (missing.length > 0) {
      throw new ProblemError('unprocessable', `Publication impossible : ${missing.map((m) => m.message).join(' ; ')}.`, {
        missing,
        errors: missing.map((m) => ({ field: 'checklist', message: m.message, code: m.code })),
      });
    }
    const [row] = await tx
      .insert(publications)
      .values({ productVersionId: versionId, companyId: input.companyId, channels: input.channels, visibility: input.visibility, startAt: input.startAt, endAt: input.endAt ?? null })
      .returning();
    await appendAudit(tx, auth, { action: 'publish', tableName: 'catalog.publication', recordId: row!.id, companyId: input.companyId, after: row! });
    return row!;
  });
}

export async function endPublication(services: Services, auth: AuthenticatedContext, publicationId: string): Promise<void> {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const [row] = await tx.select().from(publications).where(eq(publications.id, publicationId));
    if (!row) throw new ProblemError('notFound', 'Publication not found.');
    await loadVersion(tx, auth, row.productVersionId, 'catalog.publish');
    const [after] = await tx.update(publications).set({ endAt: now }).where(eq(publications.id, publicationId)).returning();
    await appendAudit(tx, auth, { action: 'unpublish', tableName: 'catalog.publication', recordId: publicationId, companyId: row.companyId, before: row, after: after! });
  });
}

/** Stores the file content-addressed (SHA-256) and attaches it to the version. */
export async function addDocument(services: Services, auth: AuthenticatedContext, versionId: string, input: z.infer<typeof documentInputSchema>) {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0 || bytes.length > 3_500_000) {
    throw new ProblemError('validation', 'Fichier vide ou trop volumineux (3,5 Mo au plus).', { errors: [{ field: 'body.contentBase64', message: 'taille invalide' }] });
  }
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const { product } = await loadVersion(tx, auth, versionId, 'documents.manage');
    const stored = await services.files.put(bytes, { contentType: input.contentType });
    const [row] = await tx
      .insert(productDocuments)
      .values({
        productVersionId: versionId,
        type: input.type,
        title: input.title,
        fileSha256: stored.sha256,
        fileName: input.fileName,
        contentType: input.contentType,
        size: stored.size,
        mandatory: input.mandatory,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        publishedAt: input.publish ? now : null,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.product_document', recordId: row!.id, companyId: product.companyId, after: row! });
    return row!;
  });
}

export async function readDocument(services: Services, auth: AuthenticatedContext, documentId: string) {
  const [row] = await services.db.select().from(productDocuments).where(eq(productDocuments.id, documentId));
  if (!row) throw new ProblemError('notFound', 'Document not found.');
  await loadVersion(services.db, auth, row.productVersionId, 'catalog.read');
  return { document: row, content: await services.files.get(row.fileSha256) };
}
