import type { InvoiceDocument, InvoiceLine, VatBreakdown } from '../formats/invoice-document.ts';

/**
 * How much of each VAT group of an invoice a refund of `refundInclTax` gives back. A full refund takes the invoice's
 * lines as they are; a partial one is spread over the VAT groups in proportion to their TTC (largest remainder, so the
 * parts add up to the refund to the cent), then each part is split into HT and VAT at its rate, half-up — HT + VAT =
 * TTC exactly, as on the invoice.
 */
export interface CreditNoteContent {
  lines: InvoiceLine[];
  vatBreakdown: VatBreakdown[];
  totals: { taxExclusive: number; tax: number; taxInclusive: number };
}

export function creditNoteContent(invoice: Pick<InvoiceDocument, 'number' | 'lines' | 'vatBreakdown' | 'totals' | 'language'>, refundInclTax: number): CreditNoteContent {
  if (!Number.isSafeInteger(refundInclTax) || refundInclTax <= 0 || refundInclTax > invoice.totals.taxInclusive) {
    throw new RangeError(`A credit note gives back between 1 and ${invoice.totals.taxInclusive}, not ${refundInclTax}`);
  }
  if (refundInclTax === invoice.totals.taxInclusive) {
    return { lines: invoice.lines, vatBreakdown: invoice.vatBreakdown, totals: { taxExclusive: invoice.totals.taxExclusive, tax: invoice.totals.tax, taxInclusive: invoice.totals.taxInclusive } };
  }
  const groups = invoice.vatBreakdown.filter((g) => g.taxableAmount + g.taxAmount !== 0);
  const parts = allocateLargestRemainder(refundInclTax, groups.map((g) => g.taxableAmount + g.taxAmount));
  const label = invoice.language === 'en' ? 'Refund on invoice' : 'Remboursement sur la facture';
  const vatBreakdown: VatBreakdown[] = [];
  const lines: InvoiceLine[] = [];
  groups.forEach((group, index) => {
    const inclTax = parts[index]!;
    if (inclTax === 0) return;
    const tax = taxIncludedIn(inclTax, group.vatRateBp);
    vatBreakdown.push({ ...group, taxableAmount: inclTax - tax, taxAmount: tax });
    lines.push({
      position: lines.length + 1,
      description: `${label} ${invoice.number}${groups.length > 1 ? ` (TVA ${group.vatRateBp / 100} %)` : ''}`,
      quantity: 1,
      unitPriceExclTax: inclTax - tax,
      amountExclTax: inclTax - tax,
      vatCategory: group.vatCategory,
      vatRateBp: group.vatRateBp,
    });
  });
  const taxExclusive = vatBreakdown.reduce((sum, g) => sum + g.taxableAmount, 0);
  const tax = vatBreakdown.reduce((sum, g) => sum + g.taxAmount, 0);
  return { lines, vatBreakdown, totals: { taxExclusive, tax, taxInclusive: taxExclusive + tax } };
}

/** The VAT inside a tax-included amount: TTC × rate / (1 + rate), half-up, in integer arithmetic. */
export function taxIncludedIn(inclTax: number, rateBp: number): number {
  const numerator = BigInt(inclTax) * BigInt(rateBp);
  const denominator = BigInt(10_000 + rateBp);
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/** Splits `total` in proportion to `weights` (non-negative) so the parts sum to `total` exactly. */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const floors = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, remainder: e % BigInt(sum) })).sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left === 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}
