import { eq } from 'drizzle-orm';
import { PAYMENT_REFUNDED_TOPIC, PAYMENT_SUCCEEDED_TOPIC } from '../../payments/settlement/payment-rows.ts';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { orders } from '../../sales/schema.ts';
import { requestRecompute } from './recompute-queue.ts';

/** Sales, collections, renewals, refunds and cancellations recompute the product's commission lines (idempotent). */
export const COMMISSION_TOPICS = ['sales.order.paid', 'sales.subscription.renewed', 'sales.subscription.cancelled', PAYMENT_SUCCEEDED_TOPIC, PAYMENT_REFUNDED_TOPIC, 'payments.order.refunded'];

/**
 * Each event asks for its product to be recomputed; the recompute queue serves the requests. A recompute reads all
 * the product's sales (tiers count the period's volume), so 2,500 sales paid in a burst make a handful of recomputes,
 * not 5,000 of them each reading 2,500 orders.
 */
export const recomputeCommissionsHandler = defineHandler<{ orderId?: string }>({
  name: 'commissions.recompute',
  topics: COMMISSION_TOPICS,
  async handle({ tx, event }) {
    if (!event.payload.orderId) return;
    const [order] = await tx.select({ productId: orders.productId, workspaceId: orders.workspaceId }).from(orders).where(eq(orders.id, event.payload.orderId));
    if (!order?.productId) return;
    await requestRecompute(tx, order.workspaceId, order.productId);
  },
});
