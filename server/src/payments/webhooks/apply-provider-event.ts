import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { customers, type orders, subscriptions } from '../../sales/schema.ts';
import { recordDunningFailure, settleDunningPaid } from '../subscriptions/dunning.ts';
import type {
  AccountObject,
  ChargeObject,
  CheckoutSessionObject,
  InvoiceObject,
  PaymentIntentObject,
  ProviderEvent,
  SubscriptionObject,
} from '../provider/provider-event.ts';
import { invoicePeriodEnd, invoiceSubscriptionId, subscriptionPeriodEnd } from '../provider/provider-event.ts';
import { checkoutSessionFact, paymentIntentFact } from '../rules/event-facts.ts';
import type { PaymentFact } from '../rules/payment-facts.ts';
import { merchantAccounts, paymentAttempts, refunds } from '../schema.ts';
import { applyFactToPayment, type PaymentRow } from '../settlement/payment-rows.ts';
import { lockOrder, type OrderRow, type SettlementCause, settleOrder } from '../settlement/settle-order.ts';
import { INVOICE_PAYMENT_UNTRACED_TOPIC } from './trace-invoice-payment.handler.ts';
import { ensureSubscription, invoiceMetadata, lockPayment, lockPaymentAndOrder, paymentByMetadataOrColumn, subscriptionOrder } from './event-targets.ts';

export type ApplyOutcome =
  | { status: 'processed'; workspaceId: string | null; orderId: string | null; summary: string }
  | { status: 'ignored'; workspaceId: string | null; orderId: string | null; summary: string };

/** Thrown when an event names something Comptoir has not heard of yet: the inbox retries it later. */
export class EventNotReadyError extends Error {}

const ignored = (summary: string, orderId: string | null = null, workspaceId: string | null = null): ApplyOutcome => ({ status: 'ignored', summary, orderId, workspaceId });

/**
 * Applies one provider event to Comptoir's state, in the inbox job's transaction. Each event becomes facts on payment
 * rows (merged, never overwritten), then the order is settled from its payments. Every branch is safe to run twice.
 */
export async function applyProviderEvent(tx: DbOrTx, services: Services, provider: string, event: ProviderEvent, cause: SettlementCause): Promise<ApplyOutcome> {
  const at = new Date(event.created * 1000);
  const object = event.data.object;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = object as unknown as CheckoutSessionObject;
      const target = await lockPaymentAndOrder(tx, provider, session.metadata, { name: 'checkoutSessionId', value: session.id });
      if (!target) return ignored(`Session ${session.id} is not a Comptoir checkout`);
      const { order, payment } = target;
      if (session.customer) await rememberProviderCustomer(tx, order.customerId, session.customer);
      if (order.kind === 'subscription' && session.subscription) await ensureSubscription(tx, order, provider, session.subscription);
      const fact = checkoutSessionFact(event.type, session, at, payment.amount);
      const change = fact ? await applyFactToPayment(tx, payment, fact) : null;
      if (change && !change.changed && order.kind !== 'subscription') return unchanged(order, event.type);
      return settled(tx, services, order, cause, `${event.type} → ${fact?.kind ?? 'awaiting asynchronous payment'}`);
    }

    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const intent = object as unknown as PaymentIntentObject;
      const target = await lockPaymentAndOrder(tx, provider, intent.metadata, { name: 'paymentIntentId', value: intent.id });
      // Renewals are followed through their invoices; a payment intent without Comptoir metadata is not ours.
      if (!target || target.payment.kind !== 'checkout') return ignored(`Payment intent ${intent.id} is not a Comptoir checkout`);
      const change = await applyFactToPayment(tx, target.payment, paymentIntentFact(event.type, intent, at));
      // Nothing new (the session's event told it already): the order was settled when the fact first arrived.
      if (!change.changed && target.order.kind !== 'subscription') return unchanged(target.order, `${event.type} on ${intent.id}`);
      return settled(tx, services, target.order, cause, `${event.type} on ${intent.id}`);
    }

    case 'charge.refunded': {
      const charge = object as unknown as ChargeObject;
      const payment = await paymentByMetadataOrColumn(tx, provider, charge.metadata, { name: 'paymentIntentId', value: charge.payment_intent });
      if (!payment) {
        if (charge.payment_intent) throw new EventNotReadyError(`No payment known yet for ${charge.payment_intent}`);
        return ignored(`Charge ${charge.id} is not a Comptoir payment`);
      }
      await lockOrder(tx, payment.orderId);
      const { after } = await applyFactToPayment(tx, await lockPayment(tx, payment.id), {
        kind: 'refunded',
        at,
        amountCaptured: charge.amount,
        amountRefunded: charge.amount_refunded,
        paymentIntentId: charge.payment_intent,
      });
      await confirmRefunds(tx, after);
      return settled(tx, services, payment.orderId, cause, `refunded ${charge.amount_refunded} in total on ${charge.id}`);
    }

    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = object as unknown as InvoiceObject;
      const subscriptionId = invoiceSubscriptionId(invoice);
      const order = await subscriptionOrder(tx, provider, subscriptionId, invoiceMetadata(invoice));
      if (!order) {
        if (subscriptionId) throw new EventNotReadyError(`No subscription known yet for ${subscriptionId}`);
        return ignored(`Invoice ${invoice.id} is not for a Comptoir subscription`);
      }
      await lockOrder(tx, order.id);
      const subscription = await ensureSubscription(tx, order, provider, subscriptionId);
      const payment = await invoicePayment(tx, provider, order, subscription.id, invoice);
      const fact: PaymentFact =
        event.type === 'invoice.paid'
          ? { kind: 'succeeded', at, amount: invoice.amount_paid, invoiceId: invoice.id, paymentIntentId: invoice.payment_intent ?? null }
          : { kind: 'failed', at, message: 'Échéance impayée', invoiceId: invoice.id, paymentIntentId: invoice.payment_intent ?? null };
      const { after } = await applyFactToPayment(tx, payment, fact);
      if (event.type === 'invoice.paid' && !after.paymentIntentId) {
        // Recent Stripe API versions name the intent only in the invoice's payments: asked apart (a provider call).
        await recordEvent(tx, { topic: INVOICE_PAYMENT_UNTRACED_TOPIC, payload: { paymentId: after.id, invoiceId: invoice.id, provider }, workspaceId: order.workspaceId });
      }
      if (event.type === 'invoice.paid') {
        const end = invoicePeriodEnd(invoice);
        if (end > 0) await extendPeriod(tx, subscription.id, end);
        await settleDunningPaid(tx, subscription.id, invoice.id);
      } else if (payment.kind === 'renewal') {
        await recordDunningFailure(tx, services, { order, subscriptionId: subscription.id, invoiceId: invoice.id, attempt: Math.max(1, invoice.attempt_count), failedAt: at, cause });
      }
      return settled(tx, services, order.id, cause, `${event.type} ${invoice.id} (${payment.kind})`);
    }

    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const sub = object as unknown as SubscriptionObject;
      const order = await subscriptionOrder(tx, provider, sub.id, sub.metadata);
      if (!order) return ignored(`Subscription ${sub.id} is not a Comptoir subscription`);
      await lockOrder(tx, order.id);
      const subscription = await ensureSubscription(tx, order, provider, sub.id);
      const end = subscriptionPeriodEnd(sub);
      if (end) await extendPeriod(tx, subscription.id, end);
      if (event.type === 'customer.subscription.deleted' || sub.status === 'canceled') {
        const cancelledAt = new Date((sub.canceled_at ?? event.created) * 1000);
        await tx
          .update(subscriptions)
          .set({
            cancelledAt: sql`least(coalesce(${subscriptions.cancelledAt}, ${cancelledAt}), ${cancelledAt})`,
            cancelledBy: sql`coalesce(${subscriptions.cancelledBy}, 'provider')`,
          })
          .where(eq(subscriptions.id, subscription.id));
      } else {
        // The flag can go both ways: only a newer event may set it.
        await tx
          .update(subscriptions)
          .set({ cancelAtPeriodEnd: sub.cancel_at_period_end, providerUpdatedAt: event.created })
          .where(and(eq(subscriptions.id, subscription.id), sql`coalesce(${subscriptions.providerUpdatedAt}, 0) <= ${event.created}`));
      }
      return settled(tx, services, order.id, cause, `${event.type} ${sub.id} (${sub.status})`);
    }

    case 'account.updated': {
      const account = object as unknown as AccountObject;
      const updated = await tx
        .update(merchantAccounts)
        .set({ chargesEnabled: account.charges_enabled, payoutsEnabled: account.payouts_enabled, providerUpdatedAt: event.created, updatedAt: new Date() })
        .where(and(eq(merchantAccounts.provider, provider), eq(merchantAccounts.providerAccountId, account.id), sql`coalesce(${merchantAccounts.providerUpdatedAt}, 0) <= ${event.created}`))
        .returning({ workspaceId: merchantAccounts.workspaceId });
      const [known] = await tx.select({ workspaceId: merchantAccounts.workspaceId }).from(merchantAccounts).where(and(eq(merchantAccounts.provider, provider), eq(merchantAccounts.providerAccountId, account.id)));
      if (!known) return ignored(`Account ${account.id} is not a Comptoir merchant`);
      return { status: 'processed', workspaceId: known.workspaceId, orderId: null, summary: updated.length ? `charges ${account.charges_enabled ? 'on' : 'off'}, payouts ${account.payouts_enabled ? 'on' : 'off'}` : 'older than the state already applied' };
    }

    default:
      return ignored(`Event type ${event.type} is not used by Comptoir`);
  }
}

async function settled(tx: DbOrTx, services: Services, orderOrId: string | OrderRow, cause: SettlementCause, summary: string): Promise<ApplyOutcome> {
  const order = await settleOrder(tx, services, orderOrId, cause);
  return { status: 'processed', workspaceId: order.workspaceId, orderId: order.id, summary: `${summary}; order ${order.number} ${order.status}` };
}

function unchanged(order: OrderRow, summary: string): ApplyOutcome {
  return { status: 'processed', workspaceId: order.workspaceId, orderId: order.id, summary: `${summary}: already known; order ${order.number} ${order.status}` };
}

async function rememberProviderCustomer(tx: DbOrTx, customerId: string, providerCustomerId: string): Promise<void> {
  await tx
    .update(customers)
    .set({ providerCustomerId })
    .where(and(eq(customers.id, customerId), sql`${customers.providerCustomerId} is null`));
}

/** The checkout's first invoice pays the checkout payment; each later invoice is a renewal payment of its own. */
async function invoicePayment(tx: DbOrTx, provider: string, order: typeof orders.$inferSelect, subscriptionId: string, invoice: InvoiceObject): Promise<PaymentRow> {
  const [byInvoice] = await tx
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.provider, provider), eq(paymentAttempts.invoiceId, invoice.id)))
    .for('update');
  if (byInvoice) return byInvoice;
  if (invoice.billing_reason === 'subscription_create') {
    const [checkout] = await tx
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.kind, 'checkout'), eq(paymentAttempts.provider, provider)))
      .orderBy(sql`${paymentAttempts.succeededAt} is null, ${paymentAttempts.createdAt} desc`)
      .limit(1)
      .for('update');
    if (checkout) return checkout;
  }
  const [created] = await tx
    .insert(paymentAttempts)
    .values({ workspaceId: order.workspaceId, orderId: order.id, subscriptionId, provider, kind: 'renewal', amount: invoice.amount_due, currency: order.currency, idempotencyKey: `invoice:${provider}:${invoice.id}`, invoiceId: invoice.id })
    .returning();
  return created!;
}

async function extendPeriod(tx: DbOrTx, subscriptionId: string, endUnix: number): Promise<void> {
  const end = new Date(endUnix * 1000);
  await tx
    .update(subscriptions)
    .set({ currentPeriodEnd: sql`greatest(coalesce(${subscriptions.currentPeriodEnd}, ${end}), ${end})` })
    .where(eq(subscriptions.id, subscriptionId));
}

/** Refunds asked from the back-office are confirmed once the provider's cumulative refunded total covers them. */
async function confirmRefunds(tx: DbOrTx, payment: PaymentRow): Promise<void> {
  const rows = await tx
    .select()
    .from(refunds)
    .where(and(eq(refunds.paymentId, payment.id), inArray(refunds.status, ['requested', 'pending', 'succeeded'])))
    .orderBy(refunds.createdAt);
  let covered = payment.refundedAmount;
  for (const refund of rows) {
    covered -= refund.amount;
    if (covered < 0) break;
    if (refund.status !== 'succeeded') await tx.update(refunds).set({ status: 'succeeded', updatedAt: new Date() }).where(eq(refunds.id, refund.id));
  }
}
