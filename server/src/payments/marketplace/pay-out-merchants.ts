import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ScheduledTask } from '../../platform/jobs/job-system.ts';
import type { Services } from '../../platform/services.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import type { SettlementCause } from '../settlement/settle-order.ts';
import { merchantAccounts, merchantLedgerEntries, payouts } from '../schema.ts';
import { availableMovements } from './merchant-balances.ts';

const SCHEDULED_PAYOUT: SettlementCause = { auth: { kind: 'anonymous', requestId: 'payouts' }, actorLabel: 'system:payouts' };

/**
 * Pays each merchant its available balance (seed 000 B.2: J+2 to J+7 after the sale, per merchant). The movements taken
 * are marked with the payout in the same transaction that records it, so a movement is paid once. With destination
 * charges the money already sits on the merchant's connected account (the provider pays it out on its own schedule):
 * the payout is bookkeeping. With separate transfers (and on the sandbox) a transfer is made, with a key per payout.
 */
export async function payOutMerchants(services: Services, merchantAccountId?: string, cause: SettlementCause = SCHEDULED_PAYOUT): Promise<{ payouts: number; amount: number }> {
  const now = services.clock.now();
  const merchants = await services.db
    .select()
    .from(merchantAccounts)
    .where(and(eq(merchantAccounts.payoutsEnabled, true), merchantAccountId ? eq(merchantAccounts.id, merchantAccountId) : sql`true`));
  let made = 0;
  let total = 0;
  for (const merchant of merchants) {
    const payout = await services.db.transaction(async (tx) => {
      await tx.select().from(merchantAccounts).where(eq(merchantAccounts.id, merchant.id)).for('update');
      const movements = await tx.select().from(merchantLedgerEntries).where(availableMovements(merchant.id, now)).for('update');
      const byCurrency = new Map<'EUR' | 'CHF', typeof movements>();
      for (const movement of movements) byCurrency.set(movement.currency, [...(byCurrency.get(movement.currency) ?? []), movement]);
      const created = [];
      for (const [currency, rows] of byCurrency) {
        const amount = rows.reduce((sum, row) => sum + row.amount, 0);
        if (amount <= 0) continue; // a negative balance waits for the next sales
        const [row] = await tx.insert(payouts).values({ workspaceId: merchant.workspaceId, merchantAccountId: merchant.id, amount, currency }).returning();
        await tx
          .update(merchantLedgerEntries)
          .set({ payoutId: row!.id })
          .where(sql`${merchantLedgerEntries.id} in (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)})`);
        await tx.insert(merchantLedgerEntries).values({
          workspaceId: merchant.workspaceId,
          merchantAccountId: merchant.id,
          kind: 'payout',
          amount: -amount,
          currency,
          sourceKey: `payout:${row!.id}`,
          availableAt: now,
          payoutId: row!.id,
          description: `Versement du ${now.toISOString().slice(0, 10)}`,
        });
        await appendAudit(tx, cause.auth, { action: 'create', tableName: 'payments.payout', recordId: row!.id, companyId: merchant.companyId, after: row! }, { workspaceId: merchant.workspaceId, actorLabel: cause.actorLabel });
        created.push(row!);
      }
      return created;
    });
    for (const row of payout) {
      made++;
      total += row.amount;
    }
    // New payouts and earlier ones whose transfer failed: the same idempotency key makes a retry safe.
    const unpaid = await services.db.select().from(payouts).where(and(eq(payouts.merchantAccountId, merchant.id), inArray(payouts.status, ['pending', 'failed'])));
    for (const row of unpaid) await transferPayout(services, merchant, row);
  }
  return { payouts: made, amount: total };
}

export const payOutMerchantsTask: ScheduledTask = { name: 'payments.pay-out-merchants', cron: '0 6 * * *', run: (services) => payOutMerchants(services) };

async function transferPayout(services: Services, merchant: typeof merchantAccounts.$inferSelect, row: typeof payouts.$inferSelect): Promise<void> {
  const transfers = services.config.payments.kind === 'sandbox' || services.config.STRIPE_CONNECT_CHARGES === 'separate_transfers';
  try {
    const transfer = transfers
      ? await paymentProvider(services).createTransfer({
          accountId: merchant.providerAccountId!,
          amount: row.amount,
          currency: row.currency,
          description: `Comptoir payout ${row.id}`,
          metadata: { comptoir_payout_id: row.id },
          idempotencyKey: `payout:${row.id}`,
        })
      : null;
    await services.db.update(payouts).set({ status: 'paid', providerTransferId: transfer?.id ?? null, failureMessage: null, updatedAt: new Date() }).where(eq(payouts.id, row.id));
  } catch (error) {
    services.log.warn({ err: error, payout: row.id }, 'payout transfer failed; retried at the next run');
    await services.db
      .update(payouts)
      .set({ status: 'failed', failureMessage: error instanceof Error ? error.message.slice(0, 500) : 'failed', updatedAt: new Date() })
      .where(eq(payouts.id, row.id));
  }
}
