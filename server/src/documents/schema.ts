import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../identity/schema.ts';
import { idColumn, workspaceIdColumn } from '../identity/tenant-columns.ts';
import type { ConfirmedPolicyFields, FieldCorrection, StoredPolicyFields } from './extraction/extraction-types.ts';

/** Stored files of business records (uploads: insurance policies), and what was read from them (issue #7). */
export const documentsSchema = pgSchema('documents');

/**
 * One uploaded file, kept in platform file storage under its SHA-256. It belongs to an owner of another module
 * (`owner_kind` + `owner_id`: a journey, a prospect, a customer…) and, when known, to a company for scoping.
 * The same bytes uploaded twice for the same owner are one document.
 */
export const storedDocuments = documentsSchema.table(
  'document',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'restrict' }),
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('document_owner_sha256_key').on(t.workspaceId, t.ownerKind, t.ownerId, t.sha256),
    index('document_owner_idx').on(t.workspaceId, t.ownerKind, t.ownerId, t.createdAt),
    check('document_content_type', sql`${t.contentType} in ('application/pdf', 'image/png', 'image/jpeg')`),
    check('document_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('document_size', sql`${t.sizeBytes} > 0`),
  ],
);

export const EXTRACTION_STATUSES = ['pending', 'done', 'failed'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

/**
 * What the extraction job read from an insurance policy: the fields as found (never changed afterwards), the method,
 * the confidence. The current confirmed values live on the latest review.
 */
export const policyExtractions = documentsSchema.table(
  'policy_extraction',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => storedDocuments.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    status: text('status').$type<ExtractionStatus>().notNull().default('pending'),
    method: text('method').$type<'text_layer' | 'ocr'>(),
    fields: jsonb('fields').$type<StoredPolicyFields>(),
    overallConfidence: integer('overall_confidence'),
    /** The text read (first 20 000 characters), for the reviewer and for re-running the rules. */
    text: text('text'),
    pages: integer('pages'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('policy_extraction_workspace_idx').on(t.workspaceId, t.status),
    check('policy_extraction_status', sql`${t.status} in ('pending', 'done', 'failed')`),
    check('policy_extraction_method', sql`${t.method} is null or ${t.method} in ('text_layer', 'ocr')`),
    check('policy_extraction_confidence', sql`${t.overallConfidence} is null or ${t.overallConfidence} between 0 and 100`),
  ],
);

/** Each confirmation or correction by the prospect or an advisor, kept: who, when, what they changed. */
export const extractionReviews = documentsSchema.table(
  'extraction_review',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => storedDocuments.id, { onDelete: 'cascade' }),
    fields: jsonb('fields').$type<ConfirmedPolicyFields>().notNull(),
    corrections: jsonb('corrections').$type<FieldCorrection[]>().notNull(),
    confirmedByKind: text('confirmed_by_kind').$type<'prospect' | 'user'>().notNull(),
    confirmedById: text('confirmed_by_id').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('extraction_review_document_idx').on(t.documentId, t.confirmedAt),
    check('extraction_review_by', sql`${t.confirmedByKind} in ('prospect', 'user')`),
  ],
);
