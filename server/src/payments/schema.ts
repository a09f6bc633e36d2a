import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, workspaceIdColumn } from '../identity/tenant-columns.ts';
import { companies, workspaces } from '../identity/schema.ts';
import { orders, subscriptions } from '../sales/schema.ts';

/** Payments, refunds, the webhook inbox, dunning and the marketplace ledger (issue #5). */
export const payments = pgSchema('payments');

const id = idColumn;
const workspaceId = workspaceIdColumn;
const timestamps = timestampColumns();

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One attempt to collect an order (a checkout session) or a renewal (a provider invoice). The idempotency key is
 * derived from this row's id, so a retried provider call never creates a second charge (seed 000 B.3, seed 001 DoD).
 */
export const paymentAttempts = payments.table(
  'payment',
  {
    id: id(),
    workspaceId: workspaceId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'restrict' }),
    provider: text('provider').notNull(),
    kind: text('kind').$type<'checkout' | 'renewal' | 'free'>().notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('pending'),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    checkoutSessionId: text('checkout_session_id'),
    checkoutUrl: text('checkout_url'),
    paymentIntentId: text('payment_intent_id'),
    invoiceId: text('invoice_id'),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    failureMessage: text('failure_message'),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    expiredAt: timestamp('expired_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('payment_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('payment_checkout_session_key').on(t.provider, t.checkoutSessionId),
    uniqueIndex('payment_intent_key').on(t.provider, t.paymentIntentId),
    uniqueIndex('payment_invoice_key').on(t.provider, t.invoiceId),
    index('payment_order_idx').on(t.orderId),
    index('payment_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('payment_status', sql`${t.status} in ('pending', 'succeeded', 'failed', 'expired')`),
    check('payment_kind', sql`${t.kind} in ('checkout', 'renewal', 'free')`),
    check('payment_refund_le_amount', sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.amount}`),
  ],
);

export const REFUND_STATUSES = ['requested', 'pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const refunds = payments.table(
  'refund',
  {
    id: id(),
    workspaceId: workspaceId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => paymentAttempts.id, { onDelete: 'restrict' }),
    amount: integer('amount').notNull(),
    reason: text('reason'),
    status: text('status').$type<RefundStatus>().notNull().default('requested'),
    providerRefundId: text('provider_refund_id'),
    failureMessage: text('failure_message'),
    requestedBy: text('requested_by'),
    ...timestamps,
  },
  (t) => [
    index('refund_payment_idx').on(t.paymentId),
    index('refund_order_idx').on(t.orderId),
    check('refund_amount', sql`${t.amount} > 0`),
    check('refund_status', sql`${t.status} in ('requested', 'pending', 'succeeded', 'failed')`),
  ],
);

export const WEBHOOK_STATUSES = ['received', 'processed', 'failed', 'ignored'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/**
 * The inbound webhook inbox (Lago's pattern): an event is stored once per (provider, event id) before the provider
 * gets its 2xx, then a job applies it. A duplicate delivery hits the unique key and changes nothing.
 */
export const webhookEvents = payments.table(
  'webhook_event',
  {
    id: id(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** Known once the event is traced to an order; null for events of no workspace (e.g. unknown objects). */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<WebhookStatus>().notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Why an event was ignored, or what it changed, in one line for the inbox screen. */
    outcome: text('outcome'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** When its job was last queued (first delivery, retry, replay): a received event left unapplied long after is re-queued. */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Unix seconds of the provider's `created`: the order of facts when events arrive shuffled. */
    providerCreated: bigint('provider_created', { mode: 'number' }).notNull(),
    /** What the event is about (`rules/inbox-lock-key.ts`): concurrent inbox batches never share one. */
    lockKey: text('lock_key'),
  },
  (t) => [
    uniqueIndex('webhook_event_provider_event_key').on(t.provider, t.eventId),
    index('webhook_event_status_idx').on(t.status, t.nextAttemptAt),
    // The inbox is its own queue: workers claim the oldest due rows through this index (received or failed ones).
    index('webhook_event_due_idx').on(t.receivedAt).where(sql`${t.status} in ('received', 'failed')`),
    index('webhook_event_workspace_idx').on(t.workspaceId, t.receivedAt),
    index('webhook_event_order_idx').on(t.orderId),
    check('webhook_event_status', sql`${t.status} in ('received', 'processed', 'failed', 'ignored')`),
  ],
);

/** Dunning (issue #5 §4): the retries of a failed renewal, one row per scheduled attempt. */
export const dunningAttempts = payments.table(
  'dunning_attempt',
  {
    id: id(),
    workspaceId: workspaceId(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'restrict' }),
    invoiceId: text('invoice_id').notNull(),
    attempt: integer('attempt').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    status: text('status').$type<'scheduled' | 'paid' | 'failed' | 'cancelled'>().notNull().default('scheduled'),
    ranAt: timestamp('ran_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('dunning_attempt_invoice_attempt_key').on(t.subscriptionId, t.invoiceId, t.attempt),
    index('dunning_attempt_due_idx').on(t.status, t.scheduledAt),
    check('dunning_attempt_status', sql`${t.status} in ('scheduled', 'paid', 'failed', 'cancelled')`),
  ],
);

/**
 * A merchant of a marketplace workspace (a training organisation): its connected account, its fee plan and its
 * payout delay (seed 000 B.2: provider fee 2.9 % + 0.30 €, platform commission 15–20 %, payout J+2 to J+7).
 */
export const merchantAccounts = payments.table(
  'merchant_account',
  {
    id: id(),
    workspaceId: workspaceId(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'restrict' }),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id'),
    onboardingUrl: text('onboarding_url'),
    chargesEnabled: boolean('charges_enabled').notNull().default(false),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    /** `created` of the last provider event applied to the account: an older event never overwrites a newer state. */
    providerUpdatedAt: bigint('provider_updated_at', { mode: 'number' }),
    /** Platform commission in basis points (1500–2000 in the seed). */
    commissionBp: integer('commission_bp').notNull().default(1500),
    /** Provider fee: percentage in basis points + fixed part in minor units. */
    providerFeeBp: integer('provider_fee_bp').notNull().default(290),
    providerFeeFixed: integer('provider_fee_fixed').notNull().default(30),
    payoutDelayDays: integer('payout_delay_days').notNull().default(7),
    /** On a refund: does the merchant give back its share, does the platform give back its commission. */
    refundReversesMerchantShare: boolean('refund_reverses_merchant_share').notNull().default(true),
    refundReturnsCommission: boolean('refund_returns_commission').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('merchant_account_company_key').on(t.companyId),
    uniqueIndex('merchant_account_provider_key').on(t.provider, t.providerAccountId),
    check('merchant_commission_bp', sql`${t.commissionBp} between 0 and 10000`),
    check('merchant_provider_fee', sql`${t.providerFeeBp} between 0 and 10000 and ${t.providerFeeFixed} >= 0`),
    check('merchant_payout_delay', sql`${t.payoutDelayDays} between 0 and 60`),
  ],
);

export const payouts = payments.table(
  'payout',
  {
    id: id(),
    workspaceId: workspaceId(),
    merchantAccountId: uuid('merchant_account_id')
      .notNull()
      .references(() => merchantAccounts.id, { onDelete: 'restrict' }),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    status: text('status').$type<'pending' | 'paid' | 'failed'>().notNull().default('pending'),
    providerTransferId: text('provider_transfer_id'),
    failureMessage: text('failure_message'),
    ...timestamps,
  },
  (t) => [index('payout_merchant_idx').on(t.merchantAccountId, t.createdAt), check('payout_amount', sql`${t.amount} > 0`)],
);

export const LEDGER_KINDS = ['sale', 'provider_fee', 'platform_commission', 'refund', 'payout'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The merchant's balance, movement by movement (signed minor units, from the merchant's point of view). A movement is
 * pending until `available_at` (the payout delay), then available, then paid once a payout takes it. The unique
 * source key makes each business fact produce its movement once, however often its event is delivered.
 */
export const merchantLedgerEntries = payments.table(
  'merchant_ledger_entry',
  {
    id: id(),
    workspaceId: workspaceId(),
    merchantAccountId: uuid('merchant_account_id')
      .notNull()
      .references(() => merchantAccounts.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<LedgerKind>().notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<'EUR' | 'CHF'>().notNull(),
    sourceKey: text('source_key').notNull(),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    payoutId: uuid('payout_id').references(() => payouts.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('merchant_ledger_source_key').on(t.sourceKey),
    index('merchant_ledger_merchant_idx').on(t.merchantAccountId, t.availableAt),
    check('merchant_ledger_kind', sql`${t.kind} in ('sale', 'provider_fee', 'platform_commission', 'refund', 'payout')`),
  ],
);

/**
 * The sandbox provider's own state (checkout sessions, payment intents, subscriptions, invoices, refunds, accounts),
 * stored as Stripe-shaped objects so its webhooks carry exactly what Stripe's would.
 */
export const sandboxObjects = payments.table(
  'sandbox_object',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key'),
    ...timestamps,
  },
  (t) => [uniqueIndex('sandbox_object_idempotency_key').on(t.type, t.idempotencyKey), index('sandbox_object_type_idx').on(t.type)],
);
