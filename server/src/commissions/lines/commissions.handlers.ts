import { eq } from 'drizzle-orm';
import { PAYMENT_REFUNDED_TOPIC, PAYMENT_SUCCEEDED_TOPIC } from '../../payments/settlement/payment-rows.ts';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { orders } from '../../sales/schema.ts';
import { recomputeCommissions } from './recompute-commissions.ts';

/** Sales, collections, renewals, refunds and cancellations recompute the product's commission lines (idempotent). */
export const COMMISSION_TOPICS = ['sales.order.paid', 'sales.subscription.renewed', 'sales.subscription.cancelled', PAYMENT_SUCCEEDED_TOPIC, PAYMENT_REFUNDED_TOPIC, 'payments.order.refunded'];

export const recomputeCommissionsHandler = defineHandler<{ orderId?: string }>({
  name: 'commissions.recompute',
  topics: COMMISSION_TOPICS,
  async handle({ tx, event, services }) {
    if (!event.payload.orderId) return;
    const [order] = await tx.select({ productId: orders.productId }).from(orders).where(eq(orders.id, event.payload.orderId));
    if (!order?.productId) return;
    await recomputeCommissions(tx, services.clock, order.productId);
  },
});
