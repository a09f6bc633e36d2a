import { and, asc, count, desc, eq, gt, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { AuthContext, AuthenticatedContext } from '../identity/access/auth-context.ts';
import { outOfScope } from '../identity/access/guards.ts';
import { inCompanyScope } from '../identity/access/scope.ts';
import { appendAudit } from '../identity/audit/append-audit.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { Permission } from '../identity/permissions.ts';
import { effectiveStatus, type SignatureStatus } from './rules/request-status.ts';
import { signatureEvents, signatureEvidence, signatureRequests } from './schema.ts';
import { readTogether } from '../platform/db/read-together.ts';

const scope = { workspaceId: signatureRequests.workspaceId, companyId: signatureRequests.companyId };

/**
 * Company-scoped for company roles; a request with no company is visible to workspace-wide grants only (inCompanyScope
 * compares company ids, and NULL matches none).
 */
function scoped(auth: AuthenticatedContext, permission: Permission): SQL {
  return inCompanyScope(scope, auth, permission);
}

export function toSummary(row: typeof signatureRequests.$inferSelect, now: Date) {
  return {
    id: row.id,
    companyId: row.companyId,
    subject: { kind: row.subjectKind, id: row.subjectId },
    title: row.title,
    status: effectiveStatus(row, now),
    signerName: row.signerName,
    signerEmail: row.signerEmail,
    verification: row.verification,
    documentFilename: row.documentFilename,
    documentSha256: row.documentSha256,
    sealedSha256: row.sealedSha256,
    verifyToken: row.verifyToken,
    expiresAt: row.expiresAt,
    viewedAt: row.viewedAt,
    signedAt: row.signedAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

export interface ListQuery {
  status?: SignatureStatus;
  q?: string;
  limit: number;
  offset: number;
}

export async function listSignatureRequests(db: DbOrTx, auth: AuthenticatedContext, query: ListQuery, now: Date) {
  const conditions: SQL[] = [scoped(auth, 'signature.read')];
  if (query.status === 'expired') conditions.push(or(eq(signatureRequests.status, 'sent'), eq(signatureRequests.status, 'viewed'))!, lte(signatureRequests.expiresAt, now));
  else if (query.status === 'sent' || query.status === 'viewed') conditions.push(eq(signatureRequests.status, query.status), gt(signatureRequests.expiresAt, now));
  else if (query.status) conditions.push(eq(signatureRequests.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(signatureRequests.title, like), ilike(signatureRequests.signerName, like), ilike(signatureRequests.signerEmail, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await readTogether(db, [
    () => db.select().from(signatureRequests).where(where).orderBy(desc(signatureRequests.createdAt)).limit(query.limit).offset(query.offset),
    () => db.select({ value: count() }).from(signatureRequests).where(where),
  ]);
  return { items: rows.map((row) => toSummary(row, now)), total: total!.value };
}

export async function loadScopedRequest(db: DbOrTx, auth: AuthenticatedContext, id: string, permission: Permission = 'signature.read') {
  const [row] = await db.select().from(signatureRequests).where(and(eq(signatureRequests.id, id), scoped(auth, permission)));
  if (!row) throw outOfScope('Signature request');
  return row;
}

/** The back-office's detail: the request, its timeline and its evidence (without the raw stroke points). */
export async function getSignatureRequest(db: DbOrTx, auth: AuthenticatedContext, id: string, now: Date) {
  const row = await loadScopedRequest(db, auth, id);
  const events = await db.select().from(signatureEvents).where(eq(signatureEvents.requestId, row.id)).orderBy(asc(signatureEvents.at), asc(signatureEvents.id));
  const [evidence] = await db.select().from(signatureEvidence).where(eq(signatureEvidence.requestId, row.id));
  return {
    ...toSummary(row, now),
    recap: row.recap,
    events: events.map((e) => ({ kind: e.kind, at: e.at, ip: e.ip, userAgent: e.userAgent, details: e.details })),
    evidence: evidence
      ? {
          signerName: evidence.signerName,
          signerEmail: evidence.signerEmail,
          verification: evidence.verification,
          otpVerifiedAt: evidence.otpVerifiedAt,
          ip: evidence.ip,
          userAgent: evidence.userAgent,
          signedAt: evidence.signedAt,
          timeZone: evidence.timeZone,
          consentText: evidence.consentText,
          strokeCount: evidence.strokes.strokes.length,
          pointCount: evidence.strokes.strokes.reduce((n, s) => n + s.length, 0),
          pointerType: evidence.strokes.pointerType,
          strokesSha256: evidence.strokesSha256,
          documentSha256: evidence.documentSha256,
          sealedSha256: evidence.sealedSha256,
          evidenceSha256: evidence.evidenceSha256,
        }
      : null,
  };
}

/** Cancels a request nobody signed yet; a signed one answers 409. */
export async function cancelSignatureRequest(tx: DbOrTx, auth: AuthenticatedContext & AuthContext, id: string, now: Date, reason?: string) {
  const row = await loadScopedRequest(tx, auth, id, 'signature.manage');
  const [locked] = await tx.select().from(signatureRequests).where(eq(signatureRequests.id, row.id)).for('update');
  if (locked!.status === 'signed') throw new ProblemError('conflict', 'Un document signé ne peut plus être annulé.', { code: 'signature_signed' });
  if (locked!.status === 'cancelled') return toSummary(locked!, now);
  const [after] = await tx.update(signatureRequests).set({ status: 'cancelled', cancelledAt: now, updatedAt: now }).where(eq(signatureRequests.id, row.id)).returning();
  await tx.insert(signatureEvents).values({ workspaceId: row.workspaceId, requestId: row.id, kind: 'cancelled', at: now, details: { reason: reason ?? null } });
  await appendAudit(tx, auth, { action: 'cancel', tableName: 'signature.request', recordId: row.id, companyId: row.companyId, before: { status: locked!.status }, after: { status: 'cancelled', reason: reason ?? null } });
  return toSummary(after!, now);
}
