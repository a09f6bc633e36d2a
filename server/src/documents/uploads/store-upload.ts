import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { sha256Hex } from '../../platform/files/file-storage.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { type DocumentsActor, actorAuth, labelOf } from '../documents-actor.ts';
import { checkUpload } from '../rules/upload-checks.ts';
import { policyExtractions, storedDocuments } from '../schema.ts';

export const DOCUMENT_UPLOADED_TOPIC = 'documents.document.uploaded';
export const INSURANCE_POLICY = 'insurance_policy';

export interface DocumentOwner {
  /** The owning record's kind, e.g. `journey`, `prospect`, `customer`. */
  kind: string;
  id: string;
}

export interface UploadInput {
  workspaceId: string;
  owner: DocumentOwner;
  /** `insurance_policy` starts the extraction job. */
  purpose: typeof INSURANCE_POLICY | string;
  filename: string;
  /** What the client declared; the stored type is the one read from the bytes. */
  contentType?: string;
  bytes: Uint8Array;
  /** The company the document belongs to (scopes who may see it in the back-office); optional. */
  companyId?: string | null;
}


export interface StoredUpload {
  documentId: string;
  sha256: string;
  /** True when the owner had already uploaded the same bytes: the existing document is returned. */
  duplicate: boolean;
}

const OWNER_PART = /^[\w.:@-]{1,100}$/;
const PURPOSE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Stores an uploaded file for an owner: checks its size and its type by magic bytes (PDF, PNG, JPEG; a clear French
 * problem naming the field otherwise, nothing stored), keeps the bytes in platform file storage under their SHA-256,
 * records the document — and, for an insurance policy, a pending extraction plus the outbox event that runs it as a
 * job — audited, all in the caller's transaction. The bytes are written to storage before the row: storage is
 * content-addressed and idempotent, so a rolled-back transaction leaves at most an unreferenced file.
 */
export async function storeUpload(tx: DbOrTx, services: Pick<Services, 'files' | 'config'>, input: UploadInput, actor: DocumentsActor): Promise<StoredUpload> {
  const errors = [
    ...(OWNER_PART.test(input.owner?.kind ?? '') ? [] : [{ field: 'owner.kind', message: 'type de propriétaire invalide (1 à 100 caractères : lettres, chiffres, . _ : @ -)' }]),
    ...(OWNER_PART.test(input.owner?.id ?? '') ? [] : [{ field: 'owner.id', message: 'identifiant de propriétaire invalide' }]),
    ...(PURPOSE.test(input.purpose ?? '') ? [] : [{ field: 'purpose', message: 'usage invalide (minuscules, chiffres, _)' }]),
  ];
  if (errors.length > 0) throw new ProblemError('validation', 'Le document ne peut pas être enregistré : vérifiez les champs signalés.', { errors });
  const check = checkUpload({ filename: input.filename, bytes: input.bytes }, services.config.uploadMaxBytes);
  if (!check.ok) {
    const { problem } = check;
    throw new ProblemError(problem.kind, problem.message, { code: problem.code, errors: [{ field: problem.field, message: problem.message, code: problem.code }] });
  }
  if (input.companyId) {
    const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, input.companyId), eq(companies.workspaceId, input.workspaceId)));
    if (!company) throw new ProblemError('validation', 'Société inconnue dans cet espace.', { errors: [{ field: 'companyId', message: 'société inconnue' }] });
  }

  const sha256 = sha256Hex(input.bytes);
  const ownerMatch = and(
    eq(storedDocuments.workspaceId, input.workspaceId),
    eq(storedDocuments.ownerKind, input.owner.kind),
    eq(storedDocuments.ownerId, input.owner.id),
    eq(storedDocuments.sha256, sha256),
  );
  const [existing] = await tx.select({ id: storedDocuments.id }).from(storedDocuments).where(ownerMatch);
  if (existing) return { documentId: existing.id, sha256, duplicate: true };

  await services.files.put(input.bytes, { contentType: check.contentType });
  const label = labelOf(actor, `${input.owner.kind}:${input.owner.id}`);
  const [created] = await tx
    .insert(storedDocuments)
    .values({
      workspaceId: input.workspaceId,
      companyId: input.companyId ?? null,
      ownerKind: input.owner.kind,
      ownerId: input.owner.id,
      purpose: input.purpose,
      filename: input.filename.trim(),
      contentType: check.contentType,
      sizeBytes: input.bytes.length,
      sha256,
      uploadedBy: label,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // The same bytes for the same owner, committed by a concurrent upload in the meantime.
    const [raced] = await tx.select({ id: storedDocuments.id }).from(storedDocuments).where(ownerMatch);
    return { documentId: raced!.id, sha256, duplicate: true };
  }
  const isPolicy = input.purpose === INSURANCE_POLICY;
  if (isPolicy) await tx.insert(policyExtractions).values({ documentId: created.id, workspaceId: input.workspaceId });
  await appendAudit(
    tx,
    actorAuth(actor),
    {
      action: 'upload',
      tableName: 'documents.document',
      recordId: created.id,
      companyId: created.companyId,
      after: { owner: input.owner, purpose: created.purpose, filename: created.filename, contentType: created.contentType, sizeBytes: created.sizeBytes, sha256 },
    },
    { workspaceId: input.workspaceId, actorLabel: label },
  );
  await recordEvent(tx, {
    topic: DOCUMENT_UPLOADED_TOPIC,
    payload: { documentId: created.id, purpose: created.purpose, owner: input.owner },
    workspaceId: input.workspaceId,
    actor: label,
    requestId: actorAuth(actor).requestId || null,
  });
  return { documentId: created.id, sha256, duplicate: false };
}
