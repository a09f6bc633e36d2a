import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { products } from '../catalog/schema.ts';
import { companyIdColumn, idColumn, workspaceIdColumn } from '../identity/tenant-columns.ts';

/** Commission lines computed by the engine from sales, payments, renewals and cancellations (issue #8). */
export const commissions = pgSchema('commissions');

/**
 * One line of the engine's answer for a product: an event's commission for one beneficiary. Recomputing replaces the
 * product's lines by key (`line_key`: sale, kind, role, beneficiary, event day); a line that is no longer computed
 * keeps its row with amount 0. `posted_key` is the version of its event's ledger entries (see post-commission-entries).
 */
export const commissionLines = commissions.table(
  'line',
  {
    id: idColumn(),
    workspaceId: workspaceIdColumn(),
    companyId: companyIdColumn(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    lineKey: text('line_key').notNull(),
    eventKey: text('event_key').notNull(),
    saleId: text('sale_id'),
    kind: text('kind').notNull(),
    role: text('role').notNull(),
    beneficiary: text('beneficiary'),
    period: text('period').notNull(),
    eventDate: date('event_date').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status').notNull(),
    base: bigint('base', { mode: 'number' }).notNull(),
    rate: text('rate'),
    tier: text('tier'),
    commission: bigint('commission', { mode: 'number' }).notNull(),
    share: text('share').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    explanation: text('explanation').notNull(),
    postedKey: text('posted_key'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('commission_line_key').on(t.workspaceId, t.productId, t.lineKey),
    index('commission_line_company_period_idx').on(t.companyId, t.period, t.role),
    index('commission_line_event_idx').on(t.productId, t.eventKey),
    check('commission_line_status', sql`${t.status} in ('precomptee', 'postcomptee', 'clawback', 'gelee', 'annulee')`),
    check('commission_line_role', sql`${t.role} in ('company', 'salesperson', 'manager', 'partner', 'platform')`),
  ],
);

/**
 * Products whose commission lines must be recomputed: a burst of sales of one product asks once, and the request is
 * served once (`lines/recompute-queue.ts`). `version` rises with every request, so a request that arrives while the
 * product is being recomputed survives that run.
 */
export const recomputeRequests = commissions.table('recompute_request', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => products.id, { onDelete: 'cascade' }),
  workspaceId: workspaceIdColumn(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
});
