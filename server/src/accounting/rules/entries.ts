import type { JournalEntry } from '../../commissions/engine/index.ts';
import type { AccountPlan, JournalCode } from './accounts.ts';

/**
 * What the ledger posts: an entry of lines, each on one side only, non-negative. Builders here are pure; the engine's
 * Annex F builders (revenueEntry, commissionEntries) are converted with `fromEngineEntry` rather than rewritten.
 */
export type LineKind = 'CA' | 'Commission' | 'Frais' | 'TVA' | 'Tiers' | 'Tresorerie';

export interface PostingLine {
  account: string;
  auxAccount?: string | null;
  auxLabel?: string | null;
  kind: LineKind;
  label: string;
  debit: number;
  credit: number;
  vatAmount: number;
  vatRateBp: number;
  costCenter?: string | null;
}

export interface PostingEntry {
  journal: JournalCode;
  date: string;
  label: string;
  sourceKey: string;
  pieceRef: string;
  currency: string;
  productSku?: string | null;
  partnerName?: string | null;
  contractRef?: string | null;
  customerRef?: string | null;
  lines: PostingLine[];
}

export class UnbalancedEntryError extends Error {
  constructor(
    readonly sourceKey: string,
    readonly debit: number,
    readonly credit: number,
  ) {
    super(`Entry ${sourceKey} does not balance: debit ${debit} ≠ credit ${credit}`);
    this.name = 'UnbalancedEntryError';
  }
}

/**
 * A signed amount on an account: positive on its natural side, negative flips to the other side (Annex F §5: a
 * clawback or a credit note is the same entry reversed). Zero amounts produce no line.
 */
export function signedLine(side: 'debit' | 'credit', amount: number, rest: Omit<PostingLine, 'debit' | 'credit' | 'vatAmount' | 'vatRateBp'> & { vatAmount?: number; vatRateBp?: number }): PostingLine | null {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Amount ${amount} is not an integer of minor units`);
  if (amount === 0) return null;
  const onDebit = (side === 'debit') === amount > 0;
  const abs = Math.abs(amount);
  const vat = rest.vatAmount ?? 0;
  return { ...rest, vatAmount: amount > 0 ? vat : -vat, vatRateBp: rest.vatRateBp ?? 0, debit: onDebit ? abs : 0, credit: onDebit ? 0 : abs };
}

export function totals(lines: readonly PostingLine[]): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    debit += line.debit;
    credit += line.credit;
  }
  return { debit, credit };
}

/** Drops empty lines and refuses an entry that does not balance or has a line on both sides or negative. */
export function finalize(entry: Omit<PostingEntry, 'lines'> & { lines: (PostingLine | null)[] }): PostingEntry {
  const lines = entry.lines.filter((line): line is PostingLine => line !== null);
  for (const line of lines) {
    if (line.debit < 0 || line.credit < 0 || (line.debit === 0) === (line.credit === 0)) throw new RangeError(`Line ${line.account} of ${entry.sourceKey} must have exactly one positive side`);
  }
  const sum = totals(lines);
  if (sum.debit !== sum.credit) throw new UnbalancedEntryError(entry.sourceKey, sum.debit, sum.credit);
  return { ...entry, lines };
}

const ENGINE_JOURNAL: Record<JournalEntry['journal'], JournalCode> = { VENTE: 'VE', ACHAT: 'AC', OD: 'OD' };

/** The engine's Annex F entry (signed amounts, lines with both columns) as a posting. */
export function fromEngineEntry(entry: JournalEntry, meta: Pick<PostingEntry, 'sourceKey' | 'pieceRef' | 'currency'> & Partial<PostingEntry>): PostingEntry {
  return finalize({
    journal: ENGINE_JOURNAL[entry.journal],
    date: entry.date,
    label: entry.label,
    ...meta,
    lines: entry.lines.map((line) => {
      const rest = { account: line.account, kind: line.type as LineKind, label: entry.label, vatRateBp: line.vatRateBp };
      // An engine line carries one signed column; a clawback has negative amounts.
      return line.debit !== 0 ? signedLine('debit', line.debit, { ...rest, vatAmount: line.vat }) : signedLine('credit', line.credit, { ...rest, vatAmount: line.vat });
    }),
  });
}

export interface InvoiceFacts {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  currency: string;
  customerId: string;
  customerName: string;
  orderId: string;
  productSku?: string | null;
  /** From the invoice's VAT breakdown: HT and VAT per rate. */
  vat: { vatRateBp: number; taxableAmount: number; taxAmount: number }[];
  totalInclTax: number;
}

/**
 * An invoice: D 411 (customer) TTC / C 706 HT per rate / C 4457 VAT per rate (Annex F §4.1). A credit note is the same
 * entry reversed (§5 « Avoirs : écritures inversées »). The 706 line carries its VAT for the CSV's TVA column.
 */
export function invoiceEntry(facts: InvoiceFacts, plan: AccountPlan, revenueAccount = plan.revenue, costCenter: string | null = null): PostingEntry {
  const sign = facts.kind === 'credit_note' ? -1 : 1;
  const what = facts.kind === 'credit_note' ? 'Avoir' : 'Facture';
  const label = `${what} ${facts.number} ${facts.customerName}`.slice(0, 200);
  const aux = customerAuxiliary(facts.customerId, facts.customerName);
  const lines: (PostingLine | null)[] = [signedLine('debit', sign * facts.totalInclTax, { account: plan.customer, ...aux, kind: 'Tiers', label })];
  for (const rate of facts.vat) {
    lines.push(signedLine('credit', sign * rate.taxableAmount, { account: revenueAccount, kind: 'CA', label, vatAmount: rate.taxAmount, vatRateBp: rate.vatRateBp, costCenter }));
    lines.push(signedLine('credit', sign * rate.taxAmount, { account: plan.vatCollected, kind: 'TVA', label, vatAmount: rate.taxAmount, vatRateBp: rate.vatRateBp }));
  }
  return finalize({
    journal: 'VE',
    date: facts.issueDate,
    label,
    sourceKey: `invoice:${facts.number}`,
    pieceRef: facts.number,
    currency: facts.currency,
    productSku: facts.productSku ?? null,
    contractRef: facts.orderId,
    customerRef: facts.customerId,
    lines,
  });
}

/**
 * The customer's auxiliary account on the 411 lines (FEC CompAuxNum / CompAuxLib): « C » and the first 12 hex digits
 * of the customer id, the same on the invoice and on its payments so they letter together.
 */
export function customerAuxiliary(customerId: string, customerName: string): { auxAccount: string; auxLabel: string } {
  return { auxAccount: `C${customerId.replace(/-/g, '').slice(0, 12).toUpperCase()}`, auxLabel: customerName };
}

export interface PaymentFacts {
  paymentId: string;
  date: string;
  amount: number;
  currency: string;
  provider: string;
  customerId: string;
  customerName: string;
  orderId: string;
  orderNumber: string;
  productSku?: string | null;
}

/** A collected payment: the provider holds it for us: D 511 provider clearing / C 411 customer (bank journal). */
export function paymentEntry(facts: PaymentFacts, plan: AccountPlan): PostingEntry {
  const label = `Encaissement ${facts.provider} ${facts.orderNumber}`;
  const aux = customerAuxiliary(facts.customerId, facts.customerName);
  return finalize({
    journal: 'BQ',
    date: facts.date,
    label,
    sourceKey: `payment:${facts.paymentId}`,
    pieceRef: facts.orderNumber,
    currency: facts.currency,
    productSku: facts.productSku ?? null,
    contractRef: facts.orderId,
    customerRef: facts.customerId,
    lines: [signedLine('debit', facts.amount, { account: plan.providerClearing, kind: 'Tresorerie', label }), signedLine('credit', facts.amount, { account: plan.customer, ...aux, kind: 'Tiers', label })],
  });
}

/** A refund of `amount` (the rise of the refunded total): the payment entry reversed, keyed by the new refunded total. */
export function refundEntry(facts: PaymentFacts & { refundedAfter: number }, plan: AccountPlan): PostingEntry {
  const entry = paymentEntry({ ...facts, amount: -facts.amount }, plan);
  const label = `Remboursement ${facts.provider} ${facts.orderNumber}`;
  return { ...entry, label, sourceKey: `refund:${facts.paymentId}:${facts.refundedAfter}`, lines: entry.lines.map((line) => ({ ...line, label })) };
}

/**
 * A payment provider's fee (Annex F §4.3): D 627 HT / D 4456 deductible VAT / C 511 provider clearing (the provider
 * keeps it from what it pays out). `vatRateBp` is the supplier's VAT on its fee (0 for Stripe's EU fees reverse-charged).
 */
export function providerFeeEntry(facts: { sourceKey: string; date: string; provider: string; feeExclTax: number; vatRateBp: number; currency: string; pieceRef: string; productSku?: string | null; contractRef?: string | null }, plan: AccountPlan): PostingEntry {
  const vat = Math.round((facts.feeExclTax * facts.vatRateBp) / 10_000);
  const label = `Frais ${facts.provider} ${facts.pieceRef}`;
  return finalize({
    journal: 'BQ',
    date: facts.date,
    label,
    sourceKey: facts.sourceKey,
    pieceRef: facts.pieceRef,
    currency: facts.currency,
    productSku: facts.productSku ?? `PSP-${facts.provider}`,
    partnerName: facts.provider,
    contractRef: facts.contractRef ?? null,
    lines: [
      signedLine('debit', facts.feeExclTax, { account: plan.bankFees, kind: 'Frais', label, vatAmount: vat, vatRateBp: facts.vatRateBp }),
      signedLine('debit', vat, { account: plan.vatDeductible, kind: 'TVA', label, vatAmount: vat, vatRateBp: facts.vatRateBp }),
      signedLine('credit', facts.feeExclTax + vat, { account: plan.providerClearing, kind: 'Tresorerie', label }),
    ],
  });
}

/** A provider payout to our bank account: D 512 bank / C 511 provider clearing. */
export function payoutEntry(facts: { sourceKey: string; date: string; amount: number; currency: string; provider: string; pieceRef: string }, plan: AccountPlan): PostingEntry {
  const label = `Virement ${facts.provider} ${facts.pieceRef}`;
  return finalize({
    journal: 'BQ',
    date: facts.date,
    label,
    sourceKey: facts.sourceKey,
    pieceRef: facts.pieceRef,
    currency: facts.currency,
    lines: [signedLine('debit', facts.amount, { account: plan.bank, kind: 'Tresorerie', label }), signedLine('credit', facts.amount, { account: plan.providerClearing, kind: 'Tresorerie', label })],
  });
}
