import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from '../src/api.ts';
import { invoicingEn } from '../src/i18n/invoicing.en.ts';
import { invoicingFr } from '../src/i18n/invoicing.fr.ts';
import type { InvoiceSummary } from '../src/invoicingApi.ts';
import { creditableAmount, creditNotesOf, formatVatRate, pageTotals, parseCreditAmount, settingsFromForm, settingsToForm } from '../src/pages/invoicing/invoicingForms.ts';

const doc = (over: Partial<InvoiceSummary>): InvoiceSummary => ({
  id: 'inv-1',
  companyId: 'c',
  kind: 'invoice',
  number: 'F-2026-000001',
  issueDate: '2026-11-24',
  orderId: 'o',
  creditedInvoiceId: null,
  currency: 'EUR',
  totalExclTax: 8_333,
  totalTax: 1_667,
  totalInclTax: 10_000,
  status: 'sent',
  pdfSha256: 'x',
  xmlSha256: 'y',
  sentAt: null,
  sentTo: null,
  ...over,
});

describe('what an invoice may still be credited', () => {
  const invoice = doc({});
  const credit = (id: string, inclTax: number, creditedInvoiceId = 'inv-1') =>
    doc({ id, kind: 'credit_note', number: `AV-${id}`, creditedInvoiceId, totalInclTax: inclTax, totalExclTax: 0, totalTax: 0 });

  it('is the TTC less the credit notes issued against it, never below zero', () => {
    expect(creditableAmount(invoice, [])).toBe(10_000);
    const related = [credit('a', 4_000), credit('b', 1_500), credit('c', 9_999, 'another-invoice'), doc({ id: 'renewal', number: 'F-2026-000002' })];
    expect(creditNotesOf('inv-1', related).map((d) => d.id)).toEqual(['a', 'b']);
    expect(creditableAmount(invoice, related)).toBe(4_500);
    expect(creditableAmount(invoice, [credit('a', 10_000), credit('b', 1)])).toBe(0);
  });
  it('is nothing for a credit note', () => {
    expect(creditableAmount(credit('a', 4_000), [])).toBe(0);
  });
  it('parses the typed amount exactly and refuses zero, junk and more than the maximum', () => {
    expect(parseCreditAmount('40,00', 10_000)).toEqual({ amount: 4_000 });
    expect(parseCreditAmount('0.07', 10_000)).toEqual({ amount: 7 });
    expect(parseCreditAmount('100', 10_000)).toEqual({ amount: 10_000 });
    expect(parseCreditAmount('100,01', 10_000)).toEqual({ error: 'creditNote.error.max' });
    expect(parseCreditAmount('0', 10_000)).toEqual({ error: 'creditNote.error.zero' });
    expect(parseCreditAmount('12,345', 10_000)).toEqual({ error: 'creditNote.error.amount' });
    expect(parseCreditAmount('-5', 10_000)).toEqual({ error: 'creditNote.error.amount' });
  });
});

describe('the totals of a page of documents', () => {
  it('adds per currency, credit notes apart and deducted from the net', () => {
    const totals = pageTotals([
      doc({}),
      doc({ id: '2', totalExclTax: 2_417, totalTax: 483, totalInclTax: 2_900 }),
      doc({ id: '3', kind: 'credit_note', totalExclTax: 3_333, totalTax: 667, totalInclTax: 4_000 }),
      doc({ id: '4', currency: 'CHF', totalExclTax: 18_500, totalTax: 0, totalInclTax: 18_500 }),
    ]);
    expect(totals).toEqual([
      { currency: 'CHF', invoices: { count: 1, exclTax: 18_500, tax: 0, inclTax: 18_500 }, creditNotes: { count: 0, exclTax: 0, tax: 0, inclTax: 0 }, net: { exclTax: 18_500, tax: 0, inclTax: 18_500 } },
      {
        currency: 'EUR',
        invoices: { count: 2, exclTax: 10_750, tax: 2_150, inclTax: 12_900 },
        creditNotes: { count: 1, exclTax: 3_333, tax: 667, inclTax: 4_000 },
        net: { exclTax: 7_417, tax: 1_483, inclTax: 8_900 },
      },
    ]);
    expect(pageTotals([])).toEqual([]);
  });
});

describe('VAT rates', () => {
  it('writes basis points as a percentage in the language shown', () => {
    expect(formatVatRate(2_000, 'fr')).toBe('20 %');
    expect(formatVatRate(550, 'fr')).toBe('5,5 %');
    expect(formatVatRate(810, 'en')).toBe('8.1 %');
    expect(formatVatRate(0, 'fr')).toBe('0 %');
  });
});

describe('the invoicing settings form', () => {
  const saved = { invoicePrefix: 'F', creditNotePrefix: 'AV', legalMention: null, registration: 'RCS Nîmes', iban: null, bic: null, vatFranchise: 'none' as const, paymentTermsDays: 30 };

  it('round-trips the settings, empty texts becoming null', () => {
    const form = settingsToForm(saved);
    expect(form).toMatchObject({ legalMention: '', registration: 'RCS Nîmes', paymentTermsDays: '30' });
    expect(settingsFromForm(form)).toEqual({ body: saved });
  });
  it('compacts and capitalises what the server wants compact, and leaves its rules to it', () => {
    const result = settingsFromForm({ ...settingsToForm(saved), invoicePrefix: ' fac ', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri frpp', legalMention: '  SAS  ' });
    expect(result).toEqual({ body: { ...saved, invoicePrefix: 'FAC', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', legalMention: 'SAS' } });
    // A prefix the server refuses is still sent: its message lands on the field.
    expect(settingsFromForm({ ...settingsToForm(saved), invoicePrefix: 'F_2026!' })).toMatchObject({ body: { invoicePrefix: 'F_2026!' } });
  });
  it('refuses a number of days that is not a whole number', () => {
    for (const days of ['', 'trente', '1,5', '-3']) expect(settingsFromForm({ ...settingsToForm(saved), paymentTermsDays: days })).toEqual({ errors: { paymentTermsDays: 'invoicingSettings.error.days' } });
  });
});

describe('downloaded file names', () => {
  it('reads the Content-Disposition the server sends', () => {
    expect(filenameFromDisposition('attachment; filename="F-2026-000001.pdf"')).toBe('F-2026-000001.pdf');
    expect(filenameFromDisposition('attachment; filename=F-2026-000001-factur-x.xml')).toBe('F-2026-000001-factur-x.xml');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf")).toBe('Facture été.pdf');
    expect(filenameFromDisposition(null)).toBeUndefined();
    expect(filenameFromDisposition('inline')).toBeUndefined();
  });
});

describe('the invoicing dictionaries', () => {
  it('have the same keys and the same placeholders in French and English', () => {
    expect(Object.keys(invoicingEn).sort()).toEqual(Object.keys(invoicingFr).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, french] of Object.entries(invoicingFr)) expect([key, placeholders(invoicingEn[key as keyof typeof invoicingFr])]).toEqual([key, placeholders(french)]);
    expect(invoicingFr['invoice.kind.credit_note']).toBe('Avoir');
  });
});
