import type { Services } from '../../platform/services.ts';
import type {
  CancelSubscriptionInput,
  CheckoutSessionRef,
  ConnectedAccountInput,
  ConnectedAccountRef,
  CreateCheckoutInput,
  PaymentProvider,
  RefundInput,
  RefundRef,
  RetryInvoiceInput,
  TransferInput,
} from '../provider/payment-provider.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { verifyWebhookSignature } from '../provider/webhook-signature.ts';
import { cancelSandboxSubscription, retrySandboxInvoice } from './sandbox-billing.ts';
import { emitSandboxEvent, sandboxWebhookSecretFor } from './sandbox-events.ts';
import { refundSandboxCharge } from './sandbox-refunds.ts';
import { findByIdempotencyKey, getObject, putObject, type SandboxObject, sandboxId, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';

/** How long a sandbox checkout page stays payable, like Stripe's default. */
const CHECKOUT_TTL_SECONDS = 24 * 3600;

/**
 * The embedded provider: Checkout sessions paid on a page Comptoir serves, with test cards, and webhooks in Stripe's
 * format signed with Stripe's scheme. Idempotency keys behave as Stripe's: the same key returns the same object.
 */
export function createSandboxProvider(services: Services): PaymentProvider {
  const { db } = services;
  return {
    name: 'sandbox',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutSessionRef> {
      return db.transaction(async (tx) => {
        const existing = await findByIdempotencyKey<SandboxObject & { url: string; expires_at: number }>(tx, 'checkout.session', input.idempotencyKey);
        if (existing) return { id: existing.id, url: existing.url, expiresAt: new Date(existing.expires_at * 1000) };
        const id = sandboxId('cs_test');
        const now = await sandboxNow(tx, services.clock, workspaceOf(input));
        const url = `${services.config.publicUrl}/sandbox/checkout/${id}`;
        const session = {
          id,
          object: 'checkout.session',
          mode: input.mode,
          status: 'open',
          payment_status: 'unpaid',
          currency: input.currency.toLowerCase(),
          amount_total: input.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0),
          line_items: input.lines,
          recurring: input.recurring ?? null,
          customer: input.customer.providerCustomerId ?? null,
          customer_email: input.customer.email,
          customer_name: input.customer.name,
          payment_intent: null,
          subscription: null,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          metadata: input.metadata,
          destination: input.destination ?? null,
          created: unixSeconds(now),
          expires_at: unixSeconds(now) + CHECKOUT_TTL_SECONDS,
          url,
        };
        await putObject(tx, session, input.idempotencyKey);
        return { id, url, expiresAt: new Date(session.expires_at * 1000) };
      });
    },

    refund: (input: RefundInput): Promise<RefundRef> => db.transaction((tx) => refundSandboxCharge(tx, services, input)),

    cancelSubscription: (input: CancelSubscriptionInput): Promise<void> => db.transaction((tx) => cancelSandboxSubscription(tx, services, input)),

    retryInvoice: (input: RetryInvoiceInput) => db.transaction((tx) => retrySandboxInvoice(tx, services, input.invoiceId)),

    async invoicePaymentIntent(invoiceId: string): Promise<string | null> {
      const invoice = await getObject<SandboxObject & { payment_intent?: string | null }>(db, invoiceId);
      return invoice?.payment_intent || null;
    },

    async createConnectedAccount(input: ConnectedAccountInput): Promise<ConnectedAccountRef> {
      return db.transaction(async (tx) => {
        const existing = await findByIdempotencyKey<SandboxObject & { onboarding_url: string }>(tx, 'account', input.idempotencyKey);
        if (existing) return { id: existing.id, onboardingUrl: existing.onboarding_url };
        const id = sandboxId('acct');
        const account = {
          id,
          object: 'account',
          type: 'express',
          country: input.country,
          email: input.email,
          business_profile: { name: input.businessName },
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          onboarding_url: `${services.config.publicUrl}/sandbox/onboarding/${id}`,
          return_url: input.returnUrl,
        };
        await putObject(tx, account, input.idempotencyKey);
        return { id, onboardingUrl: account.onboarding_url };
      });
    },

    async createTransfer(input: TransferInput): Promise<{ id: string }> {
      return db.transaction(async (tx) => {
        const existing = await findByIdempotencyKey(tx, 'transfer', input.idempotencyKey);
        if (existing) return { id: existing.id };
        const transfer = {
          id: sandboxId('tr'),
          object: 'transfer',
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          destination: input.accountId,
          description: input.description,
          metadata: input.metadata,
          created: unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(input))),
        };
        await putObject(tx, transfer, input.idempotencyKey);
        await emitSandboxEvent(tx, services, 'transfer.created', transfer);
        return { id: transfer.id };
      });
    },

    parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
      verifyWebhookSignature(rawBody, signatureHeader, sandboxWebhookSecretFor(services), unixSeconds(services.clock.now()));
      return JSON.parse(rawBody.toString('utf8')) as ProviderEvent;
    },
  };
}
