import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, idColumn, timestampColumns, workspaceIdColumn } from '../identity/tenant-columns.ts';
import { products } from '../catalog/schema.ts';
import { companies, } from '../identity/schema.ts';

/** Customers, orders and subscriptions: what was sold, to whom, at which price (issue #5, the order part of sales). */
export const sales = pgSchema('sales');

const id = idColumn;
const workspaceId = workspaceIdColumn;
const companyId = companyIdColumn;
const timestamps = timestampColumns();

/** A buyer of one selling company: a person or a company (seed 004 "particulier" / "entreprise"). */
export const customers = sales.table(
  'customer',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    country: text('country').notNull().default('FR'),
    language: text('language').notNull().default('fr'),
    siren: text('siren'),
    vatNumber: text('vat_number'),
    address: jsonb('address').$type<Record<string, string>>(),
    /** The provider's customer id (Stripe `cus_…`), set by the first checkout. */
    providerCustomerId: text('provider_customer_id'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('customer_company_email_key').on(t.companyId, sql`lower(${t.email})`),
    index('customer_workspace_idx').on(t.workspaceId),
    check('customer_kind', sql`${t.kind} in ('person', 'company')`),
    check('customer_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const ORDER_STATUSES = ['draft', 'awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An order snapshots the quote it was made from (lines, taxes, the product version used): a later price change never
 * changes what was sold. Money facts (paid, refunded) are accumulated from provider events; the status is derived
 * from them by `rules/order-status.ts`, so events applied in any order give the same order.
 */
export const orders = sales.table(
  'order',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    number: text('number').notNull(),
    /** Opaque token of the customer's pages (pay, success, cancel): never a guessable id. */
    publicToken: text('public_token').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('draft'),
    kind: text('kind').$type<'one_off' | 'subscription'>().notNull(),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'restrict' }),
    productVersion: integer('product_version'),
    planCode: text('plan_code'),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    totalExclTax: integer('total_excl_tax').notNull(),
    totalTax: integer('total_tax').notNull(),
    totalInclTax: integer('total_incl_tax').notNull(),
    /** Subscriptions: the billing cycle. */
    interval: text('interval').$type<'month' | 'year'>(),
    intervalCount: integer('interval_count'),
    /** The full quote answer as the customer saw it (issue #4 contract). */
    quote: jsonb('quote').$type<Record<string, unknown>>().notNull(),
    /** Marketplace sale: the merchant (a company of the workspace, e.g. a training organisation) who delivers. */
    merchantCompanyId: uuid('merchant_company_id').references(() => companies.id, { onDelete: 'restrict' }),
    paidAmount: integer('paid_amount').notNull().default(0),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    lastPaymentError: text('last_payment_error'),
    successUrl: text('success_url'),
    cancelUrl: text('cancel_url'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('order_company_number_key').on(t.companyId, t.number),
    uniqueIndex('order_public_token_key').on(t.publicToken),
    index('order_workspace_status_idx').on(t.workspaceId, t.status, t.createdAt),
    index('order_customer_idx').on(t.customerId),
    check('order_status', sql`${t.status} in ('draft', 'awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded')`),
    check('order_kind', sql`${t.kind} in ('one_off', 'subscription')`),
    check('order_currency', sql`${t.currency} in ('EUR', 'CHF')`),
    check('order_totals', sql`${t.totalExclTax} >= 0 and ${t.totalTax} >= 0 and ${t.totalInclTax} = ${t.totalExclTax} + ${t.totalTax}`),
    check('order_refund_le_paid', sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.paidAmount}`),
    check('order_subscription_interval', sql`(${t.kind} = 'subscription') = (${t.interval} is not null)`),
  ],
);

export const orderLines = sales.table(
  'order_line',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitAmount: integer('unit_amount').notNull(),
    amountExclTax: integer('amount_excl_tax').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    taxAmount: integer('tax_amount').notNull(),
    amountInclTax: integer('amount_incl_tax').notNull(),
    recurrence: text('recurrence'),
  },
  (t) => [
    uniqueIndex('order_line_position_key').on(t.orderId, t.position),
    check('order_line_sum', sql`${t.amountInclTax} = ${t.amountExclTax} + ${t.taxAmount}`),
  ],
);

export const SUBSCRIPTION_STATUSES = ['incomplete', 'active', 'past_due', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A contract that renews (seed 004: the yearly WIN WIN mandate). One per subscription order. */
export const subscriptions = sales.table(
  'subscription',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: companyId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    provider: text('provider').notNull(),
    providerSubscriptionId: text('provider_subscription_id'),
    status: text('status').$type<SubscriptionStatus>().notNull().default('incomplete'),
    interval: text('interval').$type<'month' | 'year'>().notNull(),
    intervalCount: integer('interval_count').notNull().default(1),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    /** Renewals paid so far (the first payment included). */
    paidPeriods: integer('paid_periods').notNull().default(0),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** `created` of the last provider event that set the flags above: an older event never overwrites a newer one. */
    providerUpdatedAt: bigint('provider_updated_at', { mode: 'number' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by').$type<'customer' | 'provider' | 'dunning' | 'staff'>(),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('subscription_order_key').on(t.orderId),
    uniqueIndex('subscription_provider_key').on(t.provider, t.providerSubscriptionId),
    index('subscription_workspace_status_idx').on(t.workspaceId, t.status),
    check('subscription_status', sql`${t.status} in ('incomplete', 'active', 'past_due', 'suspended', 'cancelled')`),
  ],
);
