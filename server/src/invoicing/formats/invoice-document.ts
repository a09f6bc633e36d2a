/**
 * An issued invoice or credit note exactly as its formats render it (the Factur-X CII XML, the PDF/A-3, the Swiss
 * QR-bill): everything is resolved — identities, lines, VAT breakdown, totals, legal mentions — so the renderers decide
 * nothing. Amounts are integers in minor units; rates are basis points (2000 = 20 %).
 */

export type InvoiceKind = 'invoice' | 'credit_note';
export type Currency = 'EUR' | 'CHF';

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface Party {
  name: string;
  /** SIREN (FR, 9 digits): the legal registration identifier (BT-30 / BT-47, scheme 0002). */
  siren?: string | null;
  siret?: string | null;
  /** Intra-community VAT number (FR…) or Swiss UID with MWST (CHE-…-MWST / TVA). */
  vatNumber?: string | null;
  address: PostalAddress;
  email?: string | null;
}

export interface Seller extends Party {
  /** Legal form and share capital for the French mentions, e.g. "SAS au capital de 10 000 €". */
  legalMention?: string | null;
  /** RCS city, e.g. "RCS Nîmes". */
  registration?: string | null;
  /** Brand for the PDF. */
  brand: { displayName: string; primaryColor?: string | null; logoPng?: Buffer | null };
  /** Where to pay by transfer (QR-bill for CHF; the PDF's payment block for EUR). */
  iban?: string | null;
  bic?: string | null;
}

/** VAT category codes of EN 16931 (UNCL5305): S standard, Z zero, E exempt, AE reverse charge, O outside scope. */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'O';

export interface InvoiceLine {
  /** 1, 2, 3… */
  position: number;
  description: string;
  quantity: number;
  /** Net unit price (HT) in minor units — may carry a remainder when the line total does not divide. */
  unitPriceExclTax: number;
  /** Line net total (HT). */
  amountExclTax: number;
  vatCategory: VatCategory;
  vatRateBp: number;
}

export interface VatBreakdown {
  vatCategory: VatCategory;
  vatRateBp: number;
  /** Sum of the lines' HT in this category and rate. */
  taxableAmount: number;
  taxAmount: number;
  /** Exemption reason text (BT-120) for E / O / AE, e.g. "Exonération de TVA, article 261-4-4° a du CGI". */
  exemptionReason?: string | null;
  /** VATEX code (BT-121), e.g. "VATEX-FR-FRANCHISE", when one applies. */
  exemptionCode?: string | null;
}

export interface InvoiceDocument {
  kind: InvoiceKind;
  /** F-2026-000123 / AV-2026-000007. */
  number: string;
  /** YYYY-MM-DD, in the seller's time zone. */
  issueDate: string;
  /** Date of the sale / delivery (BT-72), YYYY-MM-DD. */
  deliveryDate?: string | null;
  /** Payment due date (BT-9); for a paid invoice the payment date. */
  dueDate?: string | null;
  currency: Currency;
  language: 'fr' | 'en';
  seller: Seller;
  buyer: Party;
  /** The buyer's order reference (BT-13), e.g. the order number CMD-2026-000042. */
  orderReference?: string | null;
  /** Credit notes: the invoice they correct (BT-25 / BT-26). */
  precedingInvoice?: { number: string; issueDate: string } | null;
  lines: InvoiceLine[];
  vatBreakdown: VatBreakdown[];
  totals: {
    /** Sum of line net amounts (BT-106). */
    lineTotal: number;
    /** BT-109. */
    taxExclusive: number;
    /** BT-110. */
    tax: number;
    /** BT-112. */
    taxInclusive: number;
    /** Already paid (BT-113): the whole amount for a "facture acquittée". */
    prepaid: number;
    /** BT-115 = taxInclusive − prepaid. */
    dueAmount: number;
  };
  /** Payment terms text (BT-20), e.g. "Payée par carte le 24/11/2026" or "Paiement à 30 jours". */
  paymentTerms: string;
  /** Legal notes printed and carried in the XML (BT-22): late-payment penalties, €40 indemnity, exemptions, MWST. */
  notes: string[];
  /** Marked "ACQUITTÉE" on the PDF when fully paid. */
  paid: boolean;
}
