import type { MessageKey } from '../../i18n/fr.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { InvoiceSummary, InvoicingSettings, VatFranchise } from '../../invoicingApi.ts';
import { parseAmountToCents } from '../../money.ts';

// Pure helpers of the invoicing screens: what may still be credited, typed amounts, the list's page totals and the
// settings form. No React, unit-tested.

/** The credit notes issued against an invoice, among the documents of its order. */
export function creditNotesOf(invoiceId: string, documents: readonly InvoiceSummary[]): InvoiceSummary[] {
  return documents.filter((d) => d.kind === 'credit_note' && d.creditedInvoiceId === invoiceId);
}

/**
 * What an invoice may still be credited: its TTC less the credit notes already issued against it. Refunds asked but
 * not confirmed yet have no credit note; the server counts them and refuses beyond, on the amount field.
 */
export function creditableAmount(invoice: Pick<InvoiceSummary, 'id' | 'kind' | 'totalInclTax'>, documents: readonly InvoiceSummary[]): number {
  if (invoice.kind !== 'invoice') return 0;
  const credited = creditNotesOf(invoice.id, documents).reduce((sum, d) => sum + d.totalInclTax, 0);
  return Math.max(0, invoice.totalInclTax - credited);
}

/** The credit note's amount typed as decimal text → minor units, or why it is refused (a message key). */
export function parseCreditAmount(text: string, max: number): { amount: number } | { error: MessageKey } {
  const amount = parseAmountToCents(text);
  if (amount === null) return { error: 'creditNote.error.amount' };
  if (amount <= 0) return { error: 'creditNote.error.zero' };
  if (amount > max) return { error: 'creditNote.error.max' };
  return { amount };
}

export interface Totals {
  count: number;
  exclTax: number;
  tax: number;
  inclTax: number;
}

export interface CurrencyTotals {
  currency: string;
  invoices: Totals;
  creditNotes: Totals;
  /** Invoices less credit notes. */
  net: Omit<Totals, 'count'>;
}

const zero = (): Totals => ({ count: 0, exclTax: 0, tax: 0, inclTax: 0 });

/** The totals of the documents shown, per currency (never added across currencies), credit notes apart and deducted. */
export function pageTotals(items: readonly Pick<InvoiceSummary, 'kind' | 'currency' | 'totalExclTax' | 'totalTax' | 'totalInclTax'>[]): CurrencyTotals[] {
  const byCurrency = new Map<string, CurrencyTotals>();
  for (const item of items) {
    let entry = byCurrency.get(item.currency);
    if (!entry) {
      entry = { currency: item.currency, invoices: zero(), creditNotes: zero(), net: { exclTax: 0, tax: 0, inclTax: 0 } };
      byCurrency.set(item.currency, entry);
    }
    const bucket = item.kind === 'credit_note' ? entry.creditNotes : entry.invoices;
    const sign = item.kind === 'credit_note' ? -1 : 1;
    bucket.count += 1;
    bucket.exclTax += item.totalExclTax;
    bucket.tax += item.totalTax;
    bucket.inclTax += item.totalInclTax;
    entry.net.exclTax += sign * item.totalExclTax;
    entry.net.tax += sign * item.totalTax;
    entry.net.inclTax += sign * item.totalInclTax;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** 2000 → « 20 % », 550 → « 5,5 % » (« 5.5 % » in English). */
export function formatVatRate(bp: number, lang: Lang): string {
  return `${new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(bp / 100)} %`;
}

export interface SettingsForm {
  invoicePrefix: string;
  creditNotePrefix: string;
  legalMention: string;
  registration: string;
  iban: string;
  bic: string;
  vatFranchise: VatFranchise;
  paymentTermsDays: string;
}

export function settingsToForm(settings: InvoicingSettings): SettingsForm {
  return {
    invoicePrefix: settings.invoicePrefix,
    creditNotePrefix: settings.creditNotePrefix,
    legalMention: settings.legalMention ?? '',
    registration: settings.registration ?? '',
    iban: settings.iban ?? '',
    bic: settings.bic ?? '',
    vatFranchise: settings.vatFranchise,
    paymentTermsDays: String(settings.paymentTermsDays),
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
/** IBANs and BICs are typed with spaces and in any case; the server wants them compact and in capitals. */
const compactUpper = (text: string) => orNull(text.replace(/[\s\u00a0]/g, '').toUpperCase());

/**
 * The form → the API body. Only the number of days is checked here (the body needs a number); every other rule
 * (prefix shape, IBAN, BIC, lengths) is the server's, and its message lands on the field.
 */
export function settingsFromForm(form: SettingsForm): { body: InvoicingSettings } | { errors: { paymentTermsDays: MessageKey } } {
  const days = form.paymentTermsDays.trim();
  if (!/^\d{1,3}$/.test(days)) return { errors: { paymentTermsDays: 'invoicingSettings.error.days' } };
  return {
    body: {
      invoicePrefix: form.invoicePrefix.trim().toUpperCase(),
      creditNotePrefix: form.creditNotePrefix.trim().toUpperCase(),
      legalMention: orNull(form.legalMention),
      registration: orNull(form.registration),
      iban: compactUpper(form.iban),
      bic: compactUpper(form.bic),
      vatFranchise: form.vatFranchise,
      paymentTermsDays: Number(days),
    },
  };
}
