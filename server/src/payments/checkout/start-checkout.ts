import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import { customers, orderLines, type orders } from '../../sales/schema.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { METADATA } from '../provider/provider-event.ts';
import { checkoutLines } from '../rules/checkout-lines.ts';
import { splitSale } from '../rules/marketplace-split.ts';
import { merchantAccounts, paymentAttempts } from '../schema.ts';
import { lockOrder, orderPageUrl, type SettlementCause, settleOrder } from '../settlement/settle-order.ts';

type OrderRow = typeof orders.$inferSelect;

export type CheckoutStart = { kind: 'redirect'; url: string; paymentId: string } | { kind: 'settled'; order: OrderRow };

/**
 * The customer's "Pay" (seed 004 §3): a free order is confirmed at once without a provider (the free mandate); otherwise
 * a checkout is opened with the provider. Clicking twice returns the same open checkout; the provider call carries an
 * idempotency key derived from the payment row, so a retry after a crash reuses the session instead of making a second.
 */
export async function startCheckout(services: Services, orderId: string, cause: SettlementCause): Promise<CheckoutStart> {
  const provider = paymentProvider(services);
  const prepared = await services.db.transaction(async (tx) => {
    const order = (await lockOrder(tx, orderId))!;
    if (order.paidAt) return { kind: 'settled' as const, order };
    if (order.cancelledAt) throw new ProblemError('conflict', 'Cette commande est annulée.', { code: 'order_cancelled' });
    if (order.totalInclTax === 0) {
      await tx.insert(paymentAttempts).values({
        workspaceId: order.workspaceId,
        orderId: order.id,
        provider: 'none',
        kind: 'free',
        status: 'succeeded',
        amount: 0,
        currency: order.currency,
        idempotencyKey: `free:${order.id}`,
        succeededAt: services.clock.now(),
      }).onConflictDoNothing();
      return { kind: 'settled' as const, order: await settleOrder(tx, services, order.id, cause) };
    }
    const [open] = await tx
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.kind, 'checkout'), eq(paymentAttempts.status, 'pending'), eq(paymentAttempts.provider, provider.name)));
    const payment =
      open ??
      (
        await tx
          .insert(paymentAttempts)
          .values((() => {
            const id = uuidv7();
            return { id, workspaceId: order.workspaceId, orderId: order.id, provider: provider.name, kind: 'checkout' as const, amount: order.totalInclTax, currency: order.currency, idempotencyKey: `checkout:${id}` };
          })())
          .returning()
      )[0]!;
    if (!open) await settleOrder(tx, services, order.id, cause); // draft → awaiting payment
    const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.position);
    const [merchant] = order.merchantCompanyId ? await tx.select().from(merchantAccounts).where(eq(merchantAccounts.companyId, order.merchantCompanyId)) : [];
    if (order.merchantCompanyId && (!merchant?.providerAccountId || !merchant.chargesEnabled)) {
      throw new ProblemError('conflict', 'Le marchand n’a pas terminé son inscription auprès du prestataire de paiement.', { code: 'merchant_not_ready' });
    }
    return { kind: 'checkout' as const, order, payment, customer: customer!, lines, merchant };
  });
  if (prepared.kind === 'settled') return prepared;
  const { order, payment, customer, lines, merchant } = prepared;
  if (payment.checkoutUrl) return { kind: 'redirect', url: payment.checkoutUrl, paymentId: payment.id };

  const pageUrl = orderPageUrl(services, order);
  const session = await provider.createCheckout({
    mode: order.kind === 'subscription' ? 'subscription' : 'payment',
    currency: order.currency,
    lines: checkoutLines(order.number, lines),
    ...(order.kind === 'subscription' ? { recurring: { interval: order.interval!, intervalCount: order.intervalCount ?? 1 } } : {}),
    customer: { email: customer.email, name: customer.name, providerCustomerId: customer.providerCustomerId },
    successUrl: order.successUrl ?? `${pageUrl}?paiement=ok`,
    cancelUrl: order.cancelUrl ?? `${pageUrl}?paiement=annule`,
    metadata: { [METADATA.orderId]: order.id, [METADATA.workspaceId]: order.workspaceId, [METADATA.paymentId]: payment.id },
    ...(merchant ? { destination: { accountId: merchant.providerAccountId!, applicationFeeAmount: applicationFee(order.totalInclTax, merchant) } } : {}),
    idempotencyKey: payment.idempotencyKey,
  });
  await services.db
    .update(paymentAttempts)
    .set({ checkoutSessionId: session.id, checkoutUrl: session.url, updatedAt: new Date() })
    .where(eq(paymentAttempts.id, payment.id));
  return { kind: 'redirect', url: session.url, paymentId: payment.id };
}

/** On a destination charge the platform's fee must cover the provider's fee too: Stripe takes it from the platform. */
function applicationFee(amount: number, merchant: typeof merchantAccounts.$inferSelect): number {
  const split = splitSale(amount, merchant);
  return split.providerFee + split.platformCommission;
}
