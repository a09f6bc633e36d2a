import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { actorLabel } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { refundableAmount } from '../rules/order-status.ts';
import { paymentAttempts, refunds } from '../schema.ts';
import { lockOrder } from '../settlement/settle-order.ts';

export const REFUND_REQUESTED_TOPIC = 'payments.refund.requested';

export interface RefundRequest {
  /** Minor units; omitted = everything still refundable on the payment. */
  amount?: number;
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent';
  /** Which collected payment to refund; default: the latest one with money left on it. */
  paymentId?: string;
}

/**
 * A full or partial refund asked from the back-office. It is checked against what the payment still holds (minus
 * refunds already on their way), recorded and audited, and sent to the provider by a job with an idempotency key
 * derived from the refund's id; the provider's `charge.refunded` webhook then settles the order.
 */
export async function requestRefund(services: Services, auth: AuthenticatedContext, orderId: string, input: RefundRequest) {
  return services.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new ProblemError('notFound', 'Commande introuvable.');
    const payments = await tx
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.status, 'succeeded'), sql`${paymentAttempts.amount} > 0`))
      .orderBy(desc(paymentAttempts.succeededAt));
    const inFlight = await tx
      .select({ paymentId: refunds.paymentId, total: sql<number>`sum(${refunds.amount})::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id), inArray(refunds.status, ['requested', 'pending'])))
      .groupBy(refunds.paymentId);
    const pendingOn = (paymentId: string) => inFlight.find((row) => row.paymentId === paymentId)?.total ?? 0;
    const candidates = payments.filter((p) => (input.paymentId ? p.id === input.paymentId : true));
    const payment = candidates.find((p) => refundableAmount({ paidAmount: p.amount, refundedAmount: p.refundedAmount }, pendingOn(p.id)) > 0);
    if (!payment) {
      throw new ProblemError('unprocessable', 'Rien à rembourser : aucun paiement encaissé ne garde de montant remboursable.', {
        errors: [{ field: input.paymentId ? 'body.paymentId' : 'body.amount', message: 'rien à rembourser' }],
      });
    }
    if (!payment.paymentIntentId) throw new ProblemError('conflict', 'Le prestataire n’a pas encore confirmé ce paiement : réessayez dans un instant.', { code: 'payment_not_confirmed' });
    const left = refundableAmount({ paidAmount: payment.amount, refundedAmount: payment.refundedAmount }, pendingOn(payment.id));
    const amount = input.amount ?? left;
    if (amount > left) {
      throw new ProblemError('validation', `Au plus ${left} (unités mineures) peuvent encore être remboursés sur ce paiement.`, { errors: [{ field: 'body.amount', message: `maximum ${left}` }], maximum: left });
    }
    const [refund] = await tx
      .insert(refunds)
      .values({ workspaceId: order.workspaceId, orderId: order.id, paymentId: payment.id, amount, reason: input.reason ?? null, requestedBy: actorLabel(auth) })
      .returning();
    await appendAudit(tx, auth, { action: 'create', tableName: 'payments.refund', recordId: refund!.id, companyId: order.companyId, after: refund! });
    await recordEvent(tx, { topic: REFUND_REQUESTED_TOPIC, payload: { refundId: refund!.id }, workspaceId: order.workspaceId, actor: actorLabel(auth), requestId: auth.requestId });
    return refund!;
  });
}
