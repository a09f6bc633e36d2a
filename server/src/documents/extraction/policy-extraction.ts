import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import { type DocumentsActor, actorAuth, labelOf } from '../documents-actor.ts';
import { extractionReviews, type ExtractionStatus, policyExtractions, storedDocuments } from '../schema.ts';
import { CONFIRMABLE_FIELDS, type ConfirmedPolicyFields, type FieldCorrection, type StoredPolicyFields } from './extraction-types.ts';
import { COVERAGE_CODES, type CoverageCode } from './rules/coverages.ts';

export const EXTRACTION_CONFIRMED_TOPIC = 'documents.extraction.confirmed';

export interface ExtractionView {
  documentId: string;
  status: ExtractionStatus;
  method: 'text_layer' | 'ocr' | null;
  /** As extracted: each field with its value, confidence (0–100) and source line; never changed by a review. */
  fields: StoredPolicyFields | null;
  overallConfidence: number | null;
  error: string | null;
  completedAt: Date | null;
  /** The values currently confirmed (latest review), if any. */
  confirmed: ConfirmedPolicyFields | null;
  confirmedBy: { kind: 'prospect' | 'user'; id: string; at: Date } | null;
  /** Every review, oldest first, with what it changed. */
  corrections: { by: { kind: 'prospect' | 'user'; id: string }; at: Date; changes: FieldCorrection[] }[];
}

const isoDate = z.iso.date();
export const confirmedFieldsSchema = z
  .object({
    insurer: z.string().trim().min(1).max(120).nullable(),
    policyNumber: z.string().trim().min(1).max(60).nullable(),
    premium: z
      .object({
        amount: z.number().int().min(0).max(100_000_000_00),
        currency: z.enum(['CHF', 'EUR']),
        period: z.enum(['year', 'month']),
      })
      .nullable(),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    coverageType: z.enum(COVERAGE_CODES).nullable(),
    coverages: z.array(z.enum(COVERAGE_CODES)).max(COVERAGE_CODES.length).optional(),
  })
  .strict();

export async function getExtraction(db: DbOrTx, input: { workspaceId: string; documentId: string }): Promise<ExtractionView | null> {
  const [row] = await db
    .select()
    .from(policyExtractions)
    .where(and(eq(policyExtractions.documentId, input.documentId), eq(policyExtractions.workspaceId, input.workspaceId)));
  if (!row) return null;
  const reviews = await db.select().from(extractionReviews).where(eq(extractionReviews.documentId, row.documentId)).orderBy(asc(extractionReviews.confirmedAt), asc(extractionReviews.id));
  const latest = reviews.at(-1);
  return {
    documentId: row.documentId,
    status: row.status,
    method: row.method ?? null,
    fields: row.fields ?? null,
    overallConfidence: row.overallConfidence ?? null,
    error: row.error ?? null,
    completedAt: row.completedAt ?? null,
    confirmed: latest?.fields ?? null,
    confirmedBy: latest ? { kind: latest.confirmedByKind, id: latest.confirmedById, at: latest.confirmedAt } : null,
    corrections: reviews.map((r) => ({ by: { kind: r.confirmedByKind, id: r.confirmedById }, at: r.confirmedAt, changes: r.corrections })),
  };
}

/** The values as extracted, in the shape a person confirms. */
export function extractedValues(fields: StoredPolicyFields | null): ConfirmedPolicyFields {
  return {
    insurer: fields?.insurer?.value ?? null,
    policyNumber: fields?.policyNumber?.value ?? null,
    premium: fields?.premium?.value ?? null,
    startDate: fields?.startDate?.value ?? null,
    endDate: fields?.endDate?.value ?? null,
    coverageType: fields?.coverageType?.value ?? null,
    coverages: fields?.coverages ?? [],
  };
}

/** JSON with sorted keys: jsonb does not keep the order objects were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The prospect or an advisor confirms the extracted fields, correcting any of them. The extraction stays as it was
 * found; each confirmation is a new review row (who, when, the values, and what changed against the previous
 * values), audited, and announced by an event for the journey.
 */
export async function confirmExtraction(
  tx: DbOrTx,
  input: { workspaceId: string; documentId: string; fields: unknown; confirmedBy: { kind: 'prospect' | 'user'; id: string } },
  actor: DocumentsActor,
): Promise<ExtractionView> {
  const parsed = confirmedFieldsSchema.safeParse(input.fields);
  if (!parsed.success) {
    throw new ProblemError('validation', 'Les champs confirmés sont invalides.', {
      errors: parsed.error.issues.map((issue) => ({ field: ['fields', ...issue.path].join('.'), message: issue.message })),
    });
  }
  const fields = parsed.data as ConfirmedPolicyFields;
  if (fields.startDate && fields.endDate && fields.startDate >= fields.endDate) {
    throw new ProblemError('validation', 'La fin du contrat doit suivre son début.', { errors: [{ field: 'fields.endDate', message: 'antérieure ou égale au début' }] });
  }
  if (!['prospect', 'user'].includes(input.confirmedBy?.kind) || !input.confirmedBy.id) {
    throw new ProblemError('validation', 'Qui confirme doit être indiqué.', { errors: [{ field: 'confirmedBy', message: 'requis' }] });
  }
  const [row] = await tx
    .select({ extraction: policyExtractions, document: storedDocuments })
    .from(policyExtractions)
    .innerJoin(storedDocuments, eq(storedDocuments.id, policyExtractions.documentId))
    .where(and(eq(policyExtractions.documentId, input.documentId), eq(policyExtractions.workspaceId, input.workspaceId)))
    .for('update');
  if (!row) throw new ProblemError('notFound', 'Document introuvable.');
  if (row.extraction.status === 'pending') {
    throw new ProblemError('conflict', 'La lecture du document est encore en cours : réessayez dans un instant.', { code: 'extraction_pending' });
  }
  const [previous] = await tx.select().from(extractionReviews).where(eq(extractionReviews.documentId, input.documentId)).orderBy(desc(extractionReviews.confirmedAt), desc(extractionReviews.id)).limit(1);
  const before = previous?.fields ?? extractedValues(row.extraction.fields ?? null);
  const normalized: ConfirmedPolicyFields = { ...fields, coverages: fields.coverages ?? (before.coverages as CoverageCode[] | undefined) ?? [] };
  const corrections: FieldCorrection[] = CONFIRMABLE_FIELDS.filter((key) => !same(before[key], normalized[key])).map((key) => ({ field: key, from: before[key] ?? null, to: normalized[key] ?? null }));
  const [review] = await tx
    .insert(extractionReviews)
    .values({ workspaceId: input.workspaceId, documentId: input.documentId, fields: normalized, corrections, confirmedByKind: input.confirmedBy.kind, confirmedById: input.confirmedBy.id })
    .returning();
  const label = labelOf(actor, `${input.confirmedBy.kind}:${input.confirmedBy.id}`);
  await appendAudit(
    tx,
    actorAuth(actor),
    { action: 'confirm', tableName: 'documents.extraction_review', recordId: review!.id, companyId: row.document.companyId, before: { documentId: input.documentId, fields: before }, after: { documentId: input.documentId, fields: normalized, corrections, confirmedBy: input.confirmedBy } },
    { workspaceId: input.workspaceId, actorLabel: label },
  );
  await recordEvent(tx, {
    topic: EXTRACTION_CONFIRMED_TOPIC,
    payload: { documentId: input.documentId, reviewId: review!.id, owner: { kind: row.document.ownerKind, id: row.document.ownerId } },
    workspaceId: input.workspaceId,
    actor: label,
    requestId: actorAuth(actor).requestId || null,
  });
  return (await getExtraction(tx, { workspaceId: input.workspaceId, documentId: input.documentId }))!;
}
