import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { storedDocuments } from '../../../documents/schema.ts';
import { signatureRequests } from '../../../signature/schema.ts';
import type { AuthContext, AuthenticatedContext } from '../../../identity/access/auth-context.ts';
import { appendAudit } from '../../../identity/audit/append-audit.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { customers, orders } from '../../schema.ts';
import { loadScopedProspect, prospectDetail } from '../admin/journey-admin.ts';
import { prospectEvents, prospects } from '../schema.ts';

/**
 * GDPR access (seed 004 "Droit d'accès"): everything Comptoir holds on the person through this journey, as JSON —
 * answers, consent, timeline, the customer record and the orders. Audited as a read of personal data.
 */
export async function exportProspectData(services: Services, auth: AuthenticatedContext, prospectId: string) {
  const detail = await prospectDetail(services.db, auth, prospectId);
  const prospect = await loadScopedProspect(services.db, auth, prospectId);
  const [customer] = prospect.customerId ? await services.db.select().from(customers).where(eq(customers.id, prospect.customerId)) : [];
  const customerOrders = customer ? await services.db.select().from(orders).where(eq(orders.customerId, customer.id)) : [];
  await services.db.transaction((tx) =>
    appendAudit(tx, auth, { action: 'gdpr_export', tableName: 'sales.prospect', recordId: prospect.id, companyId: prospect.companyId }),
  );
  return {
    exportedAt: services.clock.now().toISOString(),
    prospect: detail,
    customer: customer ?? null,
    orders: customerOrders.map((o) => ({ number: o.number, status: o.status, totalInclTax: o.totalInclTax, currency: o.currency, createdAt: o.createdAt.toISOString(), paidAt: o.paidAt?.toISOString() ?? null })),
  };
}

/**
 * The same export with the person's files (seed 004 "Droit d'accès" — JSON + files): `donnees.json`, the uploaded
 * policies under `documents/`, the signed mandate. A zip, built in memory (a prospect has a handful of files).
 */
export async function exportProspectArchive(services: Services, auth: AuthenticatedContext, prospectId: string): Promise<Uint8Array> {
  const data = await exportProspectData(services, auth, prospectId);
  const prospect = await loadScopedProspect(services.db, auth, prospectId);
  const files: Record<string, Uint8Array> = {};
  const docs = await services.db
    .select({ filename: storedDocuments.filename, sha256: storedDocuments.sha256 })
    .from(storedDocuments)
    .where(and(eq(storedDocuments.workspaceId, prospect.workspaceId), eq(storedDocuments.ownerKind, 'prospect'), eq(storedDocuments.ownerId, prospect.id)));
  for (const [index, doc] of docs.entries()) files[`documents/${index + 1}-${safeName(doc.filename)}`] = await services.files.get(doc.sha256);
  if (prospect.signatureRequestId) {
    const [request] = await services.db.select({ sealedSha256: signatureRequests.sealedSha256 }).from(signatureRequests).where(eq(signatureRequests.id, prospect.signatureRequestId));
    if (request?.sealedSha256) files['mandat-signe.pdf'] = await services.files.get(request.sealedSha256);
  }
  const json = { ...data, documents: docs.map((d, i) => ({ file: `documents/${i + 1}-${safeName(d.filename)}`, sha256: d.sha256 })) };
  return zipSync({ 'donnees.json': strToU8(JSON.stringify(json, null, 2)), ...files });
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'document';
}

const ERASED = '[effacé]';

/**
 * GDPR erasure: the prospect's personal fields go (name, e-mail, phone, answers, free text of the timeline) and the
 * link stops working; what the law keeps stays — invoices, signed contracts, the mandate number, the consent's version
 * and time (proof it was given), amounts and dates for the accounts. A customer with orders is kept for the invoices.
 */
export async function eraseProspect(services: Services, auth: AuthenticatedContext, prospectId: string, reason: string) {
  const { result, orphanFiles } = await services.db.transaction(async (tx) => {
    const prospect = await loadScopedProspect(tx, auth, prospectId, 'sales.write');
    if (prospect.erasedAt) throw new ProblemError('conflict', 'Les données de ce prospect sont déjà effacées.');
    return erasePersonalData(tx, prospect, { auth, reason, now: services.clock.now() });
  });
  await deleteOrphanFiles(services, orphanFiles);
  return result;
}

/**
 * The erasure itself, in the caller's transaction, for a prospect row the caller has loaded and may erase (a person
 * through `eraseProspect`, or the retention task on its own authority). Returns the files to delete after the commit.
 */
export async function erasePersonalData(tx: DbOrTx, prospect: typeof prospects.$inferSelect, cause: { auth: AuthContext; actorLabel?: string; reason: string; now: Date }) {
  const { now, reason } = cause;
  const orphanFiles: string[] = [];
  const kept = await keptRecords(tx, prospect.customerId);
  await tx
    .update(prospects)
    .set({ name: null, email: null, phone: null, answers: {}, recommendation: null, consentText: null, token: `erased-${randomBytes(24).toString('base64url')}`, erasedAt: now, updatedAt: now })
    .where(eq(prospects.id, prospect.id));
  await tx.update(prospectEvents).set({ detail: null }).where(eq(prospectEvents.prospectId, prospect.id));
  // Uploaded policies are the person's data, not records the law keeps: rows go (extractions and reviews cascade),
  // and each file goes from storage unless another document still uses the same bytes.
  const uploaded = await tx
    .delete(storedDocuments)
    .where(and(eq(storedDocuments.workspaceId, prospect.workspaceId), eq(storedDocuments.ownerKind, 'prospect'), eq(storedDocuments.ownerId, prospect.id)))
    .returning({ sha256: storedDocuments.sha256 });
  for (const { sha256 } of uploaded) {
    const [still] = await tx.select({ id: storedDocuments.id }).from(storedDocuments).where(eq(storedDocuments.sha256, sha256)).limit(1);
    if (!still) orphanFiles.push(sha256);
  }
  await tx.insert(prospectEvents).values({ workspaceId: prospect.workspaceId, prospectId: prospect.id, kind: 'erased', detail: { reason, kept }, at: now });
  if (prospect.customerId && kept.orders === 0) {
    await tx.update(customers).set({ name: ERASED, email: `erased-${prospect.customerId}@invalid`, phone: null, address: null, updatedAt: now }).where(eq(customers.id, prospect.customerId));
  }
  await appendAudit(
    tx,
    cause.auth,
    { action: 'gdpr_erase', tableName: 'sales.prospect', recordId: prospect.id, companyId: prospect.companyId, after: { reason, kept, documentsDeleted: uploaded.length } },
    { workspaceId: prospect.workspaceId, actorLabel: cause.actorLabel, now },
  );
  return { result: { erasedAt: now.toISOString(), kept, documentsDeleted: uploaded.length }, orphanFiles };
}

/** After the commit: a rollback must not leave rows pointing at deleted bytes. */
export async function deleteOrphanFiles(services: Pick<Services, 'files'>, sha256s: string[]): Promise<void> {
  for (const sha256 of sha256s) await services.files.delete(sha256);
}

async function keptRecords(tx: DbOrTx, customerId: string | null) {
  if (!customerId) return { orders: 0 };
  const rows = await tx.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customerId));
  return { orders: rows.length };
}
