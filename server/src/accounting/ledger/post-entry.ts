import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { nextNumber } from '../../platform/db/next-number.ts';
import { finalize, type PostingEntry } from '../rules/entries.ts';
import { ledgerEntries, ledgerLines } from '../schema.ts';

export interface PostedEntry {
  id: string;
  number: string;
  created: boolean;
}

export function entryNumber(journal: string, year: number, sequence: number): string {
  return `${journal}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Posts a balanced entry once per source key, in the caller's transaction.
 *  - Idempotent: a transaction-scoped advisory lock on (workspace, source key) serialises two deliveries of the same
 *    fact; the second finds the entry and posts nothing (and takes no number, so no gap).
 *  - Balanced by construction: `finalize` refuses an unbalanced posting before anything is written, and the deferred
 *    constraint trigger `accounting.entry_balanced` checks again at commit that the stored lines add up (custom SQL).
 *  - Numbered gap-free per company, journal and year: the counter row stays locked until commit, and a rollback gives
 *    the number back.
 */
export async function postEntry(tx: DbOrTx, scope: { workspaceId: string; companyId: string }, posting: PostingEntry): Promise<PostedEntry> {
  const entry = finalize(posting);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`accounting:${scope.workspaceId}:${entry.sourceKey}`}, 0))`);
  const [existing] = await tx
    .select({ id: ledgerEntries.id, number: ledgerEntries.number })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, scope.workspaceId), eq(ledgerEntries.sourceKey, entry.sourceKey)));
  if (existing) return { ...existing, created: false };
  const year = Number(entry.date.slice(0, 4));
  const sequence = await nextNumber(tx, { scopeId: scope.companyId, kind: `ledger:${entry.journal}`, year });
  const number = entryNumber(entry.journal, year, sequence);
  const total = entry.lines.reduce((sum, line) => sum + line.debit, 0);
  const [created] = await tx
    .insert(ledgerEntries)
    .values({
      workspaceId: scope.workspaceId,
      companyId: scope.companyId,
      journal: entry.journal,
      year,
      sequence,
      number,
      entryDate: entry.date,
      label: entry.label.slice(0, 200),
      sourceKey: entry.sourceKey,
      pieceRef: entry.pieceRef,
      currency: entry.currency,
      productSku: entry.productSku ?? null,
      partnerName: entry.partnerName ?? null,
      contractRef: entry.contractRef ?? null,
      customerRef: entry.customerRef ?? null,
      totalDebit: total,
      totalCredit: total,
    })
    .returning({ id: ledgerEntries.id });
  await tx.insert(ledgerLines).values(
    entry.lines.map((line, index) => ({
      workspaceId: scope.workspaceId,
      companyId: scope.companyId,
      entryId: created!.id,
      position: index + 1,
      entryDate: entry.date,
      journal: entry.journal,
      account: line.account,
      auxAccount: line.auxAccount ?? null,
      auxLabel: line.auxLabel ?? null,
      kind: line.kind,
      label: line.label.slice(0, 200),
      debit: line.debit,
      credit: line.credit,
      vatAmount: line.vatAmount,
      vatRateBp: line.vatRateBp,
      costCenter: line.costCenter ?? null,
    })),
  );
  return { id: created!.id, number, created: true };
}
