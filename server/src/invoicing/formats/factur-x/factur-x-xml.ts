import type { InvoiceDocument, InvoiceLine, Party, PostalAddress, Seller, VatBreakdown } from '../invoice-document.ts';
import { formatDate102, formatMinorUnits, formatQuantity, formatRateBp } from './cii-values.ts';
import { checkEn16931Rules, EN16931_RULES, type En16931RuleId } from './en16931-rules.ts';
import { noteSubjectCodes } from './note-subjects.ts';
import { el, leaf, serialize, type XmlElement } from './xml-tree.ts';

export { checkEn16931Rules, type En16931RuleId } from './en16931-rules.ts';

/**
 * The Factur-X 1.09 XML (UN/CEFACT CII D16B, EN 16931 profile) of an issued invoice or credit note: the structured
 * invoice of the French e-invoicing reform, embedded in the PDF/A-3 and downloadable on its own.
 *
 * Elements are emitted in the exact sequence of Factur-X_EN16931.xsd (the schema rejects any other order); each one is
 * annotated with its EN 16931 business term. Pure: no I/O, no clock, same document → same bytes.
 */

const NAMESPACES = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** BT-24: the EN 16931 profile of Factur-X (“EN 16931 / COMFORT”). */
export const FACTURX_EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

/** Thrown for a document that breaks EN 16931 business rules: it would be refused downstream, so it is never written. */
export class En16931Error extends Error {
  override readonly name = 'En16931Error';
  constructor(
    readonly rules: En16931RuleId[],
    documentNumber: string,
  ) {
    super(`Factur-X: ${documentNumber} violates EN 16931 ${rules.map((id) => `${id} (${EN16931_RULES[id]})`).join(' ')}`);
  }
}

export function renderFacturXXml(doc: InvoiceDocument): string {
  const violated = checkEn16931Rules(doc);
  if (violated.length > 0) throw new En16931Error(violated, doc.number);
  return serialize(
    el(
      'rsm:CrossIndustryInvoice',
      el('rsm:ExchangedDocumentContext', el('ram:GuidelineSpecifiedDocumentContextParameter', leaf('ram:ID', FACTURX_EN16931_GUIDELINE))),
      exchangedDocument(doc),
      el(
        'rsm:SupplyChainTradeTransaction',
        ...doc.lines.map(lineItem),
        headerAgreement(doc),
        // BG-13: the actual delivery date (BT-72) of the sale or service.
        el('ram:ApplicableHeaderTradeDelivery', present(doc.deliveryDate) && el('ram:ActualDeliverySupplyChainEvent', date('ram:OccurrenceDateTime', doc.deliveryDate))),
        headerSettlement(doc),
      ),
    ),
    NAMESPACES,
  );
}

const present = (value: string | null | undefined): value is string => !!value && value.trim() !== '';

/** Amounts carry no currencyID, except the VAT total (BT-110), which must (CII-DT-031, BR-CO-15 binding). */
const amount = (name: string, minor: number, currencyID?: string) => leaf(name, formatMinorUnits(minor), currencyID ? { currencyID } : {});

const date = (name: string, isoDate: string) => el(name, leaf('udt:DateTimeString', formatDate102(isoDate), { format: '102' }));

function exchangedDocument(doc: InvoiceDocument): XmlElement {
  const notes = doc.notes.filter(present);
  const subjects = noteSubjectCodes(notes);
  return el(
    'rsm:ExchangedDocument',
    leaf('ram:ID', doc.number), // BT-1
    leaf('ram:TypeCode', doc.kind === 'credit_note' ? '381' : '380'), // BT-3 (UNTDID 1001)
    date('ram:IssueDateTime', doc.issueDate), // BT-2
    // BG-1: BT-22 with its BT-21 subject code when one is recognised (PMD / PMT / AAB).
    ...notes.map((note, i) => el('ram:IncludedNote', leaf('ram:Content', note), subjects[i] && leaf('ram:SubjectCode', subjects[i]))),
  );
}

function lineItem(line: InvoiceLine): XmlElement {
  return el(
    'ram:IncludedSupplyChainTradeLineItem',
    el('ram:AssociatedDocumentLineDocument', leaf('ram:LineID', String(line.position))), // BT-126
    el('ram:SpecifiedTradeProduct', leaf('ram:Name', line.description)), // BT-153
    el('ram:SpecifiedLineTradeAgreement', el('ram:NetPriceProductTradePrice', amount('ram:ChargeAmount', line.unitPriceExclTax))), // BT-146
    // BT-129 with BT-130: C62 "one" (UN/ECE Rec. 20) — Comptoir sells units, sessions and subscriptions.
    el('ram:SpecifiedLineTradeDelivery', leaf('ram:BilledQuantity', formatQuantity(line.quantity), { unitCode: 'C62' })),
    el(
      'ram:SpecifiedLineTradeSettlement',
      el(
        'ram:ApplicableTradeTax',
        leaf('ram:TypeCode', 'VAT'),
        leaf('ram:CategoryCode', line.vatCategory), // BT-151
        line.vatCategory !== 'O' && leaf('ram:RateApplicablePercent', formatRateBp(line.vatRateBp)), // BT-152 (none for O: BR-O-05)
      ),
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', amount('ram:LineTotalAmount', line.amountExclTax)), // BT-131
    ),
  );
}

function headerAgreement(doc: InvoiceDocument): XmlElement {
  return el(
    'ram:ApplicableHeaderTradeAgreement',
    tradeParty('ram:SellerTradeParty', doc.seller, sellerLegalInformation(doc.seller)), // BG-4
    tradeParty('ram:BuyerTradeParty', doc.buyer), // BG-7
    present(doc.orderReference) && el('ram:BuyerOrderReferencedDocument', leaf('ram:IssuerAssignedID', doc.orderReference)), // BT-13
  );
}

/** BT-33: the French mandatory legal mentions of the seller (legal form, share capital, RCS). */
function sellerLegalInformation(seller: Seller): string | null {
  const parts = [seller.legalMention, seller.registration].filter(present);
  return parts.length > 0 ? parts.join(' — ') : null;
}

function tradeParty(name: string, party: Party, legalInformation: string | null = null): XmlElement {
  return el(
    name,
    present(party.siret) && leaf('ram:GlobalID', party.siret, { schemeID: '0009' }), // BT-29 / BT-46: SIRET (ISO 6523 ICD 0009)
    leaf('ram:Name', party.name), // BT-27 / BT-44
    legalInformation !== null && leaf('ram:Description', legalInformation), // BT-33
    present(party.siren) && el('ram:SpecifiedLegalOrganization', leaf('ram:ID', party.siren, { schemeID: '0002' })), // BT-30 / BT-47: SIREN
    postalAddress(party.address), // BG-5 / BG-8
    present(party.email) && el('ram:URIUniversalCommunication', leaf('ram:URIID', party.email, { schemeID: 'EM' })), // BT-34 / BT-49
    present(party.vatNumber) && el('ram:SpecifiedTaxRegistration', leaf('ram:ID', party.vatNumber, { schemeID: 'VA' })), // BT-31 / BT-48
  );
}

function postalAddress(address: PostalAddress): XmlElement {
  return el(
    'ram:PostalTradeAddress',
    present(address.postalCode) && leaf('ram:PostcodeCode', address.postalCode), // BT-38 / BT-53
    present(address.line1) && leaf('ram:LineOne', address.line1), // BT-35 / BT-50
    present(address.line2) && leaf('ram:LineTwo', address.line2), // BT-36 / BT-51
    present(address.city) && leaf('ram:CityName', address.city), // BT-37 / BT-52
    leaf('ram:CountryID', address.country), // BT-40 / BT-55
  );
}

function headerSettlement(doc: InvoiceDocument): XmlElement {
  const { totals, precedingInvoice } = doc;
  return el(
    'ram:ApplicableHeaderTradeSettlement',
    leaf('ram:InvoiceCurrencyCode', doc.currency), // BT-5
    paymentMeans(doc), // BG-16
    ...doc.vatBreakdown.map(vatBreakdown), // BG-23
    paymentTerms(doc),
    el(
      'ram:SpecifiedTradeSettlementHeaderMonetarySummation', // BG-22
      amount('ram:LineTotalAmount', totals.lineTotal), // BT-106
      amount('ram:TaxBasisTotalAmount', totals.taxExclusive), // BT-109
      amount('ram:TaxTotalAmount', totals.tax, doc.currency), // BT-110
      amount('ram:GrandTotalAmount', totals.taxInclusive), // BT-112
      amount('ram:TotalPrepaidAmount', totals.prepaid), // BT-113
      amount('ram:DuePayableAmount', totals.dueAmount), // BT-115
    ),
    // BG-3: the invoice a credit note corrects, by number (BT-25) and issue date (BT-26).
    precedingInvoice &&
      el(
        'ram:InvoiceReferencedDocument',
        leaf('ram:IssuerAssignedID', precedingInvoice.number),
        el('ram:FormattedIssueDateTime', leaf('qdt:DateTimeString', formatDate102(precedingInvoice.issueDate), { format: '102' })),
      ),
  );
}

/**
 * BG-16/BG-17: where to pay by transfer. Only invoices: on a credit note the seller's account is not where the money
 * goes. 58 is a SEPA credit transfer, which is a euro scheme; a CHF transfer is a plain credit transfer (30).
 */
function paymentMeans(doc: InvoiceDocument): XmlElement | null {
  const { iban, bic } = doc.seller;
  if (doc.kind === 'credit_note' || !present(iban)) return null;
  return el(
    'ram:SpecifiedTradeSettlementPaymentMeans',
    leaf('ram:TypeCode', doc.currency === 'EUR' ? '58' : '30'), // BT-81 (UNTDID 4461)
    el('ram:PayeePartyCreditorFinancialAccount', leaf('ram:IBANID', iban.replace(/\s+/g, ''))), // BT-84, electronic format
    present(bic) && el('ram:PayeeSpecifiedCreditorFinancialInstitution', leaf('ram:BICID', bic)), // BT-86
  );
}

function vatBreakdown(b: VatBreakdown): XmlElement {
  // Exemption reasons only exist for E / AE / O: the rules (BR-S-10, BR-Z-10) refuse them elsewhere before we get here.
  return el(
    'ram:ApplicableTradeTax',
    amount('ram:CalculatedAmount', b.taxAmount), // BT-117
    leaf('ram:TypeCode', 'VAT'),
    present(b.exemptionReason) && leaf('ram:ExemptionReason', b.exemptionReason), // BT-120
    amount('ram:BasisAmount', b.taxableAmount), // BT-116
    leaf('ram:CategoryCode', b.vatCategory), // BT-118
    present(b.exemptionCode) && leaf('ram:ExemptionReasonCode', b.exemptionCode), // BT-121
    b.vatCategory !== 'O' && leaf('ram:RateApplicablePercent', formatRateBp(b.vatRateBp)), // BT-119 (none for O: BR-48)
  );
}

/** BT-20 terms and BT-9 due date (for a paid invoice, the payment date). */
function paymentTerms(doc: InvoiceDocument): XmlElement | null {
  if (!present(doc.paymentTerms) && !present(doc.dueDate)) return null;
  return el(
    'ram:SpecifiedTradePaymentTerms',
    present(doc.paymentTerms) && leaf('ram:Description', doc.paymentTerms),
    present(doc.dueDate) && date('ram:DueDateDateTime', doc.dueDate),
  );
}
