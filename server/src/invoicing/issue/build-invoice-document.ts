import type { companies } from '../../identity/schema.ts';
import type { QuoteLine } from '../../pricing/engine/lines.ts';
import type { customers, orders } from '../../sales/schema.ts';
import type { InvoiceDocument, InvoiceLine, Party, VatBreakdown, VatCategory } from '../formats/invoice-document.ts';
import type { invoicingSettings } from '../schema.ts';

type Company = typeof companies.$inferSelect;
type Customer = typeof customers.$inferSelect;
type Order = typeof orders.$inferSelect;
type Settings = typeof invoicingSettings.$inferSelect;

export const FRANCHISE_MENTION = 'TVA non applicable, article 293 B du CGI';
/** Three separate notes, as the French e-invoicing rules want them (penalties PMD, recovery indemnity PMT, discount AAB). */
const LATE_PAYMENT_FR = [
  'Pénalités de retard : trois fois le taux d’intérêt légal (art. L441-10 du Code de commerce).',
  'Indemnité forfaitaire pour frais de recouvrement : 40 €.',
  'Pas d’escompte pour paiement anticipé.',
];
const LATE_PAYMENT_EN = [
  'Late payment penalties: three times the French legal interest rate (art. L441-10 Code de commerce).',
  'Fixed indemnity for recovery costs: €40.',
  'No discount for early payment.',
];

export interface PaidInvoiceInput {
  number: string;
  /** YYYY-MM-DD in the company's zone. */
  issueDate: string;
  company: Company;
  settings: Settings;
  customer: Customer;
  order: Order;
  /** What the payment collected (TTC): the order's total for a checkout or a renewal. */
  amountPaid: number;
  /** YYYY-MM-DD, in the company's zone. */
  paidOn: string;
}

/**
 * The legal content of a paid invoice ("facture acquittée", seed 000) from the order it collects: the seller's and
 * buyer's identities, the frozen quote lines with their VAT, the breakdown per rate with exemption reasons, totals, the
 * paid mention, late-payment mentions for France and the VAT (MWST) mention in Switzerland.
 */
export function buildPaidInvoiceDocument(input: PaidInvoiceInput): InvoiceDocument {
  const { company, settings, customer, order } = input;
  const language = customer.language === 'en' ? 'en' : 'fr';
  const quoteLines = ((order.quote as { lines?: QuoteLine[] }).lines ?? []) as QuoteLine[];
  const franchise = settings.vatFranchise === 'fr_293b';
  const lines: InvoiceLine[] = quoteLines.map((line, index) => ({
    position: index + 1,
    description: line.description,
    quantity: line.quantity,
    unitPriceExclTax: divideHalfUp(line.amount_excl_tax, line.quantity),
    amountExclTax: line.amount_excl_tax,
    vatCategory: vatCategory(line.tax_rate_bp),
    vatRateBp: line.tax_rate_bp,
  }));
  const vatBreakdown = breakdown(quoteLines, franchise);
  const taxExclusive = lines.reduce((sum, line) => sum + line.amountExclTax, 0);
  const tax = vatBreakdown.reduce((sum, group) => sum + group.taxAmount, 0);
  if (taxExclusive + tax !== input.amountPaid) {
    throw new Error(`Invoice ${input.number}: the order's lines (${taxExclusive + tax}) do not add up to the amount paid (${input.amountPaid})`);
  }
  const exemptions = [...new Set(vatBreakdown.map((g) => g.exemptionReason).filter((r): r is string => !!r))];
  return {
    kind: 'invoice',
    number: input.number,
    issueDate: input.issueDate,
    deliveryDate: input.paidOn,
    dueDate: input.paidOn,
    currency: order.currency,
    language,
    seller: sellerParty(company, settings),
    buyer: buyerParty(customer),
    orderReference: order.number,
    precedingInvoice: null,
    lines,
    vatBreakdown,
    totals: { lineTotal: taxExclusive, taxExclusive, tax, taxInclusive: taxExclusive + tax, prepaid: taxExclusive + tax, dueAmount: 0 },
    paymentTerms: language === 'en' ? `Paid invoice: paid by card on ${frenchDate(input.paidOn)}.` : `Facture acquittée : payée par carte le ${frenchDate(input.paidOn)}.`,
    notes: [...exemptions.map((e) => `${e}.`), ...legalNotes(company, language)],
    paid: true,
  };
}

export function sellerParty(company: Company, settings: Settings): InvoiceDocument['seller'] {
  const address = company.addresses.find((a) => a.kind === 'billing') ?? company.addresses.find((a) => a.kind === 'head_office') ?? company.addresses[0];
  return {
    name: company.legalName,
    siren: company.siren,
    siret: company.siret,
    vatNumber: company.vatNumber,
    address: { line1: address?.line1 ?? '', line2: address?.line2 ?? null, postalCode: address?.postalCode ?? '', city: address?.city ?? '', country: address?.country ?? company.country },
    email: company.contacts.find((c) => c.email)?.email ?? null,
    legalMention: settings.legalMention,
    registration: settings.registration,
    brand: { displayName: company.brandName, primaryColor: company.brandTheme.primaryColor ?? null },
    iban: settings.iban,
    bic: settings.bic,
  };
}

export function buyerParty(customer: Customer): Party {
  const address = customer.address ?? {};
  return {
    name: customer.name,
    siren: customer.kind === 'company' ? customer.siren : null,
    vatNumber: customer.vatNumber,
    address: { line1: address.line1 ?? '', line2: address.line2 ?? null, postalCode: address.postalCode ?? '', city: address.city ?? '', country: customer.country },
    email: customer.email,
  };
}

/** A taxed line is standard rated; an untaxed one is exempt, with its reason (training, franchise, Swiss exclusion). */
function vatCategory(rateBp: number): VatCategory {
  return rateBp > 0 ? 'S' : 'E';
}

/** One group per rate and mention, summed from the lines as the quote computed them (HT + TVA = TTC per line). */
function breakdown(lines: readonly QuoteLine[], franchise: boolean): VatBreakdown[] {
  const groups = new Map<string, VatBreakdown>();
  for (const line of lines) {
    const category = vatCategory(line.tax_rate_bp);
    const reason = category === 'S' ? null : (line.tax_mention ?? (franchise ? FRANCHISE_MENTION : 'Exonération de TVA'));
    const key = `${category}:${line.tax_rate_bp}:${reason ?? ''}`;
    const group = groups.get(key) ?? { vatCategory: category, vatRateBp: line.tax_rate_bp, taxableAmount: 0, taxAmount: 0, exemptionReason: reason, exemptionCode: franchise && category === 'E' ? 'VATEX-FR-FRANCHISE' : null };
    group.taxableAmount += line.amount_excl_tax;
    group.taxAmount += line.tax_amount;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function legalNotes(company: Company, language: 'fr' | 'en'): string[] {
  if (company.country === 'CH') {
    return company.vatNumber ? [language === 'en' ? `VAT (MWST/TVA) number: ${company.vatNumber}.` : `N° TVA (MWST) : ${company.vatNumber}.`] : [];
  }
  return language === 'en' ? LATE_PAYMENT_EN : LATE_PAYMENT_FR;
}

function divideHalfUp(amount: number, quantity: number): number {
  const q = BigInt(quantity);
  const a = BigInt(amount);
  const sign = a < 0n ? -1n : 1n;
  return Number((sign * ((sign * a * 2n + q) / (2n * q))));
}

export function frenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}
