import { and, eq } from 'drizzle-orm';
import { confirmExtraction, getExtraction } from '../../../documents/extraction/policy-extraction.ts';
import { recommendForOwner } from '../../../documents/recommendation/recommend-for-owner.ts';
import { listDocuments } from '../../../documents/uploads/list-documents.ts';
import { storeUpload } from '../../../documents/uploads/store-upload.ts';
import { storedDocuments as documents } from '../../../documents/schema.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import type { Answers } from '../rules/form-rules.ts';
import { stepOf } from '../rules/journey-definition.ts';
import { anonymousCause, type LoadedProspect, loadProspectByToken, prospectActor, recordProspectActivity } from '../prospect-store.ts';

const ownerOf = (prospectId: string) => ({ kind: 'prospect', id: prospectId });

function documentsStep(loaded: LoadedProspect) {
  const step = stepOf(loaded.definition, 'documents');
  if (!step) throw new ProblemError('notFound', 'Ce parcours ne demande pas de documents.');
  if (loaded.prospect.questionnaireCompletedAt) throw new ProblemError('conflict', 'Le questionnaire est envoyé : les documents ne peuvent plus changer.', { code: 'questionnaire_submitted' });
  return step;
}

/**
 * The prospect's current policies (seed 004 "Upload de polices"): stored by the documents module (type by magic bytes,
 * size limit, SHA-256, extraction job), owned by the prospect, at most the step's `maxFiles`.
 */
export async function uploadProspectDocument(services: Services, token: string, file: { filename: string; contentType?: string; bytes: Uint8Array }, requestId: string) {
  return services.db.transaction(async (tx) => {
    const loaded = await loadProspectByToken(tx, token, { lock: true });
    const step = documentsStep(loaded);
    const { prospect } = loaded;
    const existing = await listDocuments(tx, { workspaceId: prospect.workspaceId, owner: ownerOf(prospect.id), purpose: step.purpose });
    if (existing.length >= step.maxFiles) {
      throw new ProblemError('unprocessable', `Au plus ${step.maxFiles} documents par parcours.`, { errors: [{ field: 'body', message: `${step.maxFiles} documents au plus` }] });
    }
    const stored = await storeUpload(
      tx,
      services,
      { workspaceId: prospect.workspaceId, companyId: prospect.companyId, owner: ownerOf(prospect.id), purpose: step.purpose, filename: file.filename, contentType: file.contentType, bytes: file.bytes },
      { auth: anonymousCause(requestId), label: prospectActor(prospect) },
    );
    await recordProspectActivity(tx, prospect, 'document_uploaded', services.clock.now(), { documentId: stored.documentId, duplicate: stored.duplicate });
    return stored;
  });
}

/** The prospect's documents, each with its extraction (fields, confidence, confirmation) for the review on the page. */
export async function prospectDocuments(db: DbOrTx, token: string) {
  const { prospect, definition } = await loadProspectByToken(db, token);
  const step = stepOf(definition, 'documents');
  if (!step) return { step: null, items: [] };
  const rows = await listDocuments(db, { workspaceId: prospect.workspaceId, owner: ownerOf(prospect.id), purpose: step.purpose });
  const items = [];
  for (const row of rows) {
    items.push({ id: row.id, filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes, createdAt: row.createdAt, extraction: await getExtraction(db, { workspaceId: prospect.workspaceId, documentId: row.id }) });
  }
  return { step: { title: step.title, required: step.required, maxFiles: step.maxFiles }, items };
}

/** « Confirmer »: the prospect confirms or corrects what was read; both versions are kept by the documents module. */
export async function confirmProspectDocument(services: Services, token: string, documentId: string, fields: unknown, requestId: string) {
  return services.db.transaction(async (tx) => {
    const loaded = await loadProspectByToken(tx, token, { lock: true });
    documentsStep(loaded);
    const { prospect } = loaded;
    const [owned] = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, documentId), eq(documents.workspaceId, prospect.workspaceId), eq(documents.ownerKind, 'prospect'), eq(documents.ownerId, prospect.id)));
    if (!owned) throw new ProblemError('notFound', 'Document introuvable.');
    const view = await confirmExtraction(tx, { workspaceId: prospect.workspaceId, documentId, fields, confirmedBy: { kind: 'prospect', id: prospect.id } }, { auth: anonymousCause(requestId), label: prospectActor(prospect) });
    await recordProspectActivity(tx, prospect, 'document_confirmed', services.clock.now(), { documentId });
    return view;
  });
}

/** The analysis shown with the price: gaps and savings from the prospect's policies and needs (documents' rules). */
export async function prospectRecommendation(db: DbOrTx, prospect: LoadedProspect['prospect'], answers: Answers) {
  const list = (key: string) => (Array.isArray(answers[key]) ? (answers[key] as string[]) : []);
  const budget = typeof answers.budget === 'number' ? { amount: answers.budget * 100, period: answers.budget_period === 'month' ? ('month' as const) : ('year' as const) } : null;
  return recommendForOwner(db, {
    workspaceId: prospect.workspaceId,
    owner: ownerOf(prospect.id),
    clientType: prospect.clientType ?? (answers.client_type === 'entreprise' ? 'entreprise' : 'particulier'),
    needs: { coverages: list('coverages'), budget, priorities: list('priorities') as ('prix' | 'couverture' | 'service')[] },
    employees: typeof answers.employees === 'number' ? answers.employees : null,
  });
}
