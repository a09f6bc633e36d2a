import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

/** Tables owned by the platform module live in their own PostgreSQL schema. */
export const platform = pgSchema('platform');

/**
 * The transactional outbox: a module inserts its domain event here in the same
 * transaction as the change it describes; the dispatcher turns it into jobs.
 */
export const outboxEvents = platform.table(
  'outbox_event',
  {
    id: uuid('id').primaryKey().$defaultFn(uuidv7),
    workspaceId: uuid('workspace_id'),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actor: text('actor'),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    jobCount: integer('job_count'),
  },
  (table) => [
    index('outbox_event_pending_idx').on(table.occurredAt).where(sql`${table.dispatchedAt} is null`),
    index('outbox_event_topic_idx').on(table.topic, table.occurredAt),
  ],
);

/**
 * One row per applied job effect. A handler claims its key in the same transaction
 * as its writes, so a redelivered job finds the key and does nothing.
 */
export const jobEffects = platform.table('job_effect', {
  key: text('key').primaryKey(),
  queue: text('queue').notNull(),
  eventId: uuid('event_id'),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every message Comptoir sends: the local outbox (embedded mode) and the SMTP log. */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  sha256: string;
}

export const mailMessages = platform.table(
  'mail_message',
  {
    id: uuid('id').primaryKey().$defaultFn(uuidv7),
    workspaceId: uuid('workspace_id'),
    template: text('template').notNull(),
    language: text('language', { enum: ['fr', 'en'] }).notNull(),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Files sent with the message, by their content address in file storage (an invoice PDF…). */
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    status: text('status', { enum: ['queued', 'kept', 'sent', 'failed'] }).notNull().default('queued'),
    transport: text('transport', { enum: ['outbox', 'smtp'] }),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    index('mail_message_created_idx').on(table.workspaceId, table.createdAt),
    check('mail_message_status_check', sql`${table.status} in ('queued', 'kept', 'sent', 'failed')`),
    check('mail_message_language_check', sql`${table.language} in ('fr', 'en')`),
  ],
);

/** Small platform-wide facts, e.g. when demo data was seeded. */
export const systemSettings = platform.table('system_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Human numbers (orders `CMD-2026-000042`, invoices `F-2026-000123`): one counter per scope, kind and year, taken with
 * a row lock in the caller's transaction, so numbers are sequential and a rolled-back transaction leaves no gap.
 */
export const numberSequences = platform.table(
  'number_sequence',
  {
    scopeId: uuid('scope_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.scopeId, table.kind, table.year] }), check('number_sequence_positive', sql`${table.lastValue} >= 0`)],
);
