import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import type { Permission } from '../../identity/permissions.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { dunningAttempts, merchantLedgerEntries, paymentAttempts, refunds, webhookEvents } from '../../payments/schema.ts';
import { customers, type OrderStatus, orderLines, orders, subscriptions } from '../schema.ts';
import { readTogether } from '../../platform/db/read-together.ts';

const orderScope = { workspaceId: orders.workspaceId, companyId: orders.companyId };

/** An order the actor may see with `permission`; anything else (other workspace, other company) is a 404. */
export async function loadScopedOrder(db: DbOrTx, auth: AuthenticatedContext, orderId: string, permission: Permission = 'sales.read') {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), inCompanyScope(orderScope, auth, permission)));
  if (!order) throw new ProblemError('notFound', 'Commande introuvable.');
  return order;
}

export interface OrderListQuery {
  status?: OrderStatus;
  companyId?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listOrders(db: DbOrTx, auth: AuthenticatedContext, query: OrderListQuery) {
  const conditions: SQL[] = [inCompanyScope(orderScope, auth, 'sales.read')];
  if (query.status) conditions.push(eq(orders.status, query.status));
  if (query.companyId) conditions.push(eq(orders.companyId, query.companyId));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(orders.number, like), ilike(customers.name, like), ilike(customers.email, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await readTogether(db, [
    () => db
      .select({ order: orders, customer: { name: customers.name, email: customers.email } })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(where)
      .orderBy(desc(orders.createdAt))
      .limit(query.limit)
      .offset(query.offset),
    () => db.select({ value: count() }).from(orders).innerJoin(customers, eq(customers.id, orders.customerId)).where(where),
  ]);
  return { items: rows.map((row) => ({ ...toOrderSummary(row.order), customerName: row.customer.name, customerEmail: row.customer.email })), total: total!.value };
}

export function toOrderSummary(order: typeof orders.$inferSelect) {
  return {
    id: order.id,
    number: order.number,
    companyId: order.companyId,
    status: order.status,
    kind: order.kind,
    currency: order.currency,
    totalExclTax: order.totalExclTax,
    totalTax: order.totalTax,
    totalInclTax: order.totalInclTax,
    paidAmount: order.paidAmount,
    refundedAmount: order.refundedAmount,
    interval: order.interval,
    intervalCount: order.intervalCount,
    productVersion: order.productVersion,
    planCode: order.planCode,
    merchantCompanyId: order.merchantCompanyId,
    paidAt: order.paidAt,
    cancelledAt: order.cancelledAt,
    fulfilledAt: order.fulfilledAt,
    lastPaymentError: order.lastPaymentError,
    createdAt: order.createdAt,
  };
}

/** Everything the order page shows: lines, customer, payments, refunds, subscription, dunning, ledger and the event timeline. */
export async function loadOrderDetail(db: DbOrTx, auth: AuthenticatedContext, orderId: string) {
  const order = await loadScopedOrder(db, auth, orderId);
  const [lines, [customer], payments, refundRows, [subscription], events, ledger] = await readTogether(db, [
    () => db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position)),
    () => db.select().from(customers).where(eq(customers.id, order.customerId)),
    () => db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id)).orderBy(asc(paymentAttempts.createdAt)),
    () => db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.createdAt)),
    () => db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)),
    () => db
      .select({ id: webhookEvents.id, provider: webhookEvents.provider, eventId: webhookEvents.eventId, type: webhookEvents.type, status: webhookEvents.status, outcome: webhookEvents.outcome, receivedAt: webhookEvents.receivedAt, providerCreated: webhookEvents.providerCreated })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.orderId, order.id), eq(webhookEvents.workspaceId, auth.workspace.id)))
      .orderBy(asc(webhookEvents.providerCreated), asc(webhookEvents.receivedAt)),
    () => db.select().from(merchantLedgerEntries).where(eq(merchantLedgerEntries.orderId, order.id)).orderBy(asc(merchantLedgerEntries.createdAt)),
  ]);
  const dunning = subscription ? await db.select().from(dunningAttempts).where(eq(dunningAttempts.subscriptionId, subscription.id)).orderBy(asc(dunningAttempts.scheduledAt)) : [];
  return {
    order: { ...toOrderSummary(order), quote: order.quote, publicToken: order.publicToken },
    lines,
    customer: customer!,
    payments: payments.map(({ idempotencyKey: _key, ...payment }) => payment),
    refunds: refundRows,
    subscription: subscription ?? null,
    dunning,
    ledger,
    events,
  };
}
