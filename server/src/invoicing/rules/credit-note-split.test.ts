import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditNote, standardVatInvoice } from '../formats/sample-documents.ts';
import type { InvoiceDocument } from '../formats/invoice-document.ts';
import { allocateLargestRemainder, creditNoteContent, taxIncludedIn } from './credit-note-split.ts';
import { formatInvoiceNumber, validInvoicePrefix } from './invoice-number.ts';

const mixed: InvoiceDocument = {
  ...standardVatInvoice,
  lines: [
    { position: 1, description: 'Livre', quantity: 1, unitPriceExclTax: 1_000, amountExclTax: 1_000, vatCategory: 'S', vatRateBp: 550 },
    { position: 2, description: 'Service', quantity: 1, unitPriceExclTax: 5_000, amountExclTax: 5_000, vatCategory: 'S', vatRateBp: 2000 },
  ],
  vatBreakdown: [
    { vatCategory: 'S', vatRateBp: 550, taxableAmount: 1_000, taxAmount: 55 },
    { vatCategory: 'S', vatRateBp: 2000, taxableAmount: 5_000, taxAmount: 1_000 },
  ],
  totals: { lineTotal: 6_000, taxExclusive: 6_000, tax: 1_055, taxInclusive: 7_055, prepaid: 7_055, dueAmount: 0 },
};

describe('credit note content', () => {
  it('takes the invoice as it is for a full refund', () => {
    expect(creditNoteContent(standardVatInvoice, 2_590).lines).toEqual(standardVatInvoice.lines);
  });

  it('splits a partial refund of a 20 % invoice into HT and VAT (10 € TTC = 8,33 + 1,67)', () => {
    expect(creditNoteContent(standardVatInvoice, 1_000)).toMatchObject({ totals: { taxExclusive: 833, tax: 167, taxInclusive: 1_000 }, vatBreakdown: creditNote.vatBreakdown });
  });

  it('spreads over VAT groups by their TTC and always sums exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7_055 }), (refund) => {
        const content = creditNoteContent(mixed, refund);
        expect(content.totals.taxInclusive).toBe(refund);
        for (const group of content.vatBreakdown) expect(group.taxAmount).toBe(taxIncludedIn(group.taxableAmount + group.taxAmount, group.vatRateBp));
        expect(content.lines.reduce((s, l) => s + l.amountExclTax, 0)).toBe(content.totals.taxExclusive);
      }),
    );
  });

  it('refuses nothing and more than the invoice', () => {
    expect(() => creditNoteContent(mixed, 0)).toThrow(RangeError);
    expect(() => creditNoteContent(mixed, 7_056)).toThrow(RangeError);
  });

  it('allocates by largest remainder', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(10, [0, 5])).toEqual([0, 10]);
  });
});

describe('invoice numbers', () => {
  it('formats and validates prefixes', () => {
    expect(formatInvoiceNumber('F', 2026, 123)).toBe('F-2026-000123');
    expect(formatInvoiceNumber('AV', 2026, 7)).toBe('AV-2026-000007');
    expect(validInvoicePrefix('FAC-MTV')).toBe(true);
    expect(validInvoicePrefix('f')).toBe(false);
    expect(validInvoicePrefix('F-')).toBe(false);
  });
});
