import { z } from 'zod';
import { ORDER_STATUSES, SUBSCRIPTION_STATUSES } from '../schema.ts';

const currency = z.enum(['EUR', 'CHF']);
const date = z.date();

export const customerInputSchema = z.object({
  kind: z.enum(['person', 'company']),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  phone: z.string().trim().max(40).nullable().optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'code pays ISO à 2 lettres').optional(),
  language: z.enum(['fr', 'en']).optional(),
  siren: z.string().regex(/^\d{9}$/, '9 chiffres').nullable().optional(),
  vatNumber: z.string().trim().max(20).nullable().optional(),
});

const attributeValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

export const createOrderSchema = z.object({
  customer: customerInputSchema,
  quote: z.object({
    sku: z.string().trim().min(1).max(80).optional(),
    productId: z.uuid().optional(),
    plan: z.string().trim().max(60).optional(),
    quantity: z.number().int().min(1).max(100_000).optional(),
    usage: z.string().regex(/^\d+(\.\d+)?$/).optional(),
    attributes: z.record(z.string().max(60), attributeValue).optional(),
    date: z.iso.date().optional(),
    channel: z.string().max(40).optional(),
    promotionCode: z.string().max(60).nullable().optional(),
    options: z.array(z.string().max(60)).max(50).optional(),
  }),
  merchantCompanyId: z.uuid().nullable().optional(),
  successUrl: z.url().nullable().optional(),
  cancelUrl: z.url().nullable().optional(),
});

export const orderSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  companyId: z.uuid(),
  status: z.enum(ORDER_STATUSES),
  kind: z.enum(['one_off', 'subscription']),
  currency,
  totalExclTax: z.number().int(),
  totalTax: z.number().int(),
  totalInclTax: z.number().int(),
  paidAmount: z.number().int(),
  refundedAmount: z.number().int(),
  interval: z.enum(['month', 'year']).nullable(),
  intervalCount: z.number().int().nullable(),
  productVersion: z.number().int().nullable(),
  planCode: z.string().nullable(),
  merchantCompanyId: z.uuid().nullable(),
  paidAt: date.nullable(),
  cancelledAt: date.nullable(),
  fulfilledAt: date.nullable(),
  lastPaymentError: z.string().nullable(),
  createdAt: date,
});

export const orderListItemSchema = orderSummarySchema.extend({ customerName: z.string(), customerEmail: z.string() });

export const orderListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  companyId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const paymentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['checkout', 'renewal', 'free']),
  provider: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'expired']),
  amount: z.number().int(),
  currency,
  refundedAmount: z.number().int(),
  checkoutSessionId: z.string().nullable(),
  checkoutUrl: z.string().nullable(),
  paymentIntentId: z.string().nullable(),
  invoiceId: z.string().nullable(),
  failureMessage: z.string().nullable(),
  succeededAt: date.nullable(),
  failedAt: date.nullable(),
  expiredAt: date.nullable(),
  createdAt: date,
});

export const refundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  amount: z.number().int(),
  reason: z.string().nullable(),
  status: z.enum(['requested', 'pending', 'succeeded', 'failed']),
  providerRefundId: z.string().nullable(),
  failureMessage: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: date,
});

const subscriptionSchema = z.object({
  id: z.uuid(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  provider: z.string(),
  providerSubscriptionId: z.string().nullable(),
  interval: z.enum(['month', 'year']),
  intervalCount: z.number().int(),
  amount: z.number().int(),
  currency,
  currentPeriodEnd: date.nullable(),
  paidPeriods: z.number().int(),
  cancelAtPeriodEnd: z.boolean(),
  cancelledAt: date.nullable(),
  cancelledBy: z.string().nullable(),
  suspendedAt: date.nullable(),
});

export const orderDetailSchema = z.object({
  order: orderSummarySchema.extend({ quote: z.record(z.string(), z.unknown()), publicToken: z.string() }),
  lines: z.array(
    z.object({
      position: z.number().int(),
      description: z.string(),
      quantity: z.number().int(),
      unitAmount: z.number().int(),
      amountExclTax: z.number().int(),
      taxRateBp: z.number().int(),
      taxAmount: z.number().int(),
      amountInclTax: z.number().int(),
      recurrence: z.string().nullable(),
    }),
  ),
  customer: z.object({ id: z.uuid(), kind: z.string(), name: z.string(), email: z.string(), country: z.string(), language: z.string(), providerCustomerId: z.string().nullable() }),
  payments: z.array(paymentSchema),
  refunds: z.array(refundSchema),
  subscription: subscriptionSchema.nullable(),
  dunning: z.array(z.object({ id: z.uuid(), invoiceId: z.string(), attempt: z.number().int(), scheduledAt: date, status: z.string(), ranAt: date.nullable() })),
  ledger: z.array(z.object({ id: z.uuid(), kind: z.string(), amount: z.number().int(), currency, availableAt: date, payoutId: z.uuid().nullable(), description: z.string() })),
  events: z.array(z.object({ id: z.uuid(), provider: z.string(), eventId: z.string(), type: z.string(), status: z.string(), outcome: z.string().nullable(), receivedAt: date, providerCreated: z.number().int() })),
});

/** What the customer's own page may see (by its opaque token): no internal ids beyond the number. */
export const publicOrderSchema = z.object({
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  kind: z.enum(['one_off', 'subscription']),
  currency,
  totalExclTax: z.number().int(),
  totalTax: z.number().int(),
  totalInclTax: z.number().int(),
  interval: z.enum(['month', 'year']).nullable(),
  intervalCount: z.number().int().nullable(),
  companyName: z.string(),
  customerName: z.string(),
  lines: z.array(z.object({ description: z.string(), quantity: z.number().int(), amountInclTax: z.number().int(), recurrence: z.string().nullable() })),
  lastPaymentError: z.string().nullable(),
  subscription: z.object({ status: z.enum(SUBSCRIPTION_STATUSES), currentPeriodEnd: date.nullable(), cancelAtPeriodEnd: z.boolean() }).nullable(),
  canPay: z.boolean(),
});

export const checkoutResultSchema = z.object({ kind: z.enum(['redirect', 'settled']), url: z.string().nullable(), status: z.enum(ORDER_STATUSES) });
