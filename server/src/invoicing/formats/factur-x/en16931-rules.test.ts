import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../invoice-document.ts';
import { creditNote, exemptTrainingInvoice, standardVatInvoice, swissInvoice } from '../sample-documents.ts';
import { checkEn16931Rules, type En16931RuleId } from './en16931-rules.ts';
import { consistentDocument } from './testing/consistent-documents.ts';

const samples = { standardVatInvoice, exemptTrainingInvoice, creditNote, swissInvoice };

/** A deep copy to break. */
const copy = (doc: InvoiceDocument): InvoiceDocument => structuredClone(doc);

describe('EN 16931 business rules', () => {
  it.each(Object.entries(samples))('%s satisfies them', (_, doc) => {
    expect(checkEn16931Rules(doc)).toEqual([]);
  });

  it.each<[string, (d: InvoiceDocument) => void, En16931RuleId]>([
    ['BT-106 ≠ Σ BT-131', (d) => (d.totals.lineTotal += 1), 'BR-CO-10'],
    ['a line net changed alone', (d) => (d.lines[0]!.amountExclTax += 1), 'BR-CO-10'],
    ['BT-109 ≠ BT-106', (d) => (d.totals.taxExclusive -= 1), 'BR-CO-13'],
    ['BT-110 ≠ Σ BT-117', (d) => (d.totals.tax += 1), 'BR-CO-14'],
    ['BT-112 ≠ BT-109 + BT-110', (d) => (d.totals.taxInclusive += 1), 'BR-CO-15'],
    ['BT-115 ≠ BT-112 − BT-113', (d) => (d.totals.dueAmount += 1), 'BR-CO-16'],
    ['S breakdown basis off by a cent', (d) => (d.vatBreakdown[0]!.taxableAmount += 1), 'BR-S-08'],
    ['S line at a rate without breakdown', (d) => (d.lines[1]!.vatRateBp = 1000), 'BR-S-08'],
    ['VAT more than a unit away from basis × rate', (d) => (d.vatBreakdown[0]!.taxAmount += 101), 'BR-CO-17'],
    ['S breakdown with an exemption reason', (d) => (d.vatBreakdown[0]!.exemptionReason = 'Exonéré'), 'BR-S-10'],
    ['S line at 0 %', (d) => (d.lines[0]!.vatRateBp = 0), 'BR-S-05'],
    ['no VAT breakdown', (d) => (d.vatBreakdown = []), 'BR-CO-18'],
    ['no lines', (d) => (d.lines = []), 'BR-16'],
    ['blank item name', (d) => (d.lines[0]!.description = '  '), 'BR-25'],
    ['negative net price', (d) => (d.lines[0]!.unitPriceExclTax = -1), 'BR-27'],
    ['blank seller name', (d) => (d.seller.name = ''), 'BR-06'],
    ['blank buyer name', (d) => (d.buyer.name = ' '), 'BR-07'],
    ['blank number', (d) => (d.number = ''), 'BR-02'],
    ['lower-case country', (d) => (d.buyer.address.country = 'fr'), 'BR-CL-14'],
    ['seller without any identifier', (d) => Object.assign(d.seller, { siren: null, siret: null, vatNumber: null }), 'BR-CO-26'],
    ['S without seller VAT number', (d) => (d.seller.vatNumber = null), 'BR-S-02'],
    ['VAT number without country prefix', (d) => (d.seller.vatNumber = '40552100554'), 'BR-CO-09'],
    ['amount due without due date nor terms', (d) => Object.assign(d, { dueDate: null, paymentTerms: ' ', totals: { ...d.totals, prepaid: 0, dueAmount: d.totals.taxInclusive } }), 'BR-CO-25'],
  ])('refuses %s (%s)', (_, breakIt, rule) => {
    const doc = copy(standardVatInvoice);
    breakIt(doc);
    expect(checkEn16931Rules(doc)).toContain(rule);
  });

  it('accepts VAT within the official one-unit tolerance (per-line rounding is lawful)', () => {
    const doc = copy(standardVatInvoice);
    doc.vatBreakdown[0]!.taxAmount += 3;
    doc.totals.tax += 3;
    doc.totals.taxInclusive += 3;
    doc.totals.prepaid += 3;
    expect(checkEn16931Rules(doc)).toEqual([]);
  });

  it.each<[string, (d: InvoiceDocument) => void, En16931RuleId]>([
    ['an exempt breakdown without reason nor code', (d) => (d.vatBreakdown[0]!.exemptionReason = null), 'BR-E-10'],
    ['exempt basis off by a cent', (d) => (d.vatBreakdown[0]!.taxableAmount -= 1), 'BR-E-08'],
    ['exempt VAT not zero', (d) => (d.vatBreakdown[0]!.taxAmount = 1), 'BR-E-09'],
    ['exempt line with a rate', (d) => (d.lines[0]!.vatRateBp = 2000), 'BR-E-05'],
    ['two exempt breakdowns', (d) => d.vatBreakdown.push({ ...d.vatBreakdown[0]!, taxableAmount: 0 }), 'BR-E-01'],
    ['a VATEX code that is not one', (d) => (d.vatBreakdown[0]!.exemptionCode = 'article 261'), 'BR-CL-22'],
  ])('refuses %s (%s)', (_, breakIt, rule) => {
    const doc = copy(exemptTrainingInvoice);
    breakIt(doc);
    expect(checkEn16931Rules(doc)).toContain(rule);
  });

  it('accepts an exempt breakdown with only a VATEX code', () => {
    const doc = copy(exemptTrainingInvoice);
    Object.assign(doc.vatBreakdown[0]!, { exemptionReason: null, exemptionCode: 'VATEX-EU-132-1I' });
    expect(checkEn16931Rules(doc)).toEqual([]);
  });

  it('checks reverse charge and not-subject-to-VAT identities', () => {
    const reverse = copy(exemptTrainingInvoice);
    reverse.lines[0]!.vatCategory = 'AE';
    Object.assign(reverse.vatBreakdown[0]!, { vatCategory: 'AE', exemptionReason: 'Autoliquidation' });
    expect(checkEn16931Rules(reverse)).toEqual([]);
    Object.assign(reverse.buyer, { vatNumber: null, siren: null });
    expect(checkEn16931Rules(reverse)).toContain('BR-AE-02');

    const outside = copy(swissInvoice);
    outside.lines[0]!.vatCategory = 'O';
    outside.vatBreakdown[0]!.vatCategory = 'O';
    expect(checkEn16931Rules(outside)).toEqual(['BR-O-02']); // "O" forbids the seller's VAT number
    outside.seller.vatNumber = null;
    outside.seller.siren = '552100554';
    expect(checkEn16931Rules(outside)).toEqual([]);
  });

  it('accepts any document built consistently from random lines', () => {
    fc.assert(fc.property(consistentDocument, (doc) => {
        expect(checkEn16931Rules(doc)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('names the rule when one total of a consistent document is off by one cent', () => {
    const breaks: [keyof InvoiceDocument['totals'], En16931RuleId][] = [
      ['lineTotal', 'BR-CO-10'],
      ['taxExclusive', 'BR-CO-13'],
      ['tax', 'BR-CO-14'],
      ['taxInclusive', 'BR-CO-15'],
      ['dueAmount', 'BR-CO-16'],
    ];
    fc.assert(
      fc.property(consistentDocument, fc.constantFrom(...breaks), fc.constantFrom(1, -1), (doc, [field, rule], cent) => {
        const broken = copy(doc);
        broken.totals[field] += cent;
        expect(checkEn16931Rules(broken)).toContain(rule);
      }),
      { numRuns: 200 },
    );
  });

  it('names BR-S-08 / BR-E-08 when a breakdown basis is off by one cent', () => {
    fc.assert(
      fc.property(consistentDocument, fc.nat(), (doc, pick) => {
        const broken = copy(doc);
        const b = broken.vatBreakdown[pick % broken.vatBreakdown.length]!;
        b.taxableAmount += 1;
        expect(checkEn16931Rules(broken)).toContain(b.vatCategory === 'E' ? 'BR-E-08' : 'BR-S-08');
      }),
      { numRuns: 200 },
    );
  });
});
