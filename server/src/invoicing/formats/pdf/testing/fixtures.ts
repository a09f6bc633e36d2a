import type { InvoiceDocument, InvoiceLine, VatBreakdown } from '../../invoice-document.ts';
import { standardVatInvoice, swissInvoice } from '../../sample-documents.ts';

/**
 * A stand-in for the Factur-X XML (the generator is written separately): it carries the EN 16931 guideline ID the
 * renderer checks, plus what makes a byte-for-byte round trip meaningful — accents, an escaped `&`, a final newline.
 */
export function facturXFixture(number: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>${number}</ram:ID><ram:IncludedNote><ram:Content>Pénalités &amp; indemnité : 40 €</ram:Content></ram:IncludedNote></rsm:ExchangedDocument>
</rsm:CrossIndustryInvoice>
`;
}

/**
 * An unpaid invoice of `count` lines, totals computed in integers: every seventh description is long enough to wrap,
 * and rates alternate between 20 % and 5.5 % so the VAT breakdown has two rows.
 */
export function longInvoice(count: number, base: InvoiceDocument = standardVatInvoice): InvoiceDocument {
  const lines: InvoiceLine[] = Array.from({ length: count }, (_, i) => {
    const position = i + 1;
    const quantity = (i % 3) + 1;
    const unitPriceExclTax = 1_000 + i * 37;
    const long = position % 7 === 0 ? ' — abonnement annuel comprenant l’installation, la maintenance sur site et l’assistance téléphonique sept jours sur sept' : '';
    return {
      position,
      description: `Ligne ${position}${long}`,
      quantity,
      unitPriceExclTax,
      amountExclTax: quantity * unitPriceExclTax,
      vatCategory: 'S',
      vatRateBp: i % 2 === 0 ? 2000 : 550,
    };
  });
  const vatBreakdown: VatBreakdown[] = [2000, 550].map((rate) => {
    const taxableAmount = lines.filter((l) => l.vatRateBp === rate).reduce((sum, l) => sum + l.amountExclTax, 0);
    // Half-up rounding of base × rate / 10 000, in integers.
    return { vatCategory: 'S', vatRateBp: rate, taxableAmount, taxAmount: Math.floor((taxableAmount * rate + 5_000) / 10_000) };
  });
  const taxExclusive = lines.reduce((sum, l) => sum + l.amountExclTax, 0);
  const tax = vatBreakdown.reduce((sum, v) => sum + v.taxAmount, 0);
  return {
    ...base,
    number: base.currency === 'CHF' ? 'F-2026-000099' : 'F-2026-000200',
    lines,
    vatBreakdown,
    totals: { lineTotal: taxExclusive, taxExclusive, tax, taxInclusive: taxExclusive + tax, prepaid: 0, dueAmount: taxExclusive + tax },
    paymentTerms: 'Paiement à 30 jours par virement.',
    paid: false,
  };
}

export const longSwissInvoice = (count: number) => longInvoice(count, swissInvoice);

export const englishInvoice: InvoiceDocument = {
  ...standardVatInvoice,
  number: 'F-2026-000125',
  language: 'en',
  paymentTerms: 'Paid by card on 24 November 2026.',
  notes: ['Late payment: three times the legal interest rate; fixed recovery fee: €40.'],
};
