import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { CancelSubscriptionInput } from '../provider/payment-provider.ts';
import type { SandboxIntent, SandboxSession } from './sandbox-checkout.ts';
import { chargeIntent } from './sandbox-checkout.ts';
import { emitSandboxEvent } from './sandbox-events.ts';
import { findByIdempotencyKey, getObject, listObjects, putObject, type SandboxObject, sandboxId, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';
import { DECLINE_MESSAGE } from './test-cards.ts';

type SandboxSubscription = SandboxObject & {
  status: 'active' | 'past_due' | 'canceled';
  customer: string;
  amount: number;
  currency: string;
  interval: 'month' | 'year';
  interval_count: number;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  current_period_start: number;
  current_period_end: number;
  items: { data: { current_period_start: number; current_period_end: number }[] };
  metadata: Record<string, string>;
  latest_invoice: string | null;
};

type SandboxInvoice = SandboxObject & {
  status: 'open' | 'paid';
  amount_due: number;
  amount_paid: number;
  attempt_count: number;
  payment_intent: string;
  parent: { subscription_details: { subscription: string; metadata: Record<string, string> } };
  period_end: number;
};

/** Adds `interval_count` months or years to a unix time, in UTC, clamping to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addInterval(unix: number, interval: 'month' | 'year', count: number): number {
  const date = new Date(unix * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return unixSeconds(target);
}

export async function startSandboxSubscription(tx: DbOrTx, services: Services, session: SandboxSession, customerId: string, intent: SandboxIntent, _charge: SandboxObject) {
  const start = unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(session)));
  const recurring = session.recurring ?? { interval: 'year' as const, intervalCount: 1 };
  const end = addInterval(start, recurring.interval, recurring.intervalCount);
  const subscription: SandboxSubscription = {
    id: sandboxId('sub'),
    object: 'subscription',
    status: 'active',
    customer: customerId,
    amount: session.amount_total,
    currency: session.currency,
    interval: recurring.interval,
    interval_count: recurring.intervalCount,
    cancel_at_period_end: false,
    canceled_at: null,
    current_period_start: start,
    current_period_end: end,
    items: { data: [{ current_period_start: start, current_period_end: end }] },
    metadata: session.metadata,
    latest_invoice: null,
  };
  const invoice = await createInvoice(tx, subscription, 'subscription_create', start, end);
  Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, attempt_count: 1, payment_intent: intent.id });
  intent.invoice = invoice.id;
  await putObject(tx, intent);
  subscription.latest_invoice = invoice.id;
  await putObject(tx, invoice);
  await putObject(tx, subscription);
  return { subscription, invoice };
}

async function createInvoice(tx: DbOrTx, subscription: SandboxSubscription, reason: string, periodStart: number, periodEnd: number): Promise<SandboxInvoice> {
  const invoice: SandboxInvoice = {
    id: sandboxId('in'),
    object: 'invoice',
    status: 'open',
    amount_due: subscription.amount,
    amount_paid: 0,
    currency: subscription.currency,
    attempt_count: 0,
    billing_reason: reason,
    customer: subscription.customer,
    payment_intent: '',
    period_start: periodStart,
    period_end: periodEnd,
    lines: { data: [{ period: { start: periodStart, end: periodEnd } }] },
    parent: { subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
    metadata: subscription.metadata,
  };
  await putObject(tx, invoice);
  return invoice;
}

/**
 * Moves subscriptions to the sandbox's "now": each period that ended is billed (`invoice.paid` and
 * `customer.subscription.updated`), or fails with the "fails later" card (`invoice.payment_failed`); a subscription
 * set to cancel at period end is deleted instead. Returns how many events were emitted.
 */
export async function runSandboxBilling(tx: DbOrTx, services: Services, workspaceId: string): Promise<number> {
  const now = unixSeconds(await sandboxNow(tx, services.clock, workspaceId));
  let emitted = 0;
  for (const listed of await listObjects<SandboxSubscription>(tx, 'subscription')) {
    if (workspaceOf(listed) !== workspaceId) continue;
    const subscription = (await getObject<SandboxSubscription>(tx, listed.id, true))!;
    while (subscription.status !== 'canceled' && subscription.current_period_end <= now) {
      if (subscription.cancel_at_period_end) {
        Object.assign(subscription, { status: 'canceled', canceled_at: subscription.current_period_end });
        await putObject(tx, subscription);
        await emitSandboxEvent(tx, services, 'customer.subscription.deleted', subscription);
        emitted++;
        break;
      }
      if (subscription.status === 'past_due') break; // waiting for dunning: no new invoice on top of an unpaid one
      const start = subscription.current_period_end;
      const end = addInterval(start, subscription.interval, subscription.interval_count);
      const invoice = await createInvoice(tx, subscription, 'subscription_cycle', start, end);
      subscription.latest_invoice = invoice.id;
      emitted += await attemptInvoice(tx, services, subscription, invoice);
    }
  }
  return emitted;
}

async function attemptInvoice(tx: DbOrTx, services: Services, subscription: SandboxSubscription, invoice: SandboxInvoice): Promise<number> {
  const customer = await getObject<SandboxObject & { fails_later: boolean }>(tx, subscription.customer);
  const created = unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(subscription)));
  invoice.attempt_count += 1;
  const intent: SandboxIntent = {
    id: invoice.payment_intent || sandboxId('pi'),
    object: 'payment_intent',
    amount: invoice.amount_due,
    amount_received: 0,
    currency: invoice.currency as string,
    status: 'requires_payment_method',
    customer: subscription.customer,
    latest_charge: null,
    // Like Stripe: a renewal's payment intent carries no subscription metadata; the invoice events do.
    metadata: {},
    last_payment_error: null,
    invoice: invoice.id,
  };
  invoice.payment_intent = intent.id;
  if (customer?.fails_later) {
    intent.last_payment_error = { code: 'card_declined', message: DECLINE_MESSAGE };
    await putObject(tx, intent);
    subscription.status = 'past_due';
    await putObject(tx, invoice);
    await putObject(tx, subscription);
    await emitSandboxEvent(tx, services, 'invoice.payment_failed', invoice);
    await emitSandboxEvent(tx, services, 'customer.subscription.updated', subscription);
    return 2;
  }
  await chargeIntent(tx, intent, intent, created);
  Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due });
  const periodEnd = (invoice.lines as { data: { period: { start: number; end: number } }[] }).data[0]!.period;
  Object.assign(subscription, {
    status: 'active',
    current_period_start: periodEnd.start,
    current_period_end: periodEnd.end,
    items: { data: [{ current_period_start: periodEnd.start, current_period_end: periodEnd.end }] },
  });
  await putObject(tx, invoice);
  await putObject(tx, subscription);
  await emitSandboxEvent(tx, services, 'invoice.paid', invoice);
  await emitSandboxEvent(tx, services, 'customer.subscription.updated', subscription);
  return 2;
}

/** Dunning's retry: charges the invoice again with the customer's current card. */
export async function retrySandboxInvoice(tx: DbOrTx, services: Services, invoiceId: string): Promise<{ status: 'paid' | 'open' | 'failed' }> {
  const invoice = await getObject<SandboxInvoice>(tx, invoiceId, true);
  if (!invoice) throw new ProblemError('notFound', `Sandbox invoice ${invoiceId} not found.`);
  if (invoice.status === 'paid') return { status: 'paid' };
  const subscription = (await getObject<SandboxSubscription>(tx, invoice.parent.subscription_details.subscription, true))!;
  if (subscription.status === 'canceled') return { status: 'failed' };
  await attemptInvoice(tx, services, subscription, invoice);
  const after = await getObject<SandboxInvoice>(tx, invoiceId);
  return { status: after?.status === 'paid' ? 'paid' : 'failed' };
}

export async function cancelSandboxSubscription(tx: DbOrTx, services: Services, input: CancelSubscriptionInput): Promise<void> {
  if (await findByIdempotencyKey(tx, 'cancellation', input.idempotencyKey)) return;
  await putObject(tx, { id: sandboxId('cnl'), object: 'cancellation', subscription: input.subscriptionId }, input.idempotencyKey);
  const subscription = await getObject<SandboxSubscription>(tx, input.subscriptionId, true);
  if (!subscription) throw new ProblemError('notFound', `Sandbox subscription ${input.subscriptionId} not found.`);
  if (subscription.status === 'canceled') return;
  if (input.atPeriodEnd) {
    subscription.cancel_at_period_end = true;
    await putObject(tx, subscription);
    await emitSandboxEvent(tx, services, 'customer.subscription.updated', subscription);
    return;
  }
  Object.assign(subscription, { status: 'canceled', canceled_at: unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(subscription))) });
  await putObject(tx, subscription);
  await emitSandboxEvent(tx, services, 'customer.subscription.deleted', subscription);
}
