import { and, eq, inArray, like } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { JournalCode } from '../rules/accounts.ts';
import type { LineKind, PostingEntry } from '../rules/entries.ts';
import { ledgerEntries, ledgerLines } from '../schema.ts';
import { type PostedEntry, postEntry } from './post-entry.ts';

/**
 * Posts the mirror (debit ↔ credit) of every entry whose source key starts with `prefix`, once each (source key
 * `reversal:<original>`): how a posted fact that changed is taken back in an append-only ledger (Annex F §5).
 */
export async function reverseEntries(tx: DbOrTx, scope: { workspaceId: string; companyId: string }, prefix: string, date?: string): Promise<PostedEntry[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const entries = await tx.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, scope.workspaceId), like(ledgerEntries.sourceKey, `${escaped}%`)));
  if (entries.length === 0) return [];
  const lines = await tx.select().from(ledgerLines).where(inArray(ledgerLines.entryId, entries.map((e) => e.id)));
  const posted: PostedEntry[] = [];
  for (const entry of entries) {
    const mirror: PostingEntry = {
      journal: entry.journal as JournalCode,
      date: date ?? entry.entryDate,
      label: `Annulation ${entry.number} ${entry.label}`.slice(0, 200),
      sourceKey: `reversal:${entry.sourceKey}`,
      pieceRef: entry.number,
      currency: entry.currency,
      productSku: entry.productSku,
      partnerName: entry.partnerName,
      contractRef: entry.contractRef,
      customerRef: entry.customerRef,
      lines: lines
        .filter((l) => l.entryId === entry.id)
        .sort((a, b) => a.position - b.position)
        .map((l) => ({ account: l.account, auxAccount: l.auxAccount, auxLabel: l.auxLabel, kind: l.kind as LineKind, label: `Annulation ${l.label}`.slice(0, 200), debit: l.credit, credit: l.debit, vatAmount: -l.vatAmount, vatRateBp: l.vatRateBp, costCenter: l.costCenter })),
    };
    posted.push(await postEntry(tx, scope, mirror));
  }
  return posted;
}
