import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../identity/schema.ts';
import { companyIdColumn, idColumn, workspaceIdColumn } from '../identity/tenant-columns.ts';
import type { AccountPlan } from './rules/accounts.ts';

/** The ledger, its mappings and the accountants' exports (issue #8, seed 003 §3.6 and Annex F). */
export const accounting = pgSchema('accounting');

/**
 * Per company: the general accounts entries use when the product version has no mapping of its own
 * (catalog.accounting_mapping), defaults of Annex F. `accounts` holds only the overrides.
 */
export const accountingSettings = accounting.table('company_settings', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'restrict' }),
  workspaceId: workspaceIdColumn(),
  accounts: jsonb('accounts').$type<Partial<AccountPlan>>().notNull().default({}),
  /** Short code in file names (EXPORT_{Societe}_{AAAA-MM}.csv); the brand name when null. */
  exportCode: text('export_code'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One balanced journal entry. Numbered per company, journal and year without gaps (platform.number_sequence, in the
 * posting transaction). `source_key` names the business fact it comes from, unique: a replayed event posts nothing.
 */
export const ledgerEntries = accounting.table(
  'entry',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    journal: text('journal').notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    /** VE-2025-000001. */
    number: text('number').notNull(),
    entryDate: date('entry_date').notNull(),
    label: text('label').notNull(),
    sourceKey: text('source_key').notNull(),
    /** Invoice number, payment id…: FEC PieceRef. */
    pieceRef: text('piece_ref').notNull(),
    currency: text('currency').notNull(),
    productSku: text('product_sku'),
    partnerName: text('partner_name'),
    contractRef: uuid('contract_ref'),
    customerRef: uuid('customer_ref'),
    totalDebit: bigint('total_debit', { mode: 'number' }).notNull(),
    totalCredit: bigint('total_credit', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('entry_source_key').on(t.workspaceId, t.sourceKey),
    uniqueIndex('entry_number_key').on(t.companyId, t.journal, t.year, t.sequence),
    index('entry_company_date_idx').on(t.companyId, t.entryDate, t.id),
    check('entry_journal', sql`${t.journal} in ('VE', 'AC', 'BQ', 'OD')`),
    check('entry_balanced', sql`${t.totalDebit} = ${t.totalCredit}`),
  ],
);

/**
 * A line of an entry: exactly one of debit / credit is positive, the other zero (negatives are written on the other
 * side). A deferred constraint trigger (custom migration) checks at commit that the lines add up to the entry's totals.
 */
export const ledgerLines = accounting.table(
  'line',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => ledgerEntries.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    /** Denormalised from the entry, so exports and the explorer read one table in (company, date, id) order. */
    entryDate: date('entry_date').notNull(),
    journal: text('journal').notNull(),
    account: text('account').notNull(),
    /** Subsidiary account (FEC CompAuxNum): the customer, partner or supplier. */
    auxAccount: text('aux_account'),
    auxLabel: text('aux_label'),
    /** Annex F « Type écriture ». */
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    debit: bigint('debit', { mode: 'number' }).notNull(),
    credit: bigint('credit', { mode: 'number' }).notNull(),
    vatAmount: bigint('vat_amount', { mode: 'number' }).notNull().default(0),
    vatRateBp: integer('vat_rate_bp').notNull().default(0),
    costCenter: text('cost_center'),
  },
  (t) => [
    uniqueIndex('line_entry_position_key').on(t.entryId, t.position),
    index('line_company_date_idx').on(t.companyId, t.entryDate, t.id),
    index('line_company_account_idx').on(t.companyId, t.account, t.entryDate),
    check('line_one_side', sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} = 0) <> (${t.credit} = 0)`),
    check('line_kind', sql`${t.kind} in ('CA', 'Commission', 'Frais', 'TVA', 'Tiers', 'Tresorerie')`),
  ],
);

export const EXPORT_KINDS = ['csv', 'xlsx', 'vat', 'fec', 'statement'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The export journal (Annex F §6): when, who, what, the stored file and its SHA-256. */
export const accountingExports = accounting.table(
  'export',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    kind: text('kind').$type<ExportKind>().notNull(),
    /** YYYY-MM. */
    period: text('period').notNull(),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull().default('running'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256'),
    size: bigint('size', { mode: 'number' }),
    lineCount: integer('line_count'),
    /** Lines written so far, for the progress bar. */
    progress: integer('progress').notNull().default(0),
    totalLines: integer('total_lines').notNull().default(0),
    requestedBy: text('requested_by').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('export_company_created_idx').on(t.companyId, t.createdAt),
    uniqueIndex('export_scheduled_key').on(t.companyId, t.kind, t.period, t.requestedBy).where(sql`${t.requestedBy} = 'system:schedule'`),
    check('export_kind', sql`${t.kind} in ('csv', 'xlsx', 'vat', 'fec', 'statement')`),
    check('export_status', sql`${t.status} in ('running', 'done', 'failed')`),
    check('export_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
