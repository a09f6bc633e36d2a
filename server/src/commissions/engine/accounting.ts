/**
 * The journal entries commissions (and the revenue they come from) would produce, per seed 003 Annex F:
 *  - internal revenue (§4.1): D 411 client TTC / C 706 HT / C 4457 TVA, VAT per line (HT × rate, half-up);
 *  - commission received from a partner (§4.2, no VAT): D 467 partner / C 756 (709 on request) for the company's
 *    whole commission; a clawback is the same entry with negative amounts (§5 « écriture négative »);
 *  - shares for people (§5 « primes/malus commerciaux : 641 »): D 641 / C 421 for salesperson and manager shares,
 *    bonuses and malus;
 *  - shares for a partner (rétrocommission) or the platform: fees, D 628 / C 401.
 * Every entry is built from pairs of equal amounts, so debit = credit by construction.
 */
import type { CommissionLine, CommissionMode } from './contract.ts';
import type { LocalDate } from './dates.ts';
import { Dec, roundCommission } from './money.ts';

export interface AccountingPlan {
  revenue: string;
  commissionIncome: string;
  partnerReceivable: string;
  customer: string;
  vatCollected: string;
  personnel: string;
  personnelPayable: string;
  fees: string;
  suppliers: string;
}

/** Defaults from Annex F (706xxx services, 756200 as in its examples, 4457xx, 641xxx, 628xxx). */
export const DEFAULT_ACCOUNTS: AccountingPlan = {
  revenue: '706100',
  commissionIncome: '756200',
  partnerReceivable: '467000',
  customer: '411000',
  vatCollected: '445710',
  personnel: '641100',
  personnelPayable: '421000',
  fees: '628100',
  suppliers: '401000',
};

export type EntryType = 'CA' | 'Commission' | 'Frais' | 'TVA';

export interface EntryLine {
  account: string;
  type: EntryType | 'Tiers';
  debit: number;
  credit: number;
  vat: number;
  vatRateBp: number;
}

export interface JournalEntry {
  date: LocalDate;
  journal: 'VENTE' | 'ACHAT' | 'OD';
  label: string;
  saleId: string | null;
  lines: EntryLine[];
}

const line = (account: string, type: EntryLine['type'], debit: number, credit: number, vat = 0, vatRateBp = 0): EntryLine => ({ account, type, debit, credit, vat, vatRateBp });

/** Revenue of a sale, HT with its VAT computed here: D customer TTC = C revenue HT + C VAT. */
export function revenueEntry(date: LocalDate, saleId: string | null, amountExclTax: number, vatRateBp: number, accounts: AccountingPlan = DEFAULT_ACCOUNTS, label = 'Vente'): JournalEntry {
  const vat = roundCommission(new Dec(amountExclTax).times(vatRateBp).div(10_000));
  return {
    date,
    journal: 'VENTE',
    label,
    saleId,
    lines: [
      line(accounts.customer, 'Tiers', amountExclTax + vat, 0),
      line(accounts.revenue, 'CA', 0, amountExclTax, vat, vatRateBp),
      line(accounts.vatCollected, 'TVA', 0, vat, vat, vatRateBp),
    ],
  };
}

/** Revenue of a price written TTC (Depanssur's 100 €): HT = round(TTC / (1 + rate)), VAT = TTC − HT. */
export function revenueEntryInclTax(date: LocalDate, saleId: string | null, amountInclTax: number, vatRateBp: number, accounts: AccountingPlan = DEFAULT_ACCOUNTS, label = 'Vente'): JournalEntry {
  const ht = roundCommission(new Dec(amountInclTax).times(10_000).div(10_000 + vatRateBp));
  const vat = amountInclTax - ht;
  return {
    date,
    journal: 'VENTE',
    label,
    saleId,
    lines: [line(accounts.customer, 'Tiers', amountInclTax, 0), line(accounts.revenue, 'CA', 0, ht, vat, vatRateBp), line(accounts.vatCollected, 'TVA', 0, vat, vat, vatRateBp)],
  };
}

/**
 * Entries for commission lines: the partner's commission to the company (commission-only and mixed premium schemes),
 * then what is owed to people (641) and to partners or the platform (628). `mode` tells whether the commission is
 * income received from a partner (`commission_only`, or `mixed` on a premium) or a cost on our own revenue.
 */
export function commissionEntries(lines: readonly CommissionLine[], mode: CommissionMode, incomeFromPartner: boolean, accounts: AccountingPlan = DEFAULT_ACCOUNTS): JournalEntry[] {
  const entries: JournalEntry[] = [];
  const income = mode === 'commission_only' || (mode === 'mixed' && incomeFromPartner);
  // The commission received is the whole commission of each event, once (not once per beneficiary).
  if (income) {
    const seen = new Set<string>();
    for (const l of lines) {
      if (l.kind !== 'commission' && l.kind !== 'renewal' && l.kind !== 'clawback') continue;
      const key = `${l.saleId}|${l.kind}|${l.eventDate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const what = l.kind === 'clawback' ? 'Clawback commission' : 'Commission partenaire';
      entries.push({
        date: l.eventDate,
        journal: 'VENTE',
        label: `${what} ${l.saleId ?? ''}`.trim(),
        saleId: l.saleId,
        lines: [line(accounts.partnerReceivable, 'Tiers', l.commission, 0), line(accounts.commissionIncome, 'Commission', 0, l.commission)],
      });
    }
  }
  for (const l of lines) {
    if (l.amount === 0 || l.role === 'company') continue;
    const people = l.role === 'salesperson' || l.role === 'manager';
    entries.push({
      date: l.eventDate,
      journal: people ? 'OD' : 'ACHAT',
      label: `${l.kind === 'bonus' ? 'Prime' : l.kind === 'malus' ? 'Malus' : l.kind === 'clawback' ? 'Clawback' : 'Commission'} ${l.role}${l.beneficiary ? ` ${l.beneficiary}` : ''}${l.saleId ? ` ${l.saleId}` : ''}`,
      saleId: l.saleId,
      lines: people
        ? [line(accounts.personnel, 'Commission', l.amount, 0), line(accounts.personnelPayable, 'Tiers', 0, l.amount)]
        : [line(accounts.fees, 'Frais', l.amount, 0), line(accounts.suppliers, 'Tiers', 0, l.amount)],
    });
  }
  return entries;
}

export function entryTotals(entry: JournalEntry): { debit: number; credit: number } {
  return entry.lines.reduce((t, l) => ({ debit: t.debit + l.debit, credit: t.credit + l.credit }), { debit: 0, credit: 0 });
}
