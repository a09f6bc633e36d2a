import { and, eq } from 'drizzle-orm';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { orders } from '../../sales/schema.ts';
import type { RefundRef } from '../provider/payment-provider.ts';
import { isPermanentProviderError } from '../provider/provider-errors.ts';
import { METADATA } from '../provider/provider-event.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { merchantAccounts, paymentAttempts, refunds } from '../schema.ts';
import { REFUND_REQUESTED_TOPIC } from './request-refund.ts';

type Sent = { ok: true; ref: RefundRef } | { ok: false; message: string } | null;

/** Sends a requested refund to the provider (outside the transaction), then records the provider's answer. */
export const sendRefundHandler = defineHandler<{ refundId: string }>({
  name: 'payments.send-refund',
  topics: [REFUND_REQUESTED_TOPIC],
  async perform({ event, services }): Promise<Sent> {
    const [row] = await services.db
      .select({ refund: refunds, payment: paymentAttempts, order: orders })
      .from(refunds)
      .innerJoin(paymentAttempts, eq(paymentAttempts.id, refunds.paymentId))
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .where(eq(refunds.id, event.payload.refundId));
    if (!row || row.refund.status !== 'requested') return null;
    const [merchant] = row.order.merchantCompanyId ? await services.db.select().from(merchantAccounts).where(eq(merchantAccounts.companyId, row.order.merchantCompanyId)) : [];
    try {
      const ref = await paymentProvider(services).refund({
        paymentIntentId: row.payment.paymentIntentId!,
        amount: row.refund.amount,
        ...(row.refund.reason ? { reason: row.refund.reason as 'requested_by_customer' } : {}),
        reverseTransfer: merchant ? merchant.refundReversesMerchantShare && services.config.STRIPE_REFUND_REVERSE_TRANSFER : false,
        refundApplicationFee: merchant ? merchant.refundReturnsCommission || services.config.STRIPE_REFUND_APPLICATION_FEE : false,
        metadata: { [METADATA.orderId]: row.order.id, [METADATA.refundId]: row.refund.id, [METADATA.workspaceId]: row.order.workspaceId },
        idempotencyKey: `refund:${row.refund.id}`,
      });
      return { ok: true, ref };
    } catch (error) {
      if (isPermanentProviderError(error)) return { ok: false, message: error.message };
      throw error;
    }
  },
  async handle({ tx, event, performed }) {
    const sent = performed as Sent;
    if (!sent) return;
    // The provider's webhook may already have confirmed the refund: only a refund still "requested" moves here.
    await tx
      .update(refunds)
      .set(
        sent.ok
          ? { status: sent.ref.status === 'failed' ? 'failed' : 'pending', providerRefundId: sent.ref.id, updatedAt: new Date() }
          : { status: 'failed', failureMessage: sent.message.slice(0, 500), updatedAt: new Date() },
      )
      .where(and(eq(refunds.id, event.payload.refundId), eq(refunds.status, 'requested')));
    if (sent.ok) await tx.update(refunds).set({ providerRefundId: sent.ref.id }).where(eq(refunds.id, event.payload.refundId));
  },
});
