import type { InvoiceDocument, VatBreakdown, VatCategory } from '../invoice-document.ts';

/**
 * The EN 16931-1 business rules that can be checked on the invoice document itself. They live in the Schematron,
 * not in the Factur-X XSD, so an XML can be schema-valid and still be refused by a platform (PDP/PA) or by Chorus Pro.
 *
 * The model has no document-level allowances or charges (BG-20/BG-21), no rounding amount (BT-114), no tax
 * representative (BG-11) and no seller tax registration other than the VAT number (BT-32): the rules reduce to their
 * forms without them. Sums are exact — amounts are integers in minor units, so no tolerance is needed — except the
 * VAT-from-rate rules BR-CO-17 / BR-S-09, which keep the official Schematron's ±1 currency unit because per-line or
 * per-rate VAT rounding are both lawful.
 */
export const EN16931_RULES = {
  'BR-02': 'An invoice shall have an invoice number (BT-1).',
  'BR-06': 'An invoice shall contain the seller name (BT-27).',
  'BR-07': 'An invoice shall contain the buyer name (BT-44).',
  'BR-09': 'The seller postal address shall contain a country code (BT-40).',
  'BR-11': 'The buyer postal address shall contain a country code (BT-55).',
  'BR-16': 'An invoice shall have at least one invoice line (BG-25).',
  'BR-25': 'Each invoice line shall contain the item name (BT-153).',
  'BR-27': 'The item net price (BT-146) shall not be negative.',
  'BR-55': 'Each preceding invoice reference (BG-3) shall contain a preceding invoice reference (BT-25).',
  'BR-CL-14': 'Country codes shall be ISO 3166-1 alpha-2 (BT-40, BT-55).',
  'BR-CL-22': 'A VAT exemption reason code (BT-121) shall be a VATEX code.',
  'BR-CO-09': 'VAT identifiers (BT-31, BT-48) shall have an ISO 3166-1 alpha-2 prefix.',
  'BR-CO-10': 'Sum of invoice line net amounts (BT-106) = Σ invoice line net amount (BT-131).',
  'BR-CO-13': 'Invoice total without VAT (BT-109) = BT-106 − allowances (BT-107) + charges (BT-108).',
  'BR-CO-14': 'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).',
  'BR-CO-15': 'Invoice total with VAT (BT-112) = BT-109 + BT-110.',
  'BR-CO-16': 'Amount due for payment (BT-115) = BT-112 − paid amount (BT-113) + rounding (BT-114).',
  'BR-CO-17': 'VAT category tax amount (BT-117) = BT-116 × BT-119 / 100, rounded to two decimals.',
  'BR-CO-18': 'An invoice shall have at least one VAT breakdown (BG-23).',
  'BR-CO-25': 'A positive amount due (BT-115) requires a payment due date (BT-9) or payment terms (BT-20).',
  'BR-CO-26': 'The seller shall be identified by BT-29, BT-30 or BT-31.',
  ...categoryRuleTexts('S', 'Standard rated'),
  ...categoryRuleTexts('Z', 'Zero rated'),
  ...categoryRuleTexts('E', 'Exempt from VAT'),
  ...categoryRuleTexts('AE', 'Reverse charge'),
  ...categoryRuleTexts('O', 'Not subject to VAT'),
  'BR-O-11': 'An invoice with a "Not subject to VAT" breakdown shall have no other VAT breakdown.',
  'BR-O-12': 'An invoice with a "Not subject to VAT" breakdown shall have no line of another VAT category.',
} as const satisfies Record<string, string>;

export type En16931RuleId = keyof typeof EN16931_RULES;

function categoryRuleTexts<C extends VatCategory>(c: C, label: string) {
  return {
    [`BR-${c}-01`]: `Lines "${label}" need their VAT breakdown (BG-23) and a breakdown needs its lines.`,
    [`BR-${c}-02`]: `An invoice with "${label}" lines has the required VAT identifiers (BT-31, BT-48).`,
    [`BR-${c}-05`]: `The VAT rate (BT-152) of a "${label}" line is as its category requires.`,
    [`BR-${c}-08`]: `The "${label}" taxable amount (BT-116) = Σ net amounts of its lines (BT-131).`,
    [`BR-${c}-09`]: `The "${label}" VAT amount (BT-117) is as its category and rate require.`,
    [`BR-${c}-10`]: `The "${label}" breakdown has, or has not, an exemption reason (BT-120/BT-121) as required.`,
  } as Record<`BR-${C}-${'01' | '02' | '05' | '08' | '09' | '10'}`, string>;
}

const blank = (value: string | null | undefined) => !value || value.trim() === '';
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** BT-116 × BT-119 / 100 in minor units, rounded half up like XPath round() (on absolute values, as the Schematron). */
function vatFromRate(taxableAmount: number, rateBp: number): number {
  return Number((BigInt(Math.abs(taxableAmount)) * BigInt(rateBp) * 2n + 10_000n) / 20_000n);
}

/** Within one currency unit (100 minor units) of the rate's VAT; `strict` for BR-S-09's < instead of BR-CO-17's ≤. */
function vatWithinTolerance(b: VatBreakdown, strict: boolean): boolean {
  const gap = Math.abs(Math.abs(b.taxAmount) - vatFromRate(b.taxableAmount, b.vatRateBp));
  return strict ? gap < 100 : gap <= 100;
}

/** The rules the document violates, in a stable order; empty when it is sound. */
export function checkEn16931Rules(doc: InvoiceDocument): En16931RuleId[] {
  const violated = new Set<En16931RuleId>();
  const rule = (id: En16931RuleId, broken: boolean) => {
    if (broken) violated.add(id);
  };
  const { lines, vatBreakdown: breakdowns, totals, seller, buyer } = doc;

  rule('BR-02', blank(doc.number));
  rule('BR-06', blank(seller.name));
  rule('BR-07', blank(buyer.name));
  rule('BR-09', blank(seller.address.country));
  rule('BR-11', blank(buyer.address.country));
  rule('BR-CL-14', [seller, buyer].some((p) => !blank(p.address.country) && !/^[A-Z]{2}$/.test(p.address.country)));
  rule('BR-CO-09', [seller.vatNumber, buyer.vatNumber].some((vat) => !blank(vat) && !/^[A-Z]{2}/.test(vat!)));
  rule('BR-CO-26', blank(seller.siren) && blank(seller.siret) && blank(seller.vatNumber));
  rule('BR-55', !!doc.precedingInvoice && blank(doc.precedingInvoice.number));

  rule('BR-16', lines.length === 0);
  rule('BR-25', lines.some((l) => blank(l.description)));
  rule('BR-27', lines.some((l) => l.unitPriceExclTax < 0));

  // BG-22 totals. BT-107, BT-108 and BT-114 do not exist in the model, i.e. they are zero.
  rule('BR-CO-10', totals.lineTotal !== sum(lines.map((l) => l.amountExclTax)));
  rule('BR-CO-13', totals.taxExclusive !== totals.lineTotal);
  rule('BR-CO-14', totals.tax !== sum(breakdowns.map((b) => b.taxAmount)));
  rule('BR-CO-15', totals.taxInclusive !== totals.taxExclusive + totals.tax);
  rule('BR-CO-16', totals.dueAmount !== totals.taxInclusive - totals.prepaid);
  rule('BR-CO-18', breakdowns.length === 0);
  rule('BR-CO-25', totals.dueAmount > 0 && blank(doc.dueDate) && blank(doc.paymentTerms));
  rule(
    'BR-CO-17',
    breakdowns.some((b) => (b.vatRateBp === 0 ? b.taxAmount !== 0 : !vatWithinTolerance(b, false))),
  );
  rule('BR-CL-22', breakdowns.some((b) => !blank(b.exemptionCode) && !/^VATEX-[A-Z0-9]+(-[A-Z0-9]+)*$/i.test(b.exemptionCode!)));

  checkCategories(doc, rule);
  return [...violated];
}

function checkCategories(doc: InvoiceDocument, rule: (id: En16931RuleId, broken: boolean) => void): void {
  const sellerVat = !blank(doc.seller.vatNumber);
  const buyerVat = !blank(doc.buyer.vatNumber);
  const hasReason = (b: VatBreakdown) => !blank(b.exemptionReason) || !blank(b.exemptionCode);

  for (const c of ['S', 'Z', 'E', 'AE', 'O'] as const) {
    const lines = doc.lines.filter((l) => l.vatCategory === c);
    const breakdowns = doc.vatBreakdown.filter((b) => b.vatCategory === c);
    if (lines.length === 0 && breakdowns.length === 0) continue;
    const lineSum = (rateBp?: number) =>
      sum(lines.filter((l) => rateBp === undefined || l.vatRateBp === rateBp).map((l) => l.amountExclTax));

    if (c === 'S') {
      rule('BR-S-01', lines.length > 0 && breakdowns.length === 0);
      rule('BR-S-02', !sellerVat);
      rule('BR-S-05', lines.some((l) => l.vatRateBp <= 0));
      // One breakdown per rate, whose basis is the sum of the lines at that rate (a rate without breakdown fails too).
      const rates = new Set(lines.map((l) => l.vatRateBp));
      rule('BR-S-08', [...rates].some((r) => !breakdowns.some((b) => b.vatRateBp === r)));
      rule('BR-S-08', breakdowns.some((b) => b.taxableAmount !== lineSum(b.vatRateBp)));
      rule('BR-S-09', breakdowns.some((b) => !vatWithinTolerance(b, true)));
      rule('BR-S-10', breakdowns.some(hasReason));
      continue;
    }
    // Z, E, AE, O: exactly one breakdown for the category, taxable amount = all its lines, no VAT.
    rule(`BR-${c}-01`, breakdowns.length !== 1 || lines.length === 0);
    rule(`BR-${c}-05`, lines.some((l) => l.vatRateBp !== 0));
    rule(`BR-${c}-08`, breakdowns.some((b) => b.taxableAmount !== lineSum()));
    rule(`BR-${c}-09`, breakdowns.some((b) => b.taxAmount !== 0));
    rule(`BR-${c}-10`, c === 'Z' ? breakdowns.some(hasReason) : breakdowns.some((b) => !hasReason(b)));
    if (c === 'Z' || c === 'E') rule(`BR-${c}-02`, !sellerVat);
    // Reverse charge: the buyer accounts for the VAT, so both parties are identified (BT-31 and BT-48 or BT-47).
    if (c === 'AE') rule('BR-AE-02', !sellerVat || (!buyerVat && blank(doc.buyer.siren)));
    if (c === 'O') {
      rule('BR-O-02', sellerVat || buyerVat);
      // The renderer writes no rate for "O" (BR-O-05, BR-48), so a non-zero rate in its breakdown would be lost.
      rule('BR-O-05', breakdowns.some((b) => b.vatRateBp !== 0));
      rule('BR-O-11', breakdowns.length > 0 && doc.vatBreakdown.some((b) => b.vatCategory !== 'O'));
      rule('BR-O-12', breakdowns.length > 0 && doc.lines.some((l) => l.vatCategory !== 'O'));
    }
  }
}
