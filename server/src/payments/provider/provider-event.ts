/**
 * Webhook events in Stripe's format (`{id, type, created, data: {object}}`), reduced to the fields Comptoir reads.
 * The sandbox emits exactly this shape; Stripe sends more, which is ignored.
 */

export interface ProviderEvent {
  id: string;
  object: 'event';
  type: string;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  api_version?: string | null;
  /** Connect: the connected account the event happened on. */
  account?: string | null;
  data: { object: Record<string, unknown> & { id: string; object: string } };
}

export type Metadata = Record<string, string>;

export interface CheckoutSessionObject {
  id: string;
  object: 'checkout.session';
  mode: 'payment' | 'subscription' | 'setup';
  status: 'open' | 'complete' | 'expired' | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  amount_total: number | null;
  currency: string | null;
  customer: string | null;
  payment_intent: string | null;
  subscription: string | null;
  metadata: Metadata | null;
}

export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  latest_charge: string | null;
  metadata: Metadata | null;
  last_payment_error?: { message?: string; code?: string; decline_code?: string } | null;
}

export interface ChargeObject {
  id: string;
  object: 'charge';
  amount: number;
  /** Cumulative: the total refunded so far on this charge (events may arrive in any order; the largest wins). */
  amount_refunded: number;
  currency: string;
  payment_intent: string | null;
  refunded: boolean;
  metadata: Metadata | null;
}

export interface SubscriptionObject {
  id: string;
  object: 'subscription';
  status: 'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'paused';
  customer: string;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  /** Older API versions carry it here; newer ones on each item. */
  current_period_end?: number;
  items?: { data: { current_period_end?: number }[] };
  metadata: Metadata | null;
}

export interface InvoiceObject {
  id: string;
  object: 'invoice';
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  amount_due: number;
  amount_paid: number;
  currency: string;
  attempt_count: number;
  billing_reason: string | null;
  customer: string | null;
  period_end: number;
  /** Older API versions. */
  subscription?: string | null;
  /** Older API versions (and the sandbox): the payment intent that paid or tried to pay the invoice. */
  payment_intent?: string | null;
  /** API 2025+: the subscription is under `parent`. */
  parent?: { subscription_details?: { subscription?: string; metadata?: Metadata | null } | null } | null;
  lines?: { data: { period?: { start: number; end: number } }[] };
  metadata?: Metadata | null;
}

export interface AccountObject {
  id: string;
  object: 'account';
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
}

export function invoiceSubscriptionId(invoice: InvoiceObject): string | null {
  return invoice.subscription ?? invoice.parent?.subscription_details?.subscription ?? null;
}

export function invoicePeriodEnd(invoice: InvoiceObject): number {
  const lineEnds = (invoice.lines?.data ?? []).map((line) => line.period?.end ?? 0);
  return Math.max(invoice.period_end ?? 0, ...lineEnds);
}

export function subscriptionPeriodEnd(subscription: SubscriptionObject): number | null {
  const itemEnds = (subscription.items?.data ?? []).map((item) => item.current_period_end ?? 0);
  const end = Math.max(subscription.current_period_end ?? 0, ...itemEnds);
  return end > 0 ? end : null;
}

/** Comptoir's keys in provider metadata. */
export const METADATA = { orderId: 'comptoir_order_id', workspaceId: 'comptoir_workspace_id', paymentId: 'comptoir_payment_id', refundId: 'comptoir_refund_id' } as const;
