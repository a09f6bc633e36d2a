import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { AcceptedType } from '../rules/upload-checks.ts';
import { policyExtractions, storedDocuments } from '../schema.ts';
import { DOCUMENT_UPLOADED_TOPIC } from '../uploads/store-upload.ts';
import type { StoredPolicyFields } from './extraction-types.ts';
import { ExtractionTimeoutError, readPolicyText, UnreadableDocumentError } from './read-policy-text.ts';
import { extractPolicyFields } from './rules/extract-policy-fields.ts';

export const EXTRACTION_COMPLETED_TOPIC = 'documents.extraction.completed';
/** Stored text, for the reviewer: the particulars are at the start. */
const MAX_STORED_TEXT = 20_000;

/** Limits of the extraction job, per process (2 cores: one OCR at a time leaves the other to the requests). */
export const extractionLimits = { concurrency: 1, timeoutMs: 120_000, maxOcrPages: 3 };

type Performed =
  | null
  | { status: 'done'; method: 'text_layer' | 'ocr'; fields: StoredPolicyFields; overallConfidence: number; text: string; pages: number; durationMs: number }
  | { status: 'failed'; error: string; durationMs: number };

let running = 0;
const waiting: (() => void)[] = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  while (running >= extractionLimits.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Reads an uploaded insurance policy and stores what the rules found, once. The reading (text layer, or OCR for
 * scans) is `perform`: outside any transaction, one at a time per process, bounded by a time limit. A file that
 * cannot be read (damaged, protected, too slow) ends as `failed` with a French reason — a person then enters the
 * fields by hand; it is not retried forever.
 */
export const extractPolicyHandler = defineHandler<{ documentId: string; purpose: string }>({
  name: 'documents.extract-policy',
  topics: [DOCUMENT_UPLOADED_TOPIC],
  retryLimit: 2,
  async perform({ event, services }): Promise<Performed> {
    const [row] = await services.db
      .select({ document: storedDocuments, status: policyExtractions.status })
      .from(policyExtractions)
      .innerJoin(storedDocuments, eq(storedDocuments.id, policyExtractions.documentId))
      .where(eq(policyExtractions.documentId, event.payload.documentId));
    if (row?.status !== 'pending') return null;
    const bytes = await services.files.get(row.document.sha256);
    const started = Date.now();
    return withSlot(async () => {
      try {
        const read = await readPolicyText(bytes, row.document.contentType as AcceptedType, { timeoutMs: extractionLimits.timeoutMs, maxOcrPages: extractionLimits.maxOcrPages });
        const extraction = extractPolicyFields(read.text, { words: read.words });
        return {
          status: 'done',
          method: read.method,
          fields: { ...extraction.fields, coverages: extraction.coverages },
          overallConfidence: extraction.overallConfidence,
          text: read.text.slice(0, MAX_STORED_TEXT),
          pages: read.pages,
          durationMs: Date.now() - started,
        };
      } catch (error) {
        if (error instanceof ExtractionTimeoutError || error instanceof UnreadableDocumentError) {
          services.log.warn({ documentId: event.payload.documentId, err: error }, 'policy extraction failed');
          return { status: 'failed', error: error.message, durationMs: Date.now() - started };
        }
        throw error;
      }
    });
  },
  async handle({ tx, event, services, performed }) {
    const result = performed as Performed;
    if (!result) return;
    const now = services.clock.now();
    const [after] = await tx
      .update(policyExtractions)
      .set(
        result.status === 'done'
          ? { status: 'done', method: result.method, fields: result.fields, overallConfidence: result.overallConfidence, text: result.text, pages: result.pages, durationMs: result.durationMs, completedAt: now }
          : { status: 'failed', error: result.error, durationMs: result.durationMs, completedAt: now },
      )
      .where(and(eq(policyExtractions.documentId, event.payload.documentId), eq(policyExtractions.status, 'pending')))
      .returning({ workspaceId: policyExtractions.workspaceId, status: policyExtractions.status, method: policyExtractions.method, overallConfidence: policyExtractions.overallConfidence });
    if (!after) return;
    const [document] = await tx.select().from(storedDocuments).where(eq(storedDocuments.id, event.payload.documentId));
    await appendAudit(
      tx,
      { kind: 'anonymous', requestId: event.requestId ?? '' },
      { action: 'extract', tableName: 'documents.policy_extraction', recordId: event.payload.documentId, companyId: document?.companyId ?? null, after },
      { workspaceId: after.workspaceId, actorLabel: 'system:documents', now },
    );
    await recordEvent(tx, {
      topic: EXTRACTION_COMPLETED_TOPIC,
      payload: { documentId: event.payload.documentId, status: after.status, overallConfidence: after.overallConfidence, owner: document ? { kind: document.ownerKind, id: document.ownerId } : null },
      workspaceId: after.workspaceId,
      actor: 'system:documents',
      requestId: event.requestId,
    });
  },
});
