import { and, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/database.ts';
import { orders, subscriptions } from '../../sales/schema.ts';
import { type InvoiceObject, METADATA, type Metadata } from '../provider/provider-event.ts';
import { paymentAttempts } from '../schema.ts';
import type { PaymentRow } from '../settlement/payment-rows.ts';

/**
 * Finding what a provider event is about. Comptoir's ids travel in the metadata of sessions, payment intents and
 * subscriptions; the provider's ids (session, payment intent, subscription, invoice) are recorded as they become known.
 * Either path leads to the same rows, so an event that arrives before the one that introduced an id still lands.
 */
export async function orderFromMetadata(tx: DbOrTx, metadata: Metadata | null | undefined): Promise<typeof orders.$inferSelect | undefined> {
  const orderId = metadata?.[METADATA.orderId];
  if (!orderId || !/^[0-9a-f-]{36}$/i.test(orderId)) return undefined;
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

export async function paymentByMetadataOrColumn(
  tx: DbOrTx,
  provider: string,
  metadata: Metadata | null | undefined,
  column: { name: 'checkoutSessionId' | 'paymentIntentId'; value: string | null | undefined },
): Promise<PaymentRow | undefined> {
  if (column.value) {
    const [row] = await tx
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.provider, provider), eq(paymentAttempts[column.name], column.value)));
    if (row) return row;
  }
  const paymentId = metadata?.[METADATA.paymentId];
  if (!paymentId || !/^[0-9a-f-]{36}$/i.test(paymentId)) return undefined;
  const [row] = await tx
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, paymentId), eq(paymentAttempts.provider, provider)));
  return row;
}

/**
 * The payment an event names (by the provider's id, else by Comptoir's metadata) with its order, both locked — the
 * order first, as every writer of an order does, then the payment. Two round trips: the order is found and locked
 * through the payment in one statement.
 */
export async function lockPaymentAndOrder(
  tx: DbOrTx,
  provider: string,
  metadata: Metadata | null | undefined,
  column: { name: 'checkoutSessionId' | 'paymentIntentId'; value: string | null | undefined },
): Promise<{ order: typeof orders.$inferSelect; payment: PaymentRow } | undefined> {
  const paymentId = metadata?.[METADATA.paymentId];
  const byMetadata = paymentId && /^[0-9a-f-]{36}$/i.test(paymentId) ? eq(paymentAttempts.id, paymentId) : undefined;
  const byColumn = column.value ? eq(paymentAttempts[column.name], column.value) : undefined;
  if (!byMetadata && !byColumn) return undefined;
  // An alias, because FOR UPDATE OF takes a bare name (Drizzle would write the schema-qualified one).
  const order = alias(orders, 'locked_order');
  const [found] = await tx
    .select({ order, paymentId: paymentAttempts.id })
    .from(paymentAttempts)
    .innerJoin(order, eq(order.id, paymentAttempts.orderId))
    .where(and(eq(paymentAttempts.provider, provider), or(byColumn, byMetadata)))
    // The provider's id wins over the metadata when both name a payment.
    .orderBy(byColumn ? sql`coalesce(${byColumn}, false) desc` : sql`true`)
    .limit(1)
    .for('update', { of: order });
  if (!found) return undefined;
  return { order: found.order, payment: await lockPayment(tx, found.paymentId) };
}

export async function lockPayment(tx: DbOrTx, id: string): Promise<PaymentRow> {
  const [row] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, id)).for('update');
  return row!;
}

export async function subscriptionOrder(tx: DbOrTx, provider: string, subscriptionId: string | null, metadata: Metadata | null | undefined) {
  if (subscriptionId) {
    const [row] = await tx
      .select({ order: orders })
      .from(subscriptions)
      .innerJoin(orders, eq(orders.id, subscriptions.orderId))
      .where(and(eq(subscriptions.provider, provider), eq(subscriptions.providerSubscriptionId, subscriptionId)));
    if (row) return row.order;
  }
  return orderFromMetadata(tx, metadata);
}

export function invoiceMetadata(invoice: InvoiceObject): Metadata | null {
  return invoice.parent?.subscription_details?.metadata ?? invoice.metadata ?? null;
}

/** The subscription row of a subscription order, created on first sight (whichever event comes first). */
export async function ensureSubscription(tx: DbOrTx, order: typeof orders.$inferSelect, provider: string, providerSubscriptionId: string | null) {
  await tx
    .insert(subscriptions)
    .values({
      workspaceId: order.workspaceId,
      companyId: order.companyId,
      orderId: order.id,
      customerId: order.customerId,
      provider,
      providerSubscriptionId,
      interval: order.interval!,
      intervalCount: order.intervalCount ?? 1,
      amount: order.totalInclTax,
      currency: order.currency,
    })
    .onConflictDoUpdate({
      target: subscriptions.orderId,
      set: { providerSubscriptionId: sql`coalesce(${subscriptions.providerSubscriptionId}, excluded.provider_subscription_id)` },
    });
  const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)).for('update');
  return row!;
}
