import fc from 'fast-check';
import type { InvoiceDocument, InvoiceLine, Party, Seller, VatBreakdown, VatCategory } from '../../invoice-document.ts';

/**
 * Test support: random invoice documents built the way the invoicing service must build them — line nets from
 * quantity × price, one VAT breakdown per category and rate with VAT rounded half up on its base, totals from those —
 * so that any of them is EN 16931-consistent. Texts mix XML-special characters, accents, emoji, tabs and newlines.
 */

/** French VAT rates in basis points (20 %, 10 %, 5.5 %, 2.1 %) and exemption. */
export const FRENCH_TAX: [VatCategory, number][] = [
  ['S', 2000],
  ['S', 1000],
  ['S', 550],
  ['S', 210],
  ['E', 0],
];

const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCDEFXYZ 0123456789-.,:'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", ']]>', 'é', 'ç', 'ß', '€', '’', '—', '\u00A0', '😀', '\t', '\n', '\r') },
);
export const text = fc.string({ unit: char, minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const country = fc.constantFrom('FR', 'CH', 'BE', 'DE', 'LU');
const option = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const address = fc.record({
  line1: text,
  line2: option(text),
  postalCode: digits(5),
  city: text,
  country,
});

const buyer: fc.Arbitrary<Party> = fc.record({
  name: text,
  siren: option(digits(9)),
  vatNumber: option(digits(11).map((d) => `FR${d}`)),
  address,
  email: option(fc.emailAddress()),
});

// BR-S-02 / BR-E-02: a seller invoicing VAT or an exemption always has a VAT identifier.
const seller: fc.Arbitrary<Seller> = fc.record({
  name: text,
  siren: option(digits(9)),
  siret: option(digits(14)),
  vatNumber: fc.oneof(digits(11).map((d) => `FR${d}`), digits(9).map((d) => `CHE-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)} TVA`)),
  address,
  email: option(fc.emailAddress()),
  legalMention: option(text),
  registration: option(text),
  brand: fc.constant({ displayName: 'Brand' }),
  iban: option(fc.constantFrom('FR7630006000011234567890189', 'CH93 0076 2011 6238 5295 7')),
  bic: option(fc.constantFrom('AGRIFRPP', 'POFICHBEXXX')),
});

const lineDraft = fc.record({
  description: text,
  // Hundredths: whole units most of the time, sometimes 0.5 h or 1.25 days.
  quantityHundredths: fc.oneof(fc.integer({ min: 1, max: 20 }).map((q) => q * 100), fc.integer({ min: 1, max: 100_000 })),
  unitPriceExclTax: fc.integer({ min: 0, max: 10_000_000 }),
  tax: fc.constantFrom(...FRENCH_TAX),
});

/** VAT of a breakdown: its base × rate, rounded half up to the cent (what BR-CO-17 expects). */
export const vatOf = (taxableAmount: number, rateBp: number) => Math.floor((taxableAmount * rateBp + 5_000) / 10_000);

export const consistentDocument: fc.Arbitrary<InvoiceDocument> = fc
  .record({
    kind: fc.constantFrom<InvoiceDocument['kind']>('invoice', 'credit_note'),
    number: fc.oneof(digits(6).map((d) => `F-2026-${d}`), text),
    issueDate: isoDate,
    deliveryDate: option(isoDate),
    dueDate: option(isoDate),
    currency: fc.constantFrom<InvoiceDocument['currency']>('EUR', 'CHF'),
    seller,
    buyer,
    orderReference: option(text),
    preceding: fc.record({ number: text, issueDate: isoDate }),
    lines: fc.array(lineDraft, { minLength: 1, maxLength: 8 }),
    exemptionReason: text,
    exemptionCode: option(fc.constantFrom('VATEX-EU-132-1I', 'VATEX-FR-FRANCHISE')),
    prepaidPercent: fc.constantFrom(0, 0, 30, 100, 100),
    paymentTerms: fc.oneof(text, fc.constant('')),
    notes: fc.array(
      fc.oneof(text, fc.constantFrom('Pénalités de retard : trois fois le taux d’intérêt légal.', 'Indemnité forfaitaire pour frais de recouvrement : 40 €.', 'Pas d’escompte pour paiement anticipé.')),
      { maxLength: 4 },
    ),
  })
  .map((r): InvoiceDocument => {
    const lines: InvoiceLine[] = r.lines.map((l, i) => ({
      position: i + 1,
      description: l.description,
      quantity: l.quantityHundredths / 100,
      unitPriceExclTax: l.unitPriceExclTax,
      amountExclTax: Math.floor((l.quantityHundredths * l.unitPriceExclTax + 50) / 100),
      vatCategory: l.tax[0],
      vatRateBp: l.tax[1],
    }));
    const vatBreakdown: VatBreakdown[] = [];
    for (const line of lines) {
      let b = vatBreakdown.find((x) => x.vatCategory === line.vatCategory && x.vatRateBp === line.vatRateBp);
      if (!b) {
        const exempt = line.vatCategory === 'E';
        b = { vatCategory: line.vatCategory, vatRateBp: line.vatRateBp, taxableAmount: 0, taxAmount: 0, exemptionReason: exempt ? r.exemptionReason : null, exemptionCode: exempt ? r.exemptionCode : null };
        vatBreakdown.push(b);
      }
      b.taxableAmount += line.amountExclTax;
    }
    for (const b of vatBreakdown) b.taxAmount = vatOf(b.taxableAmount, b.vatRateBp);
    const lineTotal = lines.reduce((s, l) => s + l.amountExclTax, 0);
    const tax = vatBreakdown.reduce((s, b) => s + b.taxAmount, 0);
    const taxInclusive = lineTotal + tax;
    const prepaid = Math.floor((taxInclusive * r.prepaidPercent) / 100);
    const dueAmount = taxInclusive - prepaid;
    return {
      kind: r.kind,
      number: r.number,
      issueDate: r.issueDate,
      deliveryDate: r.deliveryDate,
      // BR-CO-25: something still to pay needs a due date or terms.
      dueDate: dueAmount > 0 && r.paymentTerms === '' ? (r.dueDate ?? r.issueDate) : r.dueDate,
      currency: r.currency,
      language: 'fr',
      seller: r.seller,
      buyer: r.buyer,
      orderReference: r.orderReference,
      precedingInvoice: r.kind === 'credit_note' ? r.preceding : null,
      lines,
      vatBreakdown,
      totals: { lineTotal, taxExclusive: lineTotal, tax, taxInclusive, prepaid, dueAmount },
      paymentTerms: r.paymentTerms,
      notes: r.notes,
      paid: dueAmount === 0,
    };
  });
