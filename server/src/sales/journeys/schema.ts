import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { products } from '../../catalog/schema.ts';
import { companyIdColumn, idColumn, timestampColumns, workspaceIdColumn } from '../../identity/tenant-columns.ts';
import { customers, orders, sales } from '../schema.ts';
import type { JourneyDefinition } from './rules/journey-definition.ts';
import type { ProspectStatus } from './rules/prospect-status.ts';

/**
 * Issue #7: a journey is configuration (its steps, questionnaire, pricing mapping, mails) attached to a product; a
 * prospect walks it on public pages reached through an opaque token. Every status change is an event row, so
 * durations and drop-offs are measured from facts, not from the current status.
 */
export const journeys = sales.table(
  'journey',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    /** Public start URL segment: /parcours/{workspace}/{slug}. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    definition: jsonb('definition').$type<JourneyDefinition>().notNull(),
    /** Incremented on every definition change; a prospect keeps the version it started with. */
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    uniqueIndex('journey_workspace_slug_key').on(t.workspaceId, t.slug),
    index('journey_product_idx').on(t.productId),
    check('journey_slug', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
  ],
);

/** Every definition a journey has had, immutable: a prospect walks the version it started with to the end. */
export const journeyVersions = sales.table(
  'journey_version',
  {
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<JourneyDefinition>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.version] })],
);

export const PROSPECT_STATUS_SQL = sql.raw(
  "'prospect', 'en_signature', 'en_paiement', 'client_actif', 'paiement_en_echec', 'mandat_resilie', 'abandonne'",
);

export const prospects = sales.table(
  'prospect',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'restrict' }),
    journeyVersion: integer('journey_version').notNull(),
    /** The only key of the public pages: 32 random bytes, never an id. */
    token: text('token').notNull(),
    status: text('status').$type<ProspectStatus>().notNull().default('prospect'),
    /** Where the prospect came from (utm_source, an advisor's invitation, …): a filter of the analytics. */
    source: text('source').notNull().default('web'),
    /** "Mandat offert": set by an advisor's invitation only, never by the public form. */
    offered: boolean('offered').notNull().default(false),
    clientType: text('client_type').$type<'particulier' | 'entreprise'>(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    consentVersion: text('consent_version'),
    consentText: text('consent_text'),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    /** The catalog quote as shown to the prospect (frozen into the order at payment). */
    quote: jsonb('quote').$type<Record<string, unknown>>(),
    priceAmount: integer('price_amount'),
    currency: text('currency').$type<'EUR' | 'CHF'>(),
    recommendation: jsonb('recommendation').$type<Record<string, unknown>>(),
    signatureRequestId: uuid('signature_request_id'),
    /** The signing link's token, sealed (platform SecretBox): the prospect's own link leads back to the same request. */
    signatureTokenSealed: text('signature_token_sealed'),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    mandateNumber: text('mandate_number'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    questionnaireCompletedAt: timestamp('questionnaire_completed_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    abandonedAt: timestamp('abandoned_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** GDPR erasure: personal fields were blanked on this date; records the law keeps stay. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...timestampColumns(),
  },
  (t) => [
    uniqueIndex('prospect_token_key').on(t.token),
    uniqueIndex('prospect_mandate_number_key').on(t.companyId, t.mandateNumber),
    uniqueIndex('prospect_order_key').on(t.orderId),
    index('prospect_workspace_status_idx').on(t.workspaceId, t.status, t.startedAt),
    index('prospect_journey_idx').on(t.journeyId, t.startedAt),
    index('prospect_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
    index('prospect_activity_idx').on(t.status, t.lastActivityAt),
    check('prospect_status', sql`${t.status} in (${PROSPECT_STATUS_SQL})`),
    check('prospect_client_type', sql`${t.clientType} is null or ${t.clientType} in ('particulier', 'entreprise')`),
    check('prospect_activation_once', sql`(${t.activatedAt} is null) = (${t.mandateNumber} is null)`),
  ],
);

/** Every transition of a prospect, timestamped by the server: the facts the funnel analytics count. */
export const prospectEvents = sales.table(
  'prospect_event',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => prospects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prospect_event_prospect_idx').on(t.prospectId, t.at), index('prospect_event_workspace_kind_idx').on(t.workspaceId, t.kind, t.at)],
);
