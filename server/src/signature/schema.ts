import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../identity/schema.ts';
import { idColumn, timestampColumns, workspaceIdColumn } from '../identity/tenant-columns.ts';

/** Electronic signature of any PDF: requests, their evidence and their timeline (issue #7). */
export const signature = pgSchema('signature');

export const SIGNATURE_STATUSES = ['sent', 'viewed', 'signed', 'cancelled'] as const;
/** Stored statuses; "expired" is derived from `expiresAt` (rules/request-status.ts). */
export type StoredSignatureStatus = (typeof SIGNATURE_STATUSES)[number];
export type VerificationMethod = 'email_link' | 'email_link_otp';

/** Where the signature image goes, in PDF points from the page's bottom-left corner. */
export interface SignatureBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of the recap the signing page shows above the document. */
export interface RecapLine {
  label: string;
  value: string;
}

/**
 * Every certificate that has sealed a document (the public certificate, never its key). A sealed file is checked
 * against the certificate that sealed it, so renewing the platform's certificate never makes earlier seals fail.
 */
export const sealCertificates = signature.table('seal_certificate', {
  sha256: text('sha256').primaryKey(),
  derBase64: text('der_base64').notNull(),
  commonName: text('common_name').notNull(),
  firstUsedAt: timestamp('first_used_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A request to sign one PDF. The signing token is kept as its SHA-256 only; the verify token (printed in the QR code
 * of the sealed file) is public by design and only reveals that the document exists.
 */
export const signatureRequests = signature.table(
  'request',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'restrict' }),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<StoredSignatureStatus>().notNull().default('sent'),
    tokenHash: text('token_hash').notNull(),
    verifyToken: text('verify_token').notNull(),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    signerPhone: text('signer_phone'),
    verification: text('verification').$type<VerificationMethod>().notNull(),
    returnUrl: text('return_url'),
    locale: text('locale').$type<'fr'>().notNull().default('fr'),
    template: text('template'),
    recap: jsonb('recap').$type<RecapLine[]>().notNull().default([]),
    links: jsonb('links').$type<{ label: string; url: string }[]>().notNull().default([]),
    documentFilename: text('document_filename').notNull(),
    documentSha256: text('document_sha256').notNull(),
    signatureBox: jsonb('signature_box').$type<SignatureBox>().notNull(),
    sealedSha256: text('sealed_sha256'),
    /** The certificate that sealed it (null for seals made before certificates were recorded: the current one then). */
    sealCertificateSha256: text('seal_certificate_sha256').references(() => sealCertificates.sha256, { onDelete: 'restrict' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    viewedAt: timestamp('viewed_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    otpHash: text('otp_hash'),
    otpExpiresAt: timestamp('otp_expires_at', { withTimezone: true }),
    otpAttempts: integer('otp_attempts').notNull().default(0),
    otpSent: integer('otp_sent').notNull().default(0),
    otpVerifiedAt: timestamp('otp_verified_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    uniqueIndex('signature_request_token_hash_uq').on(t.tokenHash),
    uniqueIndex('signature_request_verify_token_uq').on(t.verifyToken),
    index('signature_request_workspace_idx').on(t.workspaceId, t.createdAt),
    index('signature_request_subject_idx').on(t.workspaceId, t.subjectKind, t.subjectId),
    index('signature_request_sealed_idx').on(t.sealedSha256),
    check('signature_request_status_ck', sql`${t.status} in ('sent', 'viewed', 'signed', 'cancelled')`),
    check('signature_request_signed_ck', sql`(${t.status} = 'signed') = (${t.sealedSha256} is not null and ${t.signedAt} is not null)`),
  ],
);

/** A stroke as drawn: points in CSS pixels of the canvas, with milliseconds since the first point. */
export interface StrokePoint {
  x: number;
  y: number;
  t: number;
  p?: number;
}
export interface SignatureStrokes {
  width: number;
  height: number;
  pointerType: string;
  strokes: StrokePoint[][];
}

/** What was captured when the signer signed: one row per signed request, never updated. */
export const signatureEvidence = signature.table(
  'evidence',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => signatureRequests.id, { onDelete: 'restrict' }),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    verification: text('verification').$type<VerificationMethod>().notNull(),
    otpVerifiedAt: timestamp('otp_verified_at', { withTimezone: true }),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    consentText: text('consent_text').notNull(),
    strokes: jsonb('strokes').$type<SignatureStrokes>().notNull(),
    strokesSha256: text('strokes_sha256').notNull(),
    documentSha256: text('document_sha256').notNull(),
    sealedSha256: text('sealed_sha256').notNull(),
    evidenceSha256: text('evidence_sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('signature_evidence_request_uq').on(t.requestId), index('signature_evidence_sealed_idx').on(t.sealedSha256)],
);

export const SIGNATURE_EVENT_KINDS = ['created', 'sent', 'viewed', 'otp_sent', 'otp_verified', 'otp_failed', 'signed', 'sealed', 'mailed', 'cancelled'] as const;
export type SignatureEventKind = (typeof SIGNATURE_EVENT_KINDS)[number];

/** The request's timeline, shown in the back-office and printed on the certificate of completion. */
export const signatureEvents = signature.table(
  'event',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => signatureRequests.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<SignatureEventKind>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('signature_event_request_idx').on(t.requestId, t.at)],
);
