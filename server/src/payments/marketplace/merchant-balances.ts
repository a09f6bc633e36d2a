import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { merchantLedgerEntries } from '../schema.ts';

export interface MerchantBalance {
  /** Movements still inside the payout delay. */
  pending: number;
  /** Movements past the delay, not yet paid out. */
  available: number;
  /** Paid out so far (positive). */
  paid: number;
}

/** A merchant's three balances at `now`, summed by the database from its ledger. */
export async function merchantBalance(db: DbOrTx, merchantAccountId: string, now: Date): Promise<MerchantBalance> {
  const [row] = await db
    .select({
      pending: sql<number>`coalesce(sum(${merchantLedgerEntries.amount}) filter (where ${merchantLedgerEntries.kind} <> 'payout' and ${merchantLedgerEntries.payoutId} is null and ${merchantLedgerEntries.availableAt} > ${now}), 0)::int`,
      available: sql<number>`coalesce(sum(${merchantLedgerEntries.amount}) filter (where ${merchantLedgerEntries.kind} <> 'payout' and ${merchantLedgerEntries.payoutId} is null and ${merchantLedgerEntries.availableAt} <= ${now}), 0)::int`,
      paid: sql<number>`coalesce(-sum(${merchantLedgerEntries.amount}) filter (where ${merchantLedgerEntries.kind} = 'payout'), 0)::int`,
    })
    .from(merchantLedgerEntries)
    .where(eq(merchantLedgerEntries.merchantAccountId, merchantAccountId));
  return { pending: Number(row!.pending), available: Number(row!.available), paid: Number(row!.paid) };
}

/** The movements a payout takes: available and not yet paid out. */
export function availableMovements(merchantAccountId: string, now: Date) {
  return and(
    eq(merchantLedgerEntries.merchantAccountId, merchantAccountId),
    isNull(merchantLedgerEntries.payoutId),
    lte(merchantLedgerEntries.availableAt, now),
    sql`${merchantLedgerEntries.kind} <> 'payout'`,
  );
}
