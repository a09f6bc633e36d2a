import { queryOptions } from '@tanstack/react-query';
import { api } from './api.ts';

// Orders (server/src/sales/orders/orders.routes.ts) and payments (server/src/payments/**/*.routes.ts):
// the back-office lists and order page, refunds, the webhook inbox, merchants, the sandbox controls,
// and the customer's pages reached by an opaque token. Dates travel as ISO strings.

export const orderStatuses = ['draft', 'awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const paymentStatuses = ['pending', 'succeeded', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const refundStatuses = ['requested', 'pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];
export const subscriptionStatuses = ['incomplete', 'active', 'past_due', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export const webhookStatuses = ['received', 'processed', 'failed', 'ignored'] as const;
export type WebhookStatus = (typeof webhookStatuses)[number];
export const refundReasons = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof refundReasons)[number];
/** The event types the inbox handles (seeds 000, 001, 004 and issue #5), offered in its type filter. */
export const webhookTypes = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'invoice.paid',
  'invoice.payment_failed',
  'charge.refunded',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'account.updated',
  'transfer.created',
] as const;

export type Currency = 'EUR' | 'CHF';

/** Paid, then possibly delivered or refunded: the money came in. */
export const paidStatuses: readonly OrderStatus[] = ['paid', 'fulfilled', 'partially_refunded', 'refunded'];

export interface OrderSummary {
  id: string;
  number: string;
  companyId: string;
  status: OrderStatus;
  kind: 'one_off' | 'subscription';
  currency: Currency;
  totalExclTax: number;
  totalTax: number;
  totalInclTax: number;
  paidAmount: number;
  refundedAmount: number;
  interval: 'month' | 'year' | null;
  intervalCount: number | null;
  productVersion: number | null;
  planCode: string | null;
  merchantCompanyId: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  fulfilledAt: string | null;
  lastPaymentError: string | null;
  createdAt: string;
}

export interface OrderListItem extends OrderSummary {
  customerName: string;
  customerEmail: string;
}

export interface OrderFilters {
  status?: OrderStatus;
  companyId?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface Payment {
  id: string;
  kind: 'checkout' | 'renewal' | 'free';
  provider: string;
  status: PaymentStatus;
  amount: number;
  currency: Currency;
  refundedAmount: number;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  paymentIntentId: string | null;
  invoiceId: string | null;
  failureMessage: string | null;
  succeededAt: string | null;
  failedAt: string | null;
  expiredAt: string | null;
  createdAt: string;
}

export interface Refund {
  id: string;
  paymentId: string;
  amount: number;
  reason: string | null;
  status: RefundStatus;
  providerRefundId: string | null;
  failureMessage: string | null;
  requestedBy: string | null;
  createdAt: string;
}

export interface Subscription {
  id: string;
  status: SubscriptionStatus;
  provider: string;
  providerSubscriptionId: string | null;
  interval: 'month' | 'year';
  intervalCount: number;
  amount: number;
  currency: Currency;
  currentPeriodEnd: string | null;
  paidPeriods: number;
  cancelAtPeriodEnd: boolean;
  cancelledAt: string | null;
  cancelledBy: string | null;
  suspendedAt: string | null;
}

export interface OrderLine {
  position: number;
  description: string;
  quantity: number;
  unitAmount: number;
  amountExclTax: number;
  taxRateBp: number;
  taxAmount: number;
  amountInclTax: number;
  recurrence: string | null;
}

export interface TimelineEvent {
  id: string;
  provider: string;
  eventId: string;
  type: string;
  status: WebhookStatus;
  outcome: string | null;
  receivedAt: string;
  /** Unix seconds, the provider's own clock. */
  providerCreated: number;
}

export interface LedgerMovement {
  id: string;
  kind: string;
  amount: number;
  currency: Currency;
  availableAt: string;
  payoutId: string | null;
  description: string;
}

export interface DunningAttempt {
  id: string;
  invoiceId: string;
  attempt: number;
  scheduledAt: string;
  status: string;
  ranAt: string | null;
}

/** GET /api/sales/orders/:orderId — the order page. */
export interface OrderDetail {
  order: OrderSummary & { quote: Record<string, unknown>; publicToken: string };
  lines: OrderLine[];
  customer: { id: string; kind: string; name: string; email: string; country: string; language: string; providerCustomerId: string | null };
  payments: Payment[];
  refunds: Refund[];
  subscription: Subscription | null;
  dunning: DunningAttempt[];
  ledger: LedgerMovement[];
  events: TimelineEvent[];
}

export type AttributeValue = string | number | boolean | null;

export interface CreateOrderInput {
  customer: {
    kind: 'person' | 'company';
    name: string;
    email: string;
    phone?: string | null;
    country?: string;
    language?: 'fr' | 'en';
    siren?: string | null;
  };
  quote: { sku: string; plan?: string; quantity?: number; attributes?: Record<string, AttributeValue> };
  merchantCompanyId?: string | null;
}

export interface CheckoutResult {
  kind: 'redirect' | 'settled';
  url: string | null;
  status: OrderStatus;
}

export interface PaymentListItem {
  id: string;
  orderId: string;
  orderNumber: string;
  customerName: string;
  kind: Payment['kind'];
  provider: string;
  status: PaymentStatus;
  amount: number;
  refundedAmount: number;
  currency: Currency;
  failureMessage: string | null;
  succeededAt: string | null;
  createdAt: string;
}

export interface PaymentFilters {
  status?: PaymentStatus;
  companyId?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface WebhookEvent {
  id: string;
  provider: string;
  eventId: string;
  type: string;
  status: WebhookStatus;
  attempts: number;
  orderId: string | null;
  outcome: string | null;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookFilters {
  status?: WebhookStatus;
  type?: string;
  limit?: number;
  offset?: number;
}

export interface FeePlan {
  /** Platform commission in basis points (1 500 = 15 %). */
  commissionBp: number;
  providerFeeBp: number;
  /** Minor units per payment. */
  providerFeeFixed: number;
  payoutDelayDays: number;
  refundReversesMerchantShare: boolean;
  refundReturnsCommission: boolean;
}

export interface Merchant extends FeePlan {
  id: string;
  companyId: string;
  companyName: string;
  provider: string;
  providerAccountId: string | null;
  onboardingUrl: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  balance: { pending: number; available: number; paid: number };
}

export interface MerchantStatement {
  merchant: Merchant;
  entries: (LedgerMovement & { orderId: string | null; createdAt: string })[];
  payouts: { id: string; amount: number; currency: Currency; status: string; providerTransferId: string | null; failureMessage: string | null; createdAt: string }[];
}

export interface SandboxClock {
  now: string;
  offsetDays: number;
  eventsEmitted: number;
}

/** GET /api/public/orders/:token — what the customer sees of their order. */
export interface PublicOrder {
  number: string;
  status: OrderStatus;
  kind: 'one_off' | 'subscription';
  currency: Currency;
  totalExclTax: number;
  totalTax: number;
  totalInclTax: number;
  interval: 'month' | 'year' | null;
  intervalCount: number | null;
  companyName: string;
  customerName: string;
  lines: { description: string; quantity: number; amountInclTax: number; recurrence: string | null }[];
  lastPaymentError: string | null;
  subscription: { status: SubscriptionStatus; currentPeriodEnd: string | null; cancelAtPeriodEnd: boolean } | null;
  canPay: boolean;
}

/** GET /api/public/sandbox/checkout/:id — the sandbox's hosted checkout page. */
export interface SandboxCheckoutSession {
  id: string;
  status: 'open' | 'complete' | 'expired';
  mode: 'payment' | 'subscription';
  currency: string;
  amountTotal: number;
  lines: { description: string; unitAmount: number; quantity: number }[];
  recurring: { interval: 'month' | 'year'; intervalCount: number } | null;
  customerEmail: string;
  cancelUrl: string;
  successUrl: string;
  expiresAt: number;
  testCards: { number: string; behaviour: string; label: { fr: string; en: string } }[];
}

const enc = encodeURIComponent;

function search(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const paymentsApi = {
  orders: (filters: OrderFilters, signal?: AbortSignal) => api.get<{ items: OrderListItem[]; total: number }>(`/api/sales/orders${search({ ...filters })}`, signal),
  order: (orderId: string, signal?: AbortSignal) => api.get<OrderDetail>(`/api/sales/orders/${enc(orderId)}`, signal),
  createOrder: (input: CreateOrderInput) => api.post<OrderSummary>('/api/sales/orders', input),
  checkout: (orderId: string) => api.post<CheckoutResult>(`/api/sales/orders/${enc(orderId)}/checkout`),
  cancelOrder: (orderId: string) => api.post<OrderSummary>(`/api/sales/orders/${enc(orderId)}/cancel`),
  fulfilOrder: (orderId: string) => api.post<OrderSummary>(`/api/sales/orders/${enc(orderId)}/fulfil`),
  cancelSubscription: (orderId: string, atPeriodEnd: boolean) => api.post<void>(`/api/sales/orders/${enc(orderId)}/subscription/cancel`, { atPeriodEnd }),
  refund: (orderId: string, body: { amount: number; reason?: RefundReason; paymentId?: string }) => api.post<Refund>(`/api/payments/orders/${enc(orderId)}/refunds`, body),

  payments: (filters: PaymentFilters, signal?: AbortSignal) => api.get<{ items: PaymentListItem[]; total: number }>(`/api/payments/payments${search({ ...filters })}`, signal),

  webhookEvents: (filters: WebhookFilters, signal?: AbortSignal) =>
    api.get<{ items: WebhookEvent[]; total: number; counts: Record<string, number> }>(`/api/payments/webhook-events${search({ ...filters })}`, signal),
  webhookEvent: (id: string, signal?: AbortSignal) => api.get<WebhookEvent & { payload: Record<string, unknown> }>(`/api/payments/webhook-events/${enc(id)}`, signal),
  replayWebhookEvent: (id: string) => api.post<WebhookEvent>(`/api/payments/webhook-events/${enc(id)}/replay`),

  merchants: (signal?: AbortSignal) => api.get<{ items: Merchant[] }>('/api/payments/merchants', signal),
  createMerchant: (body: Partial<FeePlan> & { companyId: string }) => api.post<Merchant>('/api/payments/merchants', body),
  updateMerchant: (merchantId: string, body: Partial<FeePlan>) => api.patch<Merchant>(`/api/payments/merchants/${enc(merchantId)}`, body),
  merchantStatement: (merchantId: string, signal?: AbortSignal) => api.get<MerchantStatement>(`/api/payments/merchants/${enc(merchantId)}/ledger`, signal),
  payOut: (merchantId: string) => api.post<{ payouts: number; amount: number }>(`/api/payments/merchants/${enc(merchantId)}/payouts`),

  sandboxClock: (signal?: AbortSignal) => api.get<SandboxClock>('/api/payments/sandbox/clock', signal),
  advanceSandboxClock: (days: number) => api.post<SandboxClock>('/api/payments/sandbox/clock/advance', { days }),

  publicOrder: (token: string, signal?: AbortSignal) => api.get<PublicOrder>(`/api/public/orders/${enc(token)}`, signal),
  publicCheckout: (token: string) => api.post<CheckoutResult>(`/api/public/orders/${enc(token)}/checkout`),
  publicCancelSubscription: (token: string) => api.post<void>(`/api/public/orders/${enc(token)}/subscription/cancel`),
  sandboxSession: (sessionId: string, signal?: AbortSignal) => api.get<SandboxCheckoutSession>(`/api/public/sandbox/checkout/${enc(sessionId)}`, signal),
  sandboxPay: (sessionId: string, cardNumber: string) => api.post<{ redirectUrl: string }>(`/api/public/sandbox/checkout/${enc(sessionId)}/pay`, { cardNumber }),
  sandboxCompleteOnboarding: (accountId: string) => api.post<{ returnUrl: string }>(`/api/public/sandbox/accounts/${enc(accountId)}/complete`),
};

export const paymentsKeys = {
  orders: ['sales', 'orders'] as const,
  ordersList: (filters: OrderFilters) => ['sales', 'orders', 'list', filters] as const,
  order: (orderId: string) => ['sales', 'orders', 'detail', orderId] as const,
  payments: (filters: PaymentFilters) => ['payments', 'payments', filters] as const,
  webhooks: ['payments', 'webhooks'] as const,
  webhookList: (filters: WebhookFilters) => ['payments', 'webhooks', 'list', filters] as const,
  webhook: (id: string) => ['payments', 'webhooks', 'detail', id] as const,
  merchants: ['payments', 'merchants'] as const,
  merchantStatement: (id: string) => ['payments', 'merchants', 'statement', id] as const,
  sandboxClock: ['payments', 'sandbox', 'clock'] as const,
  publicOrder: (token: string) => ['public', 'orders', token] as const,
  sandboxSession: (id: string) => ['public', 'sandbox', 'checkout', id] as const,
};

export const ordersQuery = (filters: OrderFilters) => queryOptions({ queryKey: paymentsKeys.ordersList(filters), queryFn: ({ signal }) => paymentsApi.orders(filters, signal) });
export const orderQuery = (orderId: string) => queryOptions({ queryKey: paymentsKeys.order(orderId), queryFn: ({ signal }) => paymentsApi.order(orderId, signal) });
export const paymentsQuery = (filters: PaymentFilters) => queryOptions({ queryKey: paymentsKeys.payments(filters), queryFn: ({ signal }) => paymentsApi.payments(filters, signal) });
export const webhookEventsQuery = (filters: WebhookFilters) => queryOptions({ queryKey: paymentsKeys.webhookList(filters), queryFn: ({ signal }) => paymentsApi.webhookEvents(filters, signal) });
export const webhookEventQuery = (id: string) => queryOptions({ queryKey: paymentsKeys.webhook(id), queryFn: ({ signal }) => paymentsApi.webhookEvent(id, signal) });
export const merchantsQuery = queryOptions({ queryKey: paymentsKeys.merchants, queryFn: ({ signal }) => paymentsApi.merchants(signal) });
export const merchantStatementQuery = (id: string) => queryOptions({ queryKey: paymentsKeys.merchantStatement(id), queryFn: ({ signal }) => paymentsApi.merchantStatement(id, signal) });
export const sandboxClockQuery = queryOptions({ queryKey: paymentsKeys.sandboxClock, queryFn: ({ signal }) => paymentsApi.sandboxClock(signal), staleTime: 60_000 });
export const publicOrderQuery = (token: string) => queryOptions({ queryKey: paymentsKeys.publicOrder(token), queryFn: ({ signal }) => paymentsApi.publicOrder(token, signal) });
export const sandboxSessionQuery = (id: string) => queryOptions({ queryKey: paymentsKeys.sandboxSession(id), queryFn: ({ signal }) => paymentsApi.sandboxSession(id, signal) });
