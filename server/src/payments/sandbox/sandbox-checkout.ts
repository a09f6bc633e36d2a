import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import { startSandboxSubscription } from './sandbox-billing.ts';
import { emitSandboxEvent } from './sandbox-events.ts';
import { getObject, putObject, type SandboxObject, sandboxId, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';
import { cardBehaviour, DECLINE_MESSAGE } from './test-cards.ts';

export type SandboxSession = SandboxObject & {
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  currency: string;
  amount_total: number;
  line_items: { description: string; unitAmount: number; quantity: number }[];
  recurring: { interval: 'month' | 'year'; intervalCount: number } | null;
  customer: string | null;
  customer_email: string;
  customer_name: string;
  payment_intent: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string;
  metadata: Record<string, string>;
  destination: { accountId: string; applicationFeeAmount: number } | null;
  expires_at: number;
};

export type PayOutcome = { outcome: 'paid'; redirectUrl: string } | { outcome: 'declined'; message: string };

/**
 * The hosted page's "Pay" button. A good card completes the session and emits what Stripe emits
 * (`payment_intent.succeeded` then `checkout.session.completed`; for subscriptions `customer.subscription.created`,
 * `invoice.paid`, then `checkout.session.completed`); a declined card emits `payment_intent.payment_failed` and the
 * page stays payable, as on Stripe.
 */
export async function paySandboxSession(tx: DbOrTx, services: Services, sessionId: string, cardNumber: string): Promise<PayOutcome> {
  const session = await getObject<SandboxSession>(tx, sessionId, true);
  if (!session) throw new ProblemError('notFound', 'Session de paiement introuvable.');
  const now = await sandboxNow(tx, services.clock, workspaceOf(session));
  if (session.status === 'open' && unixSeconds(now) > session.expires_at) await expireSandboxSession(tx, services, session);
  if (session.status === 'complete') return { outcome: 'paid', redirectUrl: successRedirect(session) };
  if (session.status !== 'open') throw new ProblemError('conflict', 'Cette session de paiement a expiré.', { code: 'checkout_expired' });
  const behaviour = cardBehaviour(cardNumber);
  if (!behaviour) throw new ProblemError('validation', 'Utilisez une carte de test du bac à sable.', { errors: [{ field: 'body.cardNumber', message: 'carte de test inconnue' }] });

  const customer = await ensureCustomer(tx, session, behaviour === 'fails_later');
  const intent = await getOrCreateIntent(tx, session, customer.id);
  if (behaviour === 'declined') {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { code: 'card_declined', decline_code: 'generic_decline', message: DECLINE_MESSAGE };
    await putObject(tx, intent);
    // The session keeps its intent across attempts, as Stripe's does: the next card pays this same intent.
    await putObject(tx, session);
    await emitSandboxEvent(tx, services, 'payment_intent.payment_failed', intent);
    return { outcome: 'declined', message: DECLINE_MESSAGE };
  }

  const charge = await chargeIntent(tx, intent, session, unixSeconds(now));
  if (session.mode === 'subscription') {
    const { subscription, invoice } = await startSandboxSubscription(tx, services, session, customer.id, intent, charge);
    session.subscription = subscription.id;
    await emitSandboxEvent(tx, services, 'customer.subscription.created', subscription);
    await emitSandboxEvent(tx, services, 'invoice.paid', invoice);
  } else {
    await emitSandboxEvent(tx, services, 'payment_intent.succeeded', intent);
  }
  Object.assign(session, { status: 'complete', payment_status: 'paid', customer: customer.id, payment_intent: session.mode === 'payment' ? intent.id : null });
  await putObject(tx, session);
  await emitSandboxEvent(tx, services, 'checkout.session.completed', session);
  return { outcome: 'paid', redirectUrl: successRedirect(session) };
}

export async function expireSandboxSession(tx: DbOrTx, services: Services, session: SandboxSession): Promise<void> {
  session.status = 'expired';
  await putObject(tx, session);
  await emitSandboxEvent(tx, services, 'checkout.session.expired', session);
}

function successRedirect(session: SandboxSession): string {
  return session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id);
}

type SandboxCustomer = SandboxObject & { email: string; fails_later: boolean };

async function ensureCustomer(tx: DbOrTx, session: SandboxSession, failsLater: boolean): Promise<SandboxCustomer> {
  const existing = session.customer ? await getObject<SandboxCustomer>(tx, session.customer, true) : undefined;
  const customer: SandboxCustomer = existing ?? { id: sandboxId('cus'), object: 'customer', email: session.customer_email, name: session.customer_name, fails_later: false };
  // The card paying now becomes the default card: renewals charge it.
  customer.fails_later = failsLater;
  await putObject(tx, customer);
  return customer;
}

export type SandboxIntent = SandboxObject & {
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  customer: string;
  latest_charge: string | null;
  metadata: Record<string, string>;
  last_payment_error: Record<string, string> | null;
  invoice?: string | null;
  application_fee_amount?: number | null;
  transfer_data?: { destination: string } | null;
};

async function getOrCreateIntent(tx: DbOrTx, session: SandboxSession, customerId: string): Promise<SandboxIntent> {
  if (session.payment_intent) {
    const existing = await getObject<SandboxIntent>(tx, session.payment_intent, true);
    if (existing) return existing;
  }
  const intent: SandboxIntent = {
    id: sandboxId('pi'),
    object: 'payment_intent',
    amount: session.amount_total,
    amount_received: 0,
    currency: session.currency,
    status: 'requires_payment_method',
    customer: customerId,
    latest_charge: null,
    metadata: session.metadata,
    last_payment_error: null,
    application_fee_amount: session.destination?.applicationFeeAmount ?? null,
    transfer_data: session.destination ? { destination: session.destination.accountId } : null,
  };
  session.payment_intent = intent.id;
  await putObject(tx, intent);
  return intent;
}

export async function chargeIntent(tx: DbOrTx, intent: SandboxIntent, owner: { metadata: Record<string, string> }, created: number): Promise<SandboxObject> {
  const charge = {
    id: sandboxId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_refunded: 0,
    currency: intent.currency,
    payment_intent: intent.id,
    refunded: false,
    paid: true,
    status: 'succeeded',
    metadata: owner.metadata,
    created,
  };
  await putObject(tx, charge);
  Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null });
  await putObject(tx, intent);
  return charge;
}
