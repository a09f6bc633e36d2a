import { randomBytes } from 'node:crypto';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { signWebhookPayload } from '../provider/webhook-signature.ts';

/**
 * Test support for the reliability suite (issue #5): provider events crafted the way Stripe sends them (its event
 * envelope, its object shapes, the fields Comptoir reads and a few it does not), signed with Stripe's scheme and posted
 * over real HTTP to the webhook endpoint. Nothing here touches the database: what arrives is only what a provider
 * could send.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id (`evt_…`, `pi_…`, `sub_…`), random. */
export function stripeId(prefix: string): string {
  return `${prefix}_${Array.from(randomBytes(24), (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export const unix = (date: Date): number => Math.floor(date.getTime() / 1000);

export function providerEvent(type: string, object: Record<string, unknown> & { id: string; object: string }, created: number): ProviderEvent {
  return { id: stripeId('evt'), object: 'event', type, created, livemode: false, api_version: '2026-10-28.endive', account: null, data: { object } };
}

/** What Comptoir put in the checkout's metadata (order, workspace, payment), as the provider echoes it back. */
export type ComptoirMetadata = Record<string, string>;

export interface CheckoutRef {
  sessionId: string;
  amount: number;
  currency: string;
  metadata: ComptoirMetadata;
}

/** `checkout.session.completed` of a one-off (payment mode) checkout paid by card. */
export function checkoutCompleted(ref: CheckoutRef, ids: { customer: string; paymentIntent: string }, created: number): ProviderEvent {
  return providerEvent(
    'checkout.session.completed',
    {
      id: ref.sessionId,
      object: 'checkout.session',
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      amount_total: ref.amount,
      currency: ref.currency.toLowerCase(),
      customer: ids.customer,
      payment_intent: ids.paymentIntent,
      subscription: null,
      metadata: ref.metadata,
    },
    created,
  );
}

/** `payment_intent.succeeded` for the same checkout (Stripe copies `payment_intent_data.metadata` onto the intent). */
export function paymentIntentSucceeded(ref: CheckoutRef, ids: { customer: string; paymentIntent: string; charge: string }, created: number): ProviderEvent {
  return providerEvent(
    'payment_intent.succeeded',
    {
      id: ids.paymentIntent,
      object: 'payment_intent',
      amount: ref.amount,
      amount_received: ref.amount,
      currency: ref.currency.toLowerCase(),
      status: 'succeeded',
      customer: ids.customer,
      latest_charge: ids.charge,
      metadata: ref.metadata,
      last_payment_error: null,
    },
    created,
  );
}

export interface SubscriptionIds {
  customer: string;
  subscription: string;
  invoice: string;
  paymentIntent: string;
  charge: string;
}

/**
 * What Stripe sends for a subscription checkout that is paid, partly refunded and then cancelled by the provider:
 * `customer.subscription.created`, `invoice.paid` (billing reason `subscription_create`), `checkout.session.completed`,
 * `charge.refunded` (partial, cumulative amount) and `customer.subscription.deleted`. The subscription carries the
 * checkout's `subscription_data.metadata`; the invoice carries it under `parent.subscription_details`; the charge of a
 * subscription invoice carries none (Stripe does not copy it), so Comptoir can only find it by its payment intent.
 */
export function subscriptionLifecycle(
  ref: CheckoutRef,
  ids: SubscriptionIds,
  times: { start: number; periodEnd: number; refundedAt: number; cancelledAt: number },
  refundedAmount: number,
): Record<'created' | 'invoicePaid' | 'completed' | 'refunded' | 'deleted', ProviderEvent> {
  const subscription = (status: 'active' | 'canceled', canceledAt: number | null) => ({
    id: ids.subscription,
    object: 'subscription',
    status,
    customer: ids.customer,
    cancel_at_period_end: false,
    canceled_at: canceledAt,
    ended_at: canceledAt,
    start_date: times.start,
    items: { object: 'list', data: [{ id: `si_${ids.subscription.slice(4)}`, current_period_start: times.start, current_period_end: times.periodEnd }] },
    latest_invoice: ids.invoice,
    metadata: ref.metadata,
  });
  return {
    created: providerEvent('customer.subscription.created', subscription('active', null), times.start),
    invoicePaid: providerEvent(
      'invoice.paid',
      {
        id: ids.invoice,
        object: 'invoice',
        status: 'paid',
        amount_due: ref.amount,
        amount_paid: ref.amount,
        currency: ref.currency.toLowerCase(),
        attempt_count: 1,
        billing_reason: 'subscription_create',
        customer: ids.customer,
        payment_intent: ids.paymentIntent,
        period_start: times.start,
        period_end: times.start,
        lines: { object: 'list', data: [{ period: { start: times.start, end: times.periodEnd } }] },
        parent: { type: 'subscription_details', subscription_details: { subscription: ids.subscription, metadata: ref.metadata } },
        metadata: {},
      },
      times.start,
    ),
    completed: providerEvent(
      'checkout.session.completed',
      {
        id: ref.sessionId,
        object: 'checkout.session',
        mode: 'subscription',
        status: 'complete',
        payment_status: 'paid',
        amount_total: ref.amount,
        currency: ref.currency.toLowerCase(),
        customer: ids.customer,
        payment_intent: null,
        subscription: ids.subscription,
        invoice: ids.invoice,
        metadata: ref.metadata,
      },
      times.start + 1,
    ),
    refunded: providerEvent(
      'charge.refunded',
      {
        id: ids.charge,
        object: 'charge',
        amount: ref.amount,
        amount_captured: ref.amount,
        amount_refunded: refundedAmount,
        currency: ref.currency.toLowerCase(),
        customer: ids.customer,
        payment_intent: ids.paymentIntent,
        refunded: refundedAmount >= ref.amount,
        captured: true,
        paid: true,
        status: 'succeeded',
        metadata: {},
      },
      times.refundedAt,
    ),
    deleted: providerEvent('customer.subscription.deleted', subscription('canceled', times.cancelledAt), times.cancelledAt),
  };
}

export interface Delivery {
  /** HTTP status, or 0 when no answer came back (connection refused or reset). */
  status: number;
  body: { received?: true; eventId?: string; duplicate?: boolean; detail?: string } | undefined;
  error?: string;
}

/** Posts one event to `/api/payments/webhooks/<provider>`, signed now (`nowSeconds`) with `secret`, as Stripe does. */
export async function deliver(baseUrl: string, event: ProviderEvent, secret: string, nowSeconds: number, provider = 'sandbox'): Promise<Delivery> {
  const body = JSON.stringify(event);
  try {
    const response = await fetch(`${baseUrl}/api/payments/webhooks/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signWebhookPayload(body, secret, nowSeconds) },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch (error) {
    return { status: 0, body: undefined, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export const accepted = (delivery: Delivery): boolean => delivery.status >= 200 && delivery.status < 300;
