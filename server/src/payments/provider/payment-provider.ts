/**
 * What Comptoir asks of a payment provider. Two implementations: Stripe (the official SDK) and the
 * embedded sandbox, which speaks Stripe's event format so the rest of Comptoir cannot tell them apart.
 *
 * Every call carries an idempotency key derived from the business operation (`checkout:<payment id>`,
 * `refund:<refund id>`…): a retried call returns the first result instead of charging twice.
 */
import type { ProviderEvent } from './provider-event.ts';

export type ProviderName = 'sandbox' | 'stripe';
export type ProviderCurrency = 'EUR' | 'CHF';

export interface CheckoutLineInput {
  description: string;
  /** Tax-included unit amount in minor units (what the buyer pays per unit). */
  unitAmount: number;
  quantity: number;
}

export interface CreateCheckoutInput {
  mode: 'payment' | 'subscription';
  currency: ProviderCurrency;
  lines: CheckoutLineInput[];
  /** Subscriptions only: the billing cycle. */
  recurring?: { interval: 'month' | 'year'; intervalCount: number };
  customer: { email: string; name: string; providerCustomerId?: string | null };
  successUrl: string;
  cancelUrl: string;
  /** Copied onto the session, its payment intent and its subscription, so every webhook can be traced back. */
  metadata: Record<string, string>;
  /**
   * Marketplace sale (seed 000 B.2): the money goes to the merchant's connected account minus the platform's fee
   * (destination charge). Absent for a sale the platform keeps.
   */
  destination?: { accountId: string; applicationFeeAmount: number };
  idempotencyKey: string;
}

export interface CheckoutSessionRef {
  id: string;
  url: string;
  expiresAt: Date | null;
}

export interface RefundInput {
  paymentIntentId: string;
  /** Minor units; at most what is left to refund. */
  amount: number;
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent';
  /** Marketplace: take the refunded share back from the merchant's connected account. */
  reverseTransfer: boolean;
  /** Marketplace: give the platform's fee back proportionally. */
  refundApplicationFee: boolean;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface RefundRef {
  id: string;
  status: 'pending' | 'succeeded' | 'failed';
}

export interface CancelSubscriptionInput {
  subscriptionId: string;
  /** true: runs to the end of the paid period; false: ends now. */
  atPeriodEnd: boolean;
  idempotencyKey: string;
}

export interface RetryInvoiceInput {
  invoiceId: string;
  idempotencyKey: string;
}

export interface ConnectedAccountInput {
  email: string;
  businessName: string;
  country: 'FR' | 'CH';
  /** Where the merchant lands after onboarding. */
  returnUrl: string;
  refreshUrl: string;
  /**
   * The merchant's existing account, when onboarding resumes (the link expired and the merchant came back through
   * refreshUrl): only a new onboarding link is made, no second account.
   */
  accountId?: string | null;
  idempotencyKey: string;
}

export interface ConnectedAccountRef {
  id: string;
  onboardingUrl: string;
}

export interface TransferInput {
  accountId: string;
  amount: number;
  currency: ProviderCurrency;
  description: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutSessionRef>;
  refund(input: RefundInput): Promise<RefundRef>;
  cancelSubscription(input: CancelSubscriptionInput): Promise<void>;
  /** Dunning: asks the provider to charge an unpaid invoice again; the outcome arrives as a webhook. */
  retryInvoice(input: RetryInvoiceInput): Promise<{ status: 'paid' | 'open' | 'failed' }>;
  /**
   * The payment intent that paid an invoice, or null. Stripe's recent API versions no longer put it on the invoice
   * (nor the subscription's metadata on renewal charges): it is listed in the invoice's payments.
   */
  invoicePaymentIntent(invoiceId: string): Promise<string | null>;
  createConnectedAccount(input: ConnectedAccountInput): Promise<ConnectedAccountRef>;
  /** Separate-transfer payouts to a merchant's connected account. */
  createTransfer(input: TransferInput): Promise<{ id: string }>;
  /**
   * Checks the signature on the raw body (Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, with a
   * tolerance on t) and parses it. Throws WebhookSignatureError when anything is off.
   */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent;
}
