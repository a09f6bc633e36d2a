import { eq } from 'drizzle-orm';
import { type AuthContext, type AuthenticatedContext, actorLabel } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { CANCEL_SUBSCRIPTION_TOPIC } from '../../payments/subscriptions/dunning.ts';
import { lockOrder, settleOrder } from '../../payments/settlement/settle-order.ts';
import { orders, subscriptions } from '../schema.ts';
import { loadScopedOrder } from './order-queries.ts';

/** Cancels an order nobody paid (a paid one is refunded instead). */
export async function cancelUnpaidOrder(services: Services, auth: AuthenticatedContext, orderId: string) {
  const scoped = await loadScopedOrder(services.db, auth, orderId, 'sales.write');
  return services.db.transaction(async (tx) => {
    const order = (await lockOrder(tx, scoped.id))!;
    if (order.paidAt) throw new ProblemError('conflict', 'Cette commande est payée : remboursez-la plutôt que de l’annuler.', { code: 'order_paid' });
    if (order.cancelledAt) return order;
    await tx.update(orders).set({ cancelledAt: services.clock.now() }).where(eq(orders.id, order.id));
    await appendAudit(tx, auth, { action: 'cancel', tableName: 'sales.order', recordId: order.id, companyId: order.companyId, before: { cancelledAt: null } });
    return settleOrder(tx, services, order.id, { auth, actorLabel: actorLabel(auth) });
  });
}

/** The service was delivered (training done, access opened): a paid order becomes fulfilled. */
export async function fulfilOrder(services: Services, auth: AuthenticatedContext, orderId: string) {
  const scoped = await loadScopedOrder(services.db, auth, orderId, 'sales.write');
  return services.db.transaction(async (tx) => {
    const order = (await lockOrder(tx, scoped.id))!;
    if (!order.paidAt) throw new ProblemError('conflict', 'Seule une commande payée peut être livrée.', { code: 'order_not_paid' });
    if (order.fulfilledAt) return order;
    await tx.update(orders).set({ fulfilledAt: services.clock.now() }).where(eq(orders.id, order.id));
    await appendAudit(tx, auth, { action: 'fulfil', tableName: 'sales.order', recordId: order.id, companyId: order.companyId });
    await recordEvent(tx, { topic: 'sales.order.fulfilled', payload: { orderId: order.id }, workspaceId: order.workspaceId, actor: actorLabel(auth) });
    return settleOrder(tx, services, order.id, { auth, actorLabel: actorLabel(auth) });
  });
}

/**
 * Ends a subscription — by staff, or by the customer from their page. At period end by default (what the customer
 * paid for runs out), or at once. The provider is told by a job; its webhook then records the cancellation.
 */
export async function cancelSubscription(services: Services, auth: AuthContext, orderId: string, options: { atPeriodEnd: boolean; by: 'customer' | 'staff' }) {
  if (auth.kind !== 'anonymous') await loadScopedOrder(services.db, auth, orderId, 'sales.write');
  return services.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [subscription] = order ? await tx.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)).for('update') : [];
    if (!order || !subscription) throw new ProblemError('notFound', 'Abonnement introuvable.');
    if (subscription.status === 'cancelled') return subscription;
    const label = auth.kind === 'anonymous' ? `client ${order.number}` : actorLabel(auth);
    const [after] = await tx
      .update(subscriptions)
      .set(options.atPeriodEnd ? { cancelAtPeriodEnd: true, cancelledBy: options.by } : { cancelledAt: services.clock.now(), cancelledBy: options.by })
      .where(eq(subscriptions.id, subscription.id))
      .returning();
    await appendAudit(
      tx,
      auth,
      { action: 'cancel', tableName: 'sales.subscription', recordId: subscription.id, companyId: order.companyId, before: { status: subscription.status, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd }, after: { atPeriodEnd: options.atPeriodEnd, by: options.by } },
      { workspaceId: order.workspaceId, actorLabel: label },
    );
    await recordEvent(tx, { topic: CANCEL_SUBSCRIPTION_TOPIC, payload: { subscriptionId: subscription.id, atPeriodEnd: options.atPeriodEnd, reason: options.by }, workspaceId: order.workspaceId, actor: label });
    if (!options.atPeriodEnd) await settleOrder(tx, services, order.id, { auth, actorLabel: label });
    return after!;
  });
}
