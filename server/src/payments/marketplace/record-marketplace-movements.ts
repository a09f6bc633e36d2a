import { and, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { orders } from '../../sales/schema.ts';
import { splitRefund, splitSale } from '../rules/marketplace-split.ts';
import { merchantAccounts, merchantLedgerEntries, type paymentAttempts } from '../schema.ts';

type OrderRow = typeof orders.$inferSelect;
type PaymentRow = typeof paymentAttempts.$inferSelect;
export type MerchantAccountRow = typeof merchantAccounts.$inferSelect;

const DAY_MS = 86_400_000;

/**
 * Writes a marketplace order's movements on its merchant's balance (seed 000 B.2): for each payment collected, the sale,
 * the provider's fee and the platform's commission; for each rise of its refunded total, the share the merchant gives
 * back. Every movement has a source key, so running this again (another event, a replay) adds nothing twice.
 */
export async function recordMarketplaceMovements(tx: DbOrTx, order: OrderRow, payments: readonly PaymentRow[]): Promise<void> {
  const [merchant] = await tx.select().from(merchantAccounts).where(eq(merchantAccounts.companyId, order.merchantCompanyId!));
  if (!merchant) return;
  for (const payment of payments) {
    if (payment.status !== 'succeeded' || !payment.succeededAt || payment.amount === 0) continue;
    const sale = splitSale(payment.amount, merchant);
    const availableAt = new Date(payment.succeededAt.getTime() + merchant.payoutDelayDays * DAY_MS);
    const base = { workspaceId: order.workspaceId, merchantAccountId: merchant.id, orderId: order.id, currency: order.currency, availableAt };
    await tx
      .insert(merchantLedgerEntries)
      .values([
        { ...base, kind: 'sale', amount: sale.amount, sourceKey: `sale:${payment.id}`, description: `Vente ${order.number}` },
        { ...base, kind: 'provider_fee', amount: -sale.providerFee, sourceKey: `provider_fee:${payment.id}`, description: `Frais du prestataire de paiement ${order.number}` },
        { ...base, kind: 'platform_commission', amount: -sale.platformCommission, sourceKey: `platform_commission:${payment.id}`, description: `Commission plateforme ${order.number}` },
      ])
      .onConflictDoNothing({ target: merchantLedgerEntries.sourceKey });
    await recordRefundMovements(tx, order, merchant, payment, sale);
  }
}

async function recordRefundMovements(tx: DbOrTx, order: OrderRow, merchant: MerchantAccountRow, payment: PaymentRow, sale: ReturnType<typeof splitSale>): Promise<void> {
  if (payment.refundedAmount === 0) return;
  const recorded = await tx
    .select({ sourceKey: merchantLedgerEntries.sourceKey })
    .from(merchantLedgerEntries)
    .where(and(eq(merchantLedgerEntries.merchantAccountId, merchant.id), like(merchantLedgerEntries.sourceKey, `refund:${payment.id}:%`)));
  const refundedBefore = Math.max(0, ...recorded.map((row) => Number(row.sourceKey.split(':')[2])));
  if (payment.refundedAmount <= refundedBefore) return;
  const reversal = splitRefund(sale, refundedBefore, payment.refundedAmount, { reverseMerchantShare: merchant.refundReversesMerchantShare, returnCommission: merchant.refundReturnsCommission });
  const base = { workspaceId: order.workspaceId, merchantAccountId: merchant.id, orderId: order.id, currency: order.currency, availableAt: new Date() };
  const row = { ...base, kind: 'refund' as const, amount: reversal.merchantShareReversed, sourceKey: `refund:${payment.id}:${payment.refundedAmount}`, description: `Remboursement ${order.number}` };
  await tx.insert(merchantLedgerEntries).values(row).onConflictDoNothing({ target: merchantLedgerEntries.sourceKey });
}
