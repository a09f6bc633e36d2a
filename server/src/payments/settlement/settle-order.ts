import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { type DomainEvent, recordEvent, recordEvents } from '../../platform/jobs/outbox.ts';
import type { PreparedMail } from '../../platform/mail/mailer.ts';
import type { Services } from '../../platform/services.ts';
import { customers, orders, subscriptions } from '../../sales/schema.ts';
import { paymentReceivedMail, refundIssuedMail, subscriptionEndedMail } from '../mail/payment-mails.ts';
import { recordMarketplaceMovements } from '../marketplace/record-marketplace-movements.ts';
import { deriveOrder } from '../rules/order-status.ts';
import { deriveSubscriptionStatus } from '../rules/subscription-status.ts';
import { paymentAttempts } from '../schema.ts';
import { type PaymentRow, toPaymentState } from './payment-rows.ts';

export type OrderRow = typeof orders.$inferSelect;

/** Who caused a settlement, for the audit trail: a webhook, a person, a job. */
export interface SettlementCause {
  auth: AuthContext;
  actorLabel: string;
}

export function orderPageUrl(services: Services, order: Pick<OrderRow, 'publicToken'>): string {
  return `${services.config.publicUrl}/commande/${order.publicToken}`;
}

export async function lockOrder(tx: DbOrTx, orderId: string): Promise<OrderRow | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  return order;
}

/**
 * Re-derives an order (and its subscription) from its payments after any payment fact changed, saves what moved,
 * and fires each consequence once, on the transition that causes it: the receipt mail and `sales.order.paid` when the
 * order becomes paid, the refund mail and the marketplace reversal when the refunded total rises, the end-of-contract
 * mail when a subscription is cancelled or suspended. The order row is locked, so concurrent events queue here;
 * a caller that already holds the lock passes the row it read under it.
 */
export async function settleOrder(tx: DbOrTx, services: Services, orderOrId: string | OrderRow, cause: SettlementCause): Promise<OrderRow> {
  const before = typeof orderOrId === 'string' ? (await lockOrder(tx, orderOrId))! : orderOrId;
  const payments = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, before.id));
  const [after] = await settleLockedOrders(tx, services, [{ before, payments, cause }]);
  return after!;
}

/**
 * `settleOrder` for many orders at once (a batch of webhook events): rows locked by the caller with all their
 * payments as they now are. The orders that moved are saved in one statement, their receipts and events in one each.
 */
export async function settleLockedOrders(
  tx: DbOrTx,
  services: Services,
  items: readonly { before: OrderRow; payments: readonly PaymentRow[]; cause: SettlementCause }[],
): Promise<OrderRow[]> {
  const now = new Date();
  const settled = items.map(({ before, payments, cause }) => {
    const money = deriveOrder({ totalInclTax: before.totalInclTax, submitted: payments.length > 0, cancelledAt: before.cancelledAt, fulfilledAt: before.fulfilledAt }, payments.map(toPaymentState));
    const lastFailure = payments.filter((p) => p.failedAt && p.status === 'failed').sort((a, b) => b.failedAt!.getTime() - a.failedAt!.getTime())[0];
    const lastPaymentError = money.paidAt ? null : (lastFailure?.failureMessage ?? null);
    const changed =
      money.status !== before.status ||
      money.paidAmount !== before.paidAmount ||
      money.refundedAmount !== before.refundedAmount ||
      money.paidAt?.getTime() !== before.paidAt?.getTime() ||
      lastPaymentError !== before.lastPaymentError;
    const after: OrderRow = changed ? { ...before, ...money, lastPaymentError, updatedAt: now } : before;
    return { before, after, payments, cause, changed };
  });
  const moved = settled.filter((s) => s.changed);
  if (moved.length > 0) {
    await tx.execute(sql`
      update sales."order" o
         set status = v.status, paid_amount = v.paid_amount, refunded_amount = v.refunded_amount, paid_at = v.paid_at,
             last_payment_error = v.last_payment_error, updated_at = v.updated_at
        from (values ${sql.join(
          moved.map(({ after: a }) => sql`(${a.id}::uuid, ${a.status}, ${a.paidAmount}::bigint, ${a.refundedAmount}::bigint, ${a.paidAt}::timestamptz, ${a.lastPaymentError}::text, ${now}::timestamptz)`),
          sql`, `,
        )}) as v(id, status, paid_amount, refunded_amount, paid_at, last_payment_error, updated_at)
       where o.id = v.id`);
    for (const { before, after, cause } of moved) {
      await appendAudit(
        tx,
        cause.auth,
        { action: 'settle', tableName: 'sales.order', recordId: after.id, companyId: after.companyId, before: pick(before), after: pick(after) },
        { workspaceId: after.workspaceId, actorLabel: cause.actorLabel },
      );
    }
  }
  for (const { after, payments } of settled) if (after.merchantCompanyId) await recordMarketplaceMovements(tx, after, payments);

  // The customer is read only when a mail may go out (most events change nothing a customer hears of).
  const heard = settled.filter(({ before, after }) => (!before.paidAt && after.paidAt) || after.refundedAmount > before.refundedAmount || after.kind === 'subscription');
  if (heard.length === 0) return settled.map((s) => s.after);
  const customerRows = await tx
    .select()
    .from(customers)
    .where(inArray(customers.id, [...new Set(heard.map((s) => s.after.customerId))]));
  const customerById = new Map(customerRows.map((c) => [c.id, c]));
  const mails: PreparedMail[] = [];
  const events: DomainEvent[] = [];
  const recipients = new Map(
    heard.map(({ after: order }) => {
      const customer = customerById.get(order.customerId)!;
      const mailBase = { customerName: customer.name, orderNumber: order.number, currency: order.currency, url: orderPageUrl(services, order) };
      return [order.id, { mailBase, to: customer.email, language: customer.language === 'en' ? ('en' as const) : ('fr' as const) }];
    }),
  );
  for (const { before, after: order, cause } of heard) {
    const { mailBase, to, language } = recipients.get(order.id)!;
    if (!before.paidAt && order.paidAt) {
      mails.push(services.mail.prepare({ template: paymentReceivedMail, data: { ...mailBase, amount: order.paidAmount }, to, language, workspaceId: order.workspaceId }));
      events.push({ topic: 'sales.order.paid', payload: { orderId: order.id, amount: order.paidAmount, currency: order.currency }, workspaceId: order.workspaceId, actor: cause.actorLabel });
    }
    if (order.refundedAmount > before.refundedAmount) {
      const delta = order.refundedAmount - before.refundedAmount;
      mails.push(services.mail.prepare({ template: refundIssuedMail, data: { ...mailBase, amount: delta, refundedTotal: order.refundedAmount }, to, language, workspaceId: order.workspaceId }));
      events.push({ topic: 'payments.order.refunded', payload: { orderId: order.id, amount: delta, refundedTotal: order.refundedAmount, currency: order.currency }, workspaceId: order.workspaceId, actor: cause.actorLabel });
    }
  }
  await services.mail.queueMany(tx, mails);
  await recordEvents(tx, events);
  for (const { after: order, cause } of heard) {
    if (order.kind === 'subscription') await settleSubscription(tx, services, order, cause, recipients.get(order.id)!);
  }
  return settled.map((s) => s.after);
}

async function settleSubscription(
  tx: DbOrTx,
  services: Services,
  order: OrderRow,
  cause: SettlementCause,
  mail: { mailBase: { customerName: string; orderNumber: string; currency: 'EUR' | 'CHF'; url: string }; to: string; language: 'fr' | 'en' },
): Promise<void> {
  const [subscription] = await tx.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)).for('update');
  if (!subscription) return;
  const paymentRows = await tx
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, order.id), inArray(paymentAttempts.kind, ['checkout', 'renewal'])));
  const derived = deriveSubscriptionStatus({ cancelledAt: subscription.cancelledAt, suspendedAt: subscription.suspendedAt }, paymentRows.map(toPaymentState));
  if (derived.status === subscription.status && derived.paidPeriods === subscription.paidPeriods) return;
  const [after] = await tx.update(subscriptions).set({ ...derived, updatedAt: sql`now()` }).where(eq(subscriptions.id, subscription.id)).returning();
  await appendAudit(
    tx,
    cause.auth,
    { action: 'settle', tableName: 'sales.subscription', recordId: subscription.id, companyId: order.companyId, before: { status: subscription.status, paidPeriods: subscription.paidPeriods }, after: derived },
    { workspaceId: order.workspaceId, actorLabel: cause.actorLabel },
  );
  const topic = `sales.subscription.${derived.status}`;
  if (derived.status !== subscription.status) {
    await recordEvent(tx, { topic, payload: { subscriptionId: subscription.id, orderId: order.id, from: subscription.status }, workspaceId: order.workspaceId, actor: cause.actorLabel });
  }
  if (derived.paidPeriods > subscription.paidPeriods && subscription.paidPeriods > 0) {
    await recordEvent(tx, { topic: 'sales.subscription.renewed', payload: { subscriptionId: subscription.id, orderId: order.id, paidPeriods: derived.paidPeriods }, workspaceId: order.workspaceId, actor: cause.actorLabel });
  }
  if ((derived.status === 'cancelled' || derived.status === 'suspended') && derived.status !== subscription.status) {
    await services.mail.queue(tx, { template: subscriptionEndedMail, data: { ...mail.mailBase, amount: after!.amount, how: derived.status }, to: mail.to, language: mail.language, workspaceId: order.workspaceId });
  }
}

function pick(order: OrderRow) {
  return { status: order.status, paidAmount: order.paidAmount, refundedAmount: order.refundedAmount, paidAt: order.paidAt, lastPaymentError: order.lastPaymentError };
}
