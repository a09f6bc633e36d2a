import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import { companies, workspaces } from '../identity/schema.ts';
import { paymentAttempts, refunds } from '../payments/schema.ts';
import { customers, orders } from '../sales/schema.ts';
import type { InvoiceDocument } from './formats/invoice-document.ts';

/** Legal invoices and credit notes (issue #6). */
export const invoicing = pgSchema('invoicing');

/**
 * One issued invoice or credit note. Its legal content (number, dates, parties, lines, totals: the `document`) is fixed
 * at issue and a trigger refuses any change to it; only the rendered files and the delivery are filled in afterwards,
 * once each. Numbers are per company, kind and year, gap-free (platform.number_sequence).
 */
export const invoices = invoicing.table(
  'invoice',
  {
    id: uuid('id').primaryKey().$defaultFn(uuidv7),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'restrict' }),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<'invoice' | 'credit_note'>().notNull(),
    number: text('number').notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    issueDate: date('issue_date').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    paymentId: uuid('payment_id').references(() => paymentAttempts.id, { onDelete: 'restrict' }),
    refundId: uuid('refund_id').references(() => refunds.id, { onDelete: 'restrict' }),
    /** Credit notes: the invoice they correct. */
    creditedInvoiceId: uuid('credited_invoice_id'),
    /** What made it, unique: `payment:<id>` for an invoice, `refund:<payment id>:<refunded total>` for a credit note. */
    sourceKey: text('source_key').notNull(),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    totalExclTax: integer('total_excl_tax').notNull(),
    totalTax: integer('total_tax').notNull(),
    totalInclTax: integer('total_incl_tax').notNull(),
    document: jsonb('document').$type<InvoiceDocument>().notNull(),
    pdfSha256: text('pdf_sha256'),
    xmlSha256: text('xml_sha256'),
    renderedAt: timestamp('rendered_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sentTo: text('sent_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoice_company_kind_number_key').on(t.companyId, t.kind, t.number),
    uniqueIndex('invoice_company_kind_year_sequence_key').on(t.companyId, t.kind, t.year, t.sequence),
    uniqueIndex('invoice_source_key').on(t.sourceKey),
    index('invoice_workspace_issue_idx').on(t.workspaceId, t.issueDate),
    index('invoice_order_idx').on(t.orderId),
    check('invoice_kind', sql`${t.kind} in ('invoice', 'credit_note')`),
    check('invoice_totals', sql`${t.totalInclTax} = ${t.totalExclTax} + ${t.totalTax}`),
    check('invoice_credit_reference', sql`(${t.kind} = 'credit_note') = (${t.creditedInvoiceId} is not null)`),
  ],
);

/** Per selling company: numbering prefixes and what its invoices say (issue #6 §1–2). */
export const invoicingSettings = invoicing.table('company_settings', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  invoicePrefix: text('invoice_prefix').notNull().default('F'),
  creditNotePrefix: text('credit_note_prefix').notNull().default('AV'),
  /** "SAS au capital de 50 000 €". */
  legalMention: text('legal_mention'),
  /** "RCS Nîmes 552 100 554". */
  registration: text('registration'),
  iban: text('iban'),
  bic: text('bic'),
  /** Small businesses under the franchise: « TVA non applicable, article 293 B du CGI ». */
  vatFranchise: text('vat_franchise').$type<'none' | 'fr_293b'>().notNull().default('none'),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
