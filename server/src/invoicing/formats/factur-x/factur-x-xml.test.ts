import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../invoice-document.ts';
import { creditNote, exemptTrainingInvoice, standardVatInvoice, swissInvoice } from '../sample-documents.ts';
import { formatMinorUnits } from './cii-values.ts';
import { En16931Error, renderFacturXXml } from './factur-x-xml.ts';
import { consistentDocument } from './testing/consistent-documents.ts';
import { facturXXsd, readValues, validateAgainstXsd } from './testing/xmllint.ts';

const samples = { standardVatInvoice, exemptTrainingInvoice, creditNote, swissInvoice };

const AGREEMENT = 'SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement';
const SELLER = `${AGREEMENT}/SellerTradeParty`;
const BUYER = `${AGREEMENT}/BuyerTradeParty`;
const SETTLEMENT = 'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement';
const SUMS = `${SETTLEMENT}/SpecifiedTradeSettlementHeaderMonetarySummation`;
const LINE = (n: number) => `SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[${n}]`;

/**
 * Values read back from the XML by XPath — what a receiving platform parses, not what we printed — in one xmllint run
 * per document. Keys are paths from CrossIndustryInvoice; `#path` is a node count.
 */
function expectXml(xml: string, expected: Record<string, string>): void {
  expect(readValues(xml, Object.keys(expected))).toEqual(expected);
}

/** Sellers and buyers whose names need escaping. */
const escapingSample: InvoiceDocument = {
  ...standardVatInvoice,
  number: 'F-2026-000999',
  seller: { ...standardVatInvoice.seller, name: 'Dupont & Fils <SARL>', legalMention: 'SAS "D&F" au capital de 1 000 €' },
  buyer: { ...standardVatInvoice.buyer, name: 'Café <b>"Le Zinc"</b> & Cie', email: "o'brien&co@example.fr" },
  lines: standardVatInvoice.lines.map((l, i) => (i === 0 ? { ...l, description: 'Formation R&D <niveau 2> ]]> fin' } : l)),
};

describe('Factur-X EN 16931 XML', () => {
  it('has the official XSD and xmllint at hand (the suite fails without them, it does not skip)', () => {
    expect(existsSync(facturXXsd), facturXXsd).toBe(true);
    expect(validateAgainstXsd([{ name: 'sample', xml: renderFacturXXml(standardVatInvoice) }]).invalid).toEqual([]);
  });

  it('renders every sample kind as XML valid against Factur-X_EN16931.xsd', () => {
    const documents = Object.entries({ ...samples, escapingSample }).map(([name, doc]) => ({ name, xml: renderFacturXXml(doc) }));
    const { invalid, output } = validateAgainstXsd(documents);
    expect(invalid, output).toEqual([]);
  });

  it('writes the context, header and lines of the VAT 20 % invoice', () => {
    const xml = renderFacturXXml(standardVatInvoice);
    expectXml(xml, {
      'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID': 'urn:cen.eu:en16931:2017', // BT-24
      'ExchangedDocument/ID': 'F-2026-000123', // BT-1
      'ExchangedDocument/TypeCode': '380', // BT-3
      'ExchangedDocument/IssueDateTime/DateTimeString': '20261124', // BT-2
      'ExchangedDocument/IssueDateTime/DateTimeString/@format': '102',
      // BT-22 / BT-21: the mixed penalties + indemnity mention stays uncoded, the discount one is AAB.
      '#ExchangedDocument/IncludedNote': '2',
      '#ExchangedDocument/IncludedNote[1]/SubjectCode': '0',
      'ExchangedDocument/IncludedNote[2]/SubjectCode': 'AAB',
      '#SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem': '2',
      [`${LINE(2)}/AssociatedDocumentLineDocument/LineID`]: '2', // BT-126
      [`${LINE(2)}/SpecifiedTradeProduct/Name`]: 'Option multi-écrans', // BT-153
      [`${LINE(2)}/SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount`]: '2.50', // BT-146
      [`${LINE(2)}/SpecifiedLineTradeDelivery/BilledQuantity`]: '2', // BT-129
      [`${LINE(2)}/SpecifiedLineTradeDelivery/BilledQuantity/@unitCode`]: 'C62', // BT-130
      [`${LINE(2)}/SpecifiedLineTradeSettlement/ApplicableTradeTax/CategoryCode`]: 'S', // BT-151
      [`${LINE(2)}/SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent`]: '20.00', // BT-152
      [`${LINE(2)}/SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`]: '5.00', // BT-131
    });
  });

  it('writes the parties, references, delivery, payment and totals of the VAT 20 % invoice', () => {
    const xml = renderFacturXXml(standardVatInvoice);
    expectXml(xml, {
      [`${SELLER}/Name`]: 'Mondial TV SAS', // BT-27
      [`${SELLER}/SpecifiedLegalOrganization/ID`]: '552100554', // BT-30
      [`${SELLER}/SpecifiedLegalOrganization/ID/@schemeID`]: '0002',
      [`${SELLER}/SpecifiedTaxRegistration/ID[@schemeID="VA"]`]: 'FR40552100554', // BT-31
      [`${SELLER}/Description`]: 'SAS au capital de 50 000 € — RCS Nîmes 552 100 554', // BT-33
      [`${SELLER}/PostalTradeAddress/CountryID`]: 'FR', // BT-40
      [`${BUYER}/Name`]: 'Camille Martin', // BT-44
      [`#${BUYER}/SpecifiedTaxRegistration`]: '0', // a consumer: no BT-48
      [`${AGREEMENT}/BuyerOrderReferencedDocument/IssuerAssignedID`]: 'CMD-2026-000042', // BT-13
      'SupplyChainTradeTransaction/ApplicableHeaderTradeDelivery/ActualDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString': '20261124', // BT-72
      [`${SETTLEMENT}/InvoiceCurrencyCode`]: 'EUR', // BT-5
      [`${SETTLEMENT}/SpecifiedTradeSettlementPaymentMeans/TypeCode`]: '58', // BT-81
      [`${SETTLEMENT}/SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID`]: 'FR7630006000011234567890189', // BT-84
      [`${SETTLEMENT}/ApplicableTradeTax/BasisAmount`]: '21.58', // BT-116
      [`${SETTLEMENT}/ApplicableTradeTax/CalculatedAmount`]: '4.32', // BT-117
      [`${SETTLEMENT}/ApplicableTradeTax/CategoryCode`]: 'S', // BT-118
      [`${SETTLEMENT}/ApplicableTradeTax/RateApplicablePercent`]: '20.00', // BT-119
      [`#${SETTLEMENT}/ApplicableTradeTax/ExemptionReason`]: '0',
      [`${SETTLEMENT}/SpecifiedTradePaymentTerms/Description`]: standardVatInvoice.paymentTerms, // BT-20
      [`${SETTLEMENT}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString`]: '20261124', // BT-9
      [`${SUMS}/LineTotalAmount`]: '21.58', // BT-106
      [`${SUMS}/TaxBasisTotalAmount`]: '21.58', // BT-109
      [`${SUMS}/TaxTotalAmount`]: '4.32', // BT-110
      [`${SUMS}/TaxTotalAmount/@currencyID`]: 'EUR',
      [`${SUMS}/GrandTotalAmount`]: '25.90', // BT-112
      [`${SUMS}/TotalPrepaidAmount`]: '25.90', // BT-113: a "facture acquittée"
      [`${SUMS}/DuePayableAmount`]: '0.00', // BT-115
      [`#${SETTLEMENT}/InvoiceReferencedDocument`]: '0',
    });
  });

  it('writes the exemption reason of the VAT-exempt training invoice (BT-120, category E)', () => {
    const xml = renderFacturXXml(exemptTrainingInvoice);
    expectXml(xml, {
      [`${LINE(1)}/SpecifiedLineTradeSettlement/ApplicableTradeTax/CategoryCode`]: 'E',
      [`${SETTLEMENT}/ApplicableTradeTax/CategoryCode`]: 'E',
      [`${SETTLEMENT}/ApplicableTradeTax/ExemptionReason`]: 'Exonération de TVA, article 261-4-4° a du CGI',
      [`${SETTLEMENT}/ApplicableTradeTax/RateApplicablePercent`]: '0.00',
      [`${SETTLEMENT}/ApplicableTradeTax/CalculatedAmount`]: '0.00',
      [`${SUMS}/GrandTotalAmount`]: '690.00',
      [`${BUYER}/SpecifiedLegalOrganization/ID`]: '130002819', // BT-47
      [`${BUYER}/SpecifiedTaxRegistration/ID[@schemeID="VA"]`]: 'FR21130002819', // BT-48
    });
  });

  it('writes the credit note as type 381 referencing its invoice (BG-3)', () => {
    const xml = renderFacturXXml(creditNote);
    expectXml(xml, {
      'ExchangedDocument/TypeCode': '381',
      'ExchangedDocument/ID': 'AV-2026-000007',
      [`${SETTLEMENT}/InvoiceReferencedDocument/IssuerAssignedID`]: 'F-2026-000123', // BT-25
      [`${SETTLEMENT}/InvoiceReferencedDocument/FormattedIssueDateTime/DateTimeString`]: '20261124', // BT-26
      [`${SETTLEMENT}/InvoiceReferencedDocument/FormattedIssueDateTime/DateTimeString/@format`]: '102',
      [`#${SETTLEMENT}/SpecifiedTradeSettlementPaymentMeans`]: '0', // the seller's IBAN is not where a refund goes
      [`${SUMS}/TaxBasisTotalAmount`]: '8.33',
      [`${SUMS}/TaxTotalAmount`]: '1.67',
      [`${SUMS}/GrandTotalAmount`]: '10.00',
    });
  });

  it('writes the CHF invoice with its currency, a non-SEPA transfer and the amount still due', () => {
    const xml = renderFacturXXml(swissInvoice);
    expectXml(xml, {
      [`${SETTLEMENT}/InvoiceCurrencyCode`]: 'CHF',
      [`${SUMS}/TaxTotalAmount/@currencyID`]: 'CHF',
      [`${SETTLEMENT}/SpecifiedTradeSettlementPaymentMeans/TypeCode`]: '30',
      [`${SETTLEMENT}/SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID`]: 'CH9300762011623852957',
      [`${SELLER}/SpecifiedTaxRegistration/ID`]: 'CHE-123.456.788 TVA',
      [`#${SELLER}/SpecifiedLegalOrganization`]: '0', // no SIREN in Switzerland
      [`${SELLER}/PostalTradeAddress/CountryID`]: 'CH',
      [`${SUMS}/TotalPrepaidAmount`]: '0.00',
      [`${SUMS}/DuePayableAmount`]: '185.00',
      [`${SETTLEMENT}/SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString`]: '20261224',
    });
  });

  it('escapes & and < (and quotes) so names read back exactly', () => {
    const xml = renderFacturXXml(escapingSample);
    expect(xml).toContain('<ram:Name>Dupont &amp; Fils &lt;SARL&gt;</ram:Name>');
    expectXml(xml, {
      [`${SELLER}/Name`]: 'Dupont & Fils <SARL>',
      [`${SELLER}/Description`]: 'SAS "D&F" au capital de 1 000 € — RCS Nîmes 552 100 554',
      [`${BUYER}/Name`]: 'Café <b>"Le Zinc"</b> & Cie',
      [`${BUYER}/URIUniversalCommunication/URIID`]: "o'brien&co@example.fr",
      [`${LINE(1)}/SpecifiedTradeProduct/Name`]: 'Formation R&D <niveau 2> ]]> fin',
    });
  });

  it('refuses a document that breaks EN 16931 rules, naming them', () => {
    const broken = structuredClone(standardVatInvoice);
    broken.totals.taxInclusive += 1; // one cent off
    expect(() => renderFacturXXml(broken)).toThrow(En16931Error);
    expect(() => renderFacturXXml(broken)).toThrow(/BR-CO-15/);
    expect(() => renderFacturXXml(broken)).toThrow(expect.objectContaining({ rules: ['BR-CO-15', 'BR-CO-16'] }));
    const noReason = structuredClone(exemptTrainingInvoice);
    noReason.vatBreakdown[0]!.exemptionReason = null;
    expect(() => renderFacturXXml(noReason)).toThrow(/BR-E-10/);
  });

  it('refuses text XML cannot carry and malformed dates instead of writing an invalid file', () => {
    expect(() => renderFacturXXml({ ...standardVatInvoice, buyer: { ...standardVatInvoice.buyer, name: 'Bell\u0007' } })).toThrow(/ram:Name contains U\+0007/);
    expect(() => renderFacturXXml({ ...standardVatInvoice, issueDate: '24/11/2026' })).toThrow(RangeError);
  });

  it('is deterministic', () => {
    expect(renderFacturXXml(creditNote)).toBe(renderFacturXXml(structuredClone(creditNote)));
  });

  it('renders any consistently built random document, schema-valid, with its totals', () => {
    const rendered: { name: string; xml: string; doc: InvoiceDocument }[] = [];
    fc.assert(
      fc.property(consistentDocument, (doc) => {
        const xml = renderFacturXXml(doc);
        const sums = /<ram:GrandTotalAmount>([^<]*)<\/ram:GrandTotalAmount>[\s\S]*<ram:DuePayableAmount>([^<]*)</.exec(xml);
        expect(sums?.slice(1)).toEqual([formatMinorUnits(doc.totals.taxInclusive), formatMinorUnits(doc.totals.dueAmount)]);
        expect(xml.split('<ram:IncludedSupplyChainTradeLineItem>').length - 1).toBe(doc.lines.length);
        rendered.push({ name: `random-${rendered.length}`, xml, doc });
      }),
      { numRuns: 150 },
    );
    // One xmllint run for all of them: the schema is parsed once (≈ 0.2 s for 150 files).
    const { invalid, output } = validateAgainstXsd(rendered);
    const firstInvalid = rendered.find((r) => r.name === invalid[0]);
    expect(invalid, `${output}\n${JSON.stringify(firstInvalid?.doc)}`).toEqual([]);
  });
});
