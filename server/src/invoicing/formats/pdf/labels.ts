import type { InvoiceKind } from '../invoice-document.ts';
import type { Language } from './format.ts';

/** Every fixed word printed on the invoice, per language of the document. */
export interface Labels {
  title: Record<InvoiceKind, string>;
  numberPrefix: string;
  billTo: string;
  siren: string;
  siret: string;
  vatNumber: string;
  issueDate: string;
  deliveryDate: string;
  dueDate: string;
  /** For a paid document the due date is the payment (or refund) date — see `InvoiceDocument.dueDate`. */
  paymentDate: Record<InvoiceKind, string>;
  orderReference: string;
  /** The invoice a credit note corrects. */
  precedingInvoice: string;
  /** "du" in "F-2026-000123 du 24/11/2026". */
  dated: string;
  continued: string;
  columns: { description: string; quantity: string; unitPrice: string; vat: string; amount: string };
  vatBreakdown: { title: string; rate: string; base: string; tax: string };
  totals: {
    exclTax: string;
    tax: string;
    inclTax: string;
    prepaid: Record<InvoiceKind, string>;
    due: Record<InvoiceKind, string>;
  };
  /** The stamp of a fully settled document: paid invoice, refunded credit note. */
  paidStamp: Record<InvoiceKind, string>;
  paymentTerms: string;
  bankTransfer: string;
  notes: string;
  qrBillHeading: string;
}

const fr: Labels = {
  title: { invoice: 'FACTURE', credit_note: 'AVOIR' },
  numberPrefix: 'N°',
  billTo: 'Client',
  siren: 'SIREN',
  siret: 'SIRET',
  vatNumber: 'N° TVA',
  issueDate: 'Date d’émission',
  deliveryDate: 'Date de la prestation',
  dueDate: 'Date d’échéance',
  paymentDate: { invoice: 'Date de paiement', credit_note: 'Date de remboursement' },
  orderReference: 'Référence commande',
  precedingInvoice: 'Facture d’origine',
  dated: 'du',
  continued: 'suite',
  columns: { description: 'Désignation', quantity: 'Qté', unitPrice: 'P.U. HT', vat: 'TVA', amount: 'Montant HT' },
  vatBreakdown: { title: 'Détail de la TVA', rate: 'Taux', base: 'Base HT', tax: 'TVA' },
  totals: {
    exclTax: 'Total HT',
    tax: 'Total TVA',
    inclTax: 'Total TTC',
    prepaid: { invoice: 'Déjà réglé', credit_note: 'Déjà remboursé' },
    due: { invoice: 'Net à payer', credit_note: 'Reste à rembourser' },
  },
  paidStamp: { invoice: 'ACQUITTÉE', credit_note: 'REMBOURSÉ' },
  paymentTerms: 'Conditions de paiement',
  bankTransfer: 'Virement',
  notes: 'Mentions légales',
  qrBillHeading: 'Section paiement (QR-facture)',
};

const en: Labels = {
  title: { invoice: 'INVOICE', credit_note: 'CREDIT NOTE' },
  numberPrefix: 'No.',
  billTo: 'Bill to',
  siren: 'SIREN',
  siret: 'SIRET',
  vatNumber: 'VAT no.',
  issueDate: 'Issue date',
  deliveryDate: 'Delivery date',
  dueDate: 'Due date',
  paymentDate: { invoice: 'Payment date', credit_note: 'Refund date' },
  orderReference: 'Order reference',
  precedingInvoice: 'Original invoice',
  dated: 'of',
  continued: 'continued',
  columns: { description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', vat: 'VAT', amount: 'Amount' },
  vatBreakdown: { title: 'VAT breakdown', rate: 'Rate', base: 'Taxable', tax: 'VAT' },
  totals: {
    exclTax: 'Total excl. VAT',
    tax: 'Total VAT',
    inclTax: 'Total incl. VAT',
    prepaid: { invoice: 'Paid', credit_note: 'Refunded' },
    due: { invoice: 'Amount due', credit_note: 'Balance to refund' },
  },
  paidStamp: { invoice: 'PAID', credit_note: 'REFUNDED' },
  paymentTerms: 'Payment terms',
  bankTransfer: 'Bank transfer',
  notes: 'Legal notes',
  qrBillHeading: 'Payment part (QR-bill)',
};

export function labelsFor(language: Language): Labels {
  return language === 'fr' ? fr : en;
}
