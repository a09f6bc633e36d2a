/**
 * PDF/A-3 metadata and the Factur-X attachment: what turns a pdfkit document into a Factur-X invoice.
 *
 * pdfkit writes the XMP packet itself (pdfaid, dc:title, dc:creator…) from `doc.info`, but without escaping: an `&` in
 * a seller's name ("Dupont & Fils") would make the packet invalid XML and the file non-conformant. pdfkit also knows
 * nothing of Factur-X, whose `fx:` properties must be declared in a `pdfaExtension:schemas` block (PDF/A only accepts
 * XMP properties of predefined schemas or of schemas described in the file itself).
 */

export const FACTUR_X_FILENAME = 'factur-x.xml';
const FX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/**
 * The guideline ID (BT-24) of the EN 16931 profile. The XMP declares `EN 16931`; checking the XML carries the same
 * profile keeps the PDF from announcing a level its XML does not have (BASIC and EXTENDED use other IDs).
 */
const EN16931_GUIDELINE = /<(?:[\w-]+:)?ID>\s*urn:cen\.eu:en16931:2017\s*<\//;

/** pdfkit's `file()` accepts `relationship`, which @types/pdfkit 0.17 does not declare. */
declare global {
  namespace PDFKit.Mixins {
    interface PDFAttachmentOptions {
      relationship?: 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'EncryptedPayload' | 'FormData' | 'Schema' | 'Unspecified';
    }
  }
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Makes pdfkit escape the `doc.info` strings it copies into the XMP packet, and only there: the Info dictionary must
 * keep the raw text (pdfkit encodes PDF strings correctly), and PDF/A requires both to say the same thing.
 * pdfkit writes the Info dictionary in `end()` before it calls `endMetadata()`, so swapping `info` during
 * `endMetadata()` alone affects the XMP only.
 */
export function escapeInfoInXmp(doc: PDFKit.PDFDocument): void {
  const endMetadata = doc.endMetadata.bind(doc);
  const target = doc as unknown as { info: Record<string, unknown> };
  doc.endMetadata = () => {
    const raw = target.info;
    target.info = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      endMetadata();
    } finally {
      target.info = raw;
    }
  };
}

/** The Factur-X XMP properties and their PDF/A extension schema description (Factur-X 1.0 specification, §6.2). */
function facturXXmp(): string {
  const property = (name: string, description: string) => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:fx="${FX_NAMESPACE}">
            <fx:DocumentType>INVOICE</fx:DocumentType>
            <fx:DocumentFileName>${FACTUR_X_FILENAME}</fx:DocumentFileName>
            <fx:Version>1.0</fx:Version>
            <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about=""
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FX_NAMESPACE}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'The name of the embedded XML document')}${property(
                    'DocumentType',
                    'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER',
                  )}${property('Version', 'The actual version of the standard applying to the embedded XML document')}${property(
                    'ConformanceLevel',
                    'The conformance level of the embedded XML document',
                  )}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>`;
}

/**
 * Embeds the Factur-X XML and declares it in the XMP.
 *
 * AFRelationship: Factur-X requires `Data` only for the MINIMUM and BASIC WL profiles, which are not invoices in
 * themselves; for EN 16931 the XML is an equivalent of the visible invoice, hence `Alternative` — for credit notes too
 * (a credit note is an invoice-type document, type code 381, and `fx:DocumentType` stays INVOICE).
 */
export function attachFacturX(doc: PDFKit.PDFDocument, xml: string, date: Date): void {
  if (!EN16931_GUIDELINE.test(xml)) {
    throw new Error(
      'Invoice PDF: the Factur-X XML does not declare the EN 16931 profile (guideline ID urn:cen.eu:en16931:2017), ' +
        'while the PDF metadata would announce ConformanceLevel "EN 16931".',
    );
  }
  doc.file(Buffer.from(xml, 'utf8'), {
    name: FACTUR_X_FILENAME,
    type: 'text/xml',
    relationship: 'Alternative',
    description: 'Factur-X invoice (EN 16931)',
    // Fixed dates in /Params: pdfkit would otherwise leave them out, and a clock read here would break determinism.
    creationDate: date,
    modifiedDate: date,
  });
  doc.appendXML(facturXXmp());
}
