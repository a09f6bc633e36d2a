/**
 * The Stripe implementation of PaymentProvider, through the official SDK. It only translates: Comptoir's business
 * rules (amounts, fees, who gets refunded) are decided by the caller; this file maps them onto Stripe's parameters.
 */
import Stripe from 'stripe';
import type { Config } from '../../platform/config/config.ts';
import {
  type CheckoutSessionRef,
  type CreateCheckoutInput,
  type PaymentProvider,
  type RefundRef,
  WebhookSignatureError,
} from './payment-provider.ts';
import type { ProviderEvent } from './provider-event.ts';

/** Pinned so that a Stripe account upgrade cannot change the shapes Comptoir reads. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;
/** Every write carries an idempotency key, so a retry returns the first result instead of acting twice. */
const MAX_NETWORK_RETRIES = 2;
/** Callers wait on these calls inside an HTTP request: fail in seconds rather than the SDK's default 80 s. */
const TIMEOUT_MS = 20_000;

/** A failed Stripe call, reduced to what is safe to log and show (no request, headers or keys). */
export class StripeProviderError extends Error {
  constructor(
    operation: string,
    readonly stripeMessage: string,
    readonly code: string | undefined,
    readonly type: string,
    readonly statusCode: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(`Stripe ${operation} failed: ${stripeMessage}${code ? ` (${code})` : ''}`);
    this.name = 'StripeProviderError';
  }
}

export function createStripeProvider(config: Config): PaymentProvider {
  if (config.payments.kind !== 'stripe') throw new Error('createStripeProvider needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  const { secretKey, webhookSecret } = config.payments;
  const stripe = new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: MAX_NETWORK_RETRIES,
    timeout: TIMEOUT_MS,
    appInfo: { name: 'Comptoir' },
    ...apiAddress(config.STRIPE_API_URL),
  });
  const charges = config.STRIPE_CONNECT_CHARGES;

  return {
    name: 'stripe',

    createCheckout: (input) =>
      call('checkout', async () => {
        const session = await stripe.checkout.sessions.create(checkoutParams(input, charges), { idempotencyKey: input.idempotencyKey });
        if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
        return {
          id: session.id,
          url: session.url,
          expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
        } satisfies CheckoutSessionRef;
      }),

    refund: (input) =>
      call('refund', async () => {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.paymentIntentId,
            amount: input.amount,
            ...(input.reason ? { reason: input.reason } : {}),
            // Connect flags only when asked, so that the refund of a sale the platform keeps is a plain refund.
            ...(input.reverseTransfer ? { reverse_transfer: true } : {}),
            ...(input.refundApplicationFee ? { refund_application_fee: true } : {}),
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { id: refund.id, status: refundStatus(refund.status) } satisfies RefundRef;
      }),

    cancelSubscription: (input) =>
      call('subscription cancellation', async () => {
        const options = { idempotencyKey: input.idempotencyKey };
        if (input.atPeriodEnd) await stripe.subscriptions.update(input.subscriptionId, { cancel_at_period_end: true }, options);
        else await stripe.subscriptions.cancel(input.subscriptionId, {}, options);
      }),

    retryInvoice: async (input) => {
      try {
        // Stripe replays a keyed result for 24 h, decline included: each dunning attempt needs its own key.
        const invoice = await stripe.invoices.pay(input.invoiceId, {}, { idempotencyKey: input.idempotencyKey });
        return { status: invoice.status === 'paid' ? 'paid' : invoice.status === 'open' ? 'open' : 'failed' };
      } catch (error) {
        // A decline is an expected outcome of dunning, not a fault; the invoice.payment_failed webhook follows.
        if (error instanceof Stripe.errors.StripeCardError) return { status: 'failed' };
        throw toProviderError('invoice payment', error);
      }
    },

    invoicePaymentIntent: (invoiceId) =>
      call('invoice payments', async () => {
        const payments = await stripe.invoicePayments.list({ invoice: invoiceId, status: 'paid', limit: 10 });
        const paid = payments.data.find((p) => p.payment.type === 'payment_intent' && p.payment.payment_intent);
        const intent = paid?.payment.payment_intent;
        return intent ? (typeof intent === 'string' ? intent : intent.id) : null;
      }),

    createConnectedAccount: (input) =>
      call('connected account creation', async () => {
        const account = input.accountId
          ? { id: input.accountId }
          : await stripe.accounts.create(
              {
                type: 'express',
                country: input.country,
                email: input.email,
                business_profile: { name: input.businessName },
                capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
              },
              { idempotencyKey: input.idempotencyKey },
            );
        // An account link is single-use and expires within minutes: replaying a stored one (what the caller's key
        // would do for 24 h) could hand out a dead URL. The SDK's own per-call key still covers network retries.
        const link = await stripe.accountLinks.create({
          account: account.id,
          type: 'account_onboarding',
          return_url: input.returnUrl,
          refresh_url: input.refreshUrl,
        });
        return { id: account.id, onboardingUrl: link.url };
      }),

    createTransfer: (input) =>
      call('transfer', async () => {
        const transfer = await stripe.transfers.create(
          {
            destination: input.accountId,
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            description: input.description,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { id: transfer.id };
      }),

    parseWebhook(rawBody, signatureHeader) {
      if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header');
      // One secret per Stripe endpoint (the account's and the Connect one, which carries `account.updated`).
      let lastError: unknown;
      for (const secret of webhookSecret.split(',').map((s) => s.trim())) {
        try {
          // The SDK checks the HMAC and Stripe's default 300 s tolerance, then parses the body.
          return stripe.webhooks.constructEvent(rawBody, signatureHeader, secret) as unknown as ProviderEvent;
        } catch (error) {
          lastError = error;
        }
      }
      throw new WebhookSignatureError(lastError instanceof Error ? lastError.message : 'Invalid webhook');
    },
  };
}

/** Comptoir's checkout → Checkout Session parameters (`charges`: how marketplace money reaches the merchant). */
function checkoutParams(input: CreateCheckoutInput, charges: Config['STRIPE_CONNECT_CHARGES']): Stripe.Checkout.SessionCreateParams {
  const currency = input.currency.toLowerCase();
  if (input.mode === 'subscription' && !input.recurring) throw new Error('A subscription checkout needs a billing cycle (recurring)');
  const recurring = input.mode === 'subscription' ? { interval: input.recurring!.interval, interval_count: input.recurring!.intervalCount } : undefined;
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: input.mode,
    line_items: input.lines.map((line) => ({
      quantity: line.quantity,
      price_data: { currency, unit_amount: line.unitAmount, product_data: { name: line.description }, ...(recurring ? { recurring } : {}) },
    })),
    ...(input.customer.providerCustomerId ? { customer: input.customer.providerCustomerId } : { customer_email: input.customer.email }),
    success_url: withCheckoutSessionId(input.successUrl),
    cancel_url: input.cancelUrl,
    metadata: input.metadata,
  };
  // With separate transfers the platform keeps the whole charge and pays the merchant at payout time.
  const destination = charges === 'destination' ? input.destination : undefined;
  if (input.mode === 'payment') {
    params.payment_intent_data = {
      metadata: input.metadata,
      ...(destination
        ? { application_fee_amount: destination.applicationFeeAmount, transfer_data: { destination: destination.accountId } }
        : {}),
    };
  } else {
    params.subscription_data = {
      metadata: input.metadata,
      ...(destination
        ? {
            transfer_data: {
              destination: destination.accountId,
              amount_percent: transferredPercent(destination.applicationFeeAmount, checkoutTotal(input)),
            },
          }
        : {}),
    };
  }
  return params;
}

/**
 * Subscriptions take no fixed fee: Stripe transfers a percentage (two decimals at most) of every invoice to the
 * merchant. The SDK documents `application_fee_percent` as needing the Stripe-Account header (direct charges), so the
 * destination charge uses `transfer_data.amount_percent`, the merchant's share, instead. When the fee is not an exact percentage of the total,
 * the merchant's share is rounded up: the platform then keeps at most the agreed fee (less than 0.01 % off).
 */
export function transferredPercent(applicationFeeAmount: number, total: number): number {
  if (!Number.isInteger(applicationFeeAmount) || applicationFeeAmount < 0 || applicationFeeAmount > total) {
    throw new Error(`The application fee (${applicationFeeAmount}) must be between 0 and the total (${total})`);
  }
  if (total === 0) return 100;
  // Basis points in integers, so that the rounding is decided here and not by floating point.
  return Math.ceil(((total - applicationFeeAmount) * 10_000) / total) / 100;
}

function checkoutTotal(input: CreateCheckoutInput): number {
  return input.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
}

/** Stripe replaces the literal `{CHECKOUT_SESSION_ID}` in success_url; it must stay unencoded and before any #fragment. */
export function withCheckoutSessionId(url: string): string {
  if (url.includes('{CHECKOUT_SESSION_ID}')) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}session_id={CHECKOUT_SESSION_ID}${fragment}`;
}

function refundStatus(status: string | null): RefundRef['status'] {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending'; // pending, requires_action
}

/** STRIPE_API_URL (tests, stripe-mock) → the SDK's host/port/protocol; absent means api.stripe.com. */
function apiAddress(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  if (url.pathname !== '/' || url.search) throw new Error('STRIPE_API_URL must be an origin (the SDK adds /v1/…)');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toProviderError(operation, error);
  }
}

function toProviderError(operation: string, error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  // Copy the fields, not the error: the SDK's object carries response headers and raw payloads.
  return new StripeProviderError(operation, error.message, error.code, error.type, error.statusCode, error.requestId);
}
