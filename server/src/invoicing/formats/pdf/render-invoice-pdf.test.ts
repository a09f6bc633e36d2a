import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../invoice-document.ts';
import { creditNote, exemptTrainingInvoice, standardVatInvoice, swissInvoice } from '../sample-documents.ts';
import { formatMoney } from './format.ts';
import { renderInvoicePdf } from './render-invoice-pdf.ts';
import { englishInvoice, facturXFixture, longInvoice, longSwissInvoice } from './testing/fixtures.ts';
import { assertWellFormedXml, foldSpaces, PdfOnDisk, runTool, toolInstalled } from './testing/pdf-tools.ts';

const now = new Date('2026-11-24T09:30:00Z');
const hasQpdf = toolInstalled('qpdf');

/** Renders as the invoicing module will: with the Factur-X XML for EUR documents. */
async function render(invoice: InvoiceDocument): Promise<{ pdf: PdfOnDisk; xml: string | undefined; bytes: Buffer }> {
  const xml = invoice.currency === 'EUR' ? facturXFixture(invoice.number) : undefined;
  const bytes = await renderInvoicePdf(invoice, { now, ...(xml !== undefined ? { facturXXml: xml } : {}) });
  return { pdf: new PdfOnDisk(bytes), xml, bytes };
}

const money = (invoice: InvoiceDocument, amount: number) => foldSpaces(formatMoney(amount, invoice.currency, invoice.language));

const samples: [string, InvoiceDocument][] = [
  ['standard VAT invoice', standardVatInvoice],
  ['VAT-exempt training invoice', exemptTrainingInvoice],
  ['credit note', creditNote],
  ['Swiss CHF invoice', swissInvoice],
  ['English invoice', englishInvoice],
];

describe.each(samples)('invoice PDF — %s', (_name, invoice) => {
  let rendered: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    rendered = await render(invoice);
  });
  afterAll(() => rendered?.pdf.remove());

  it('is a PDF 1.7 titled with the number and authored by the seller, which pdfinfo reads without complaint', () => {
    const { fields, stderr } = rendered.pdf.info();
    expect(fields['PDF version']).toBe('1.7');
    expect(fields.Title).toBe(invoice.number);
    expect(fields.Author).toBe(invoice.seller.name);
    expect(Number(fields.Pages)).toBeGreaterThanOrEqual(1);
    expect(fields['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(stderr).toBe('');
  });

  it('embeds every font it uses (PDF/A), all DejaVu', () => {
    const fonts = rendered.pdf.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ embedded: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    }
  });

  it('declares PDF/A-3b in a well-formed XMP packet that agrees with the Info dictionary', () => {
    const xmp = rendered.pdf.xmp();
    assertWellFormedXml(xmp);
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${invoice.number}</rdf:li>`);
    expect(xmp).toContain('<xmp:CreateDate>2026-11-24T09:30:00Z</xmp:CreateDate>');
  });

  if (invoice.currency === 'EUR') {
    it('carries factur-x.xml byte for byte, declared as Factur-X EN 16931 with its PDF/A extension schema', () => {
      expect(rendered.pdf.attachments()).toEqual(['factur-x.xml']);
      expect(rendered.pdf.attachment('factur-x.xml').equals(Buffer.from(rendered.xml!, 'utf8'))).toBe(true);
      const xmp = rendered.pdf.xmp();
      expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
      expect(xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
      expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
      expect(xmp).toContain('<fx:Version>1.0</fx:Version>');
      expect(xmp).toContain('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
      // The relationship and MIME type are in the file specification, which no poppler tool prints.
      const raw = rendered.bytes.toString('latin1');
      expect(raw).toContain('/AFRelationship /Alternative');
      expect(raw).toContain('/Subtype /text#2Fxml');
      expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    });
  } else {
    it('carries no attachment and no Factur-X metadata without the XML', () => {
      expect(rendered.pdf.attachments()).toEqual([]);
      expect(rendered.pdf.xmp()).not.toContain('fx:');
    });
  }

  it.skipIf(!hasQpdf)('passes qpdf --check (skipped when qpdf is not installed: .ci/run installs poppler-utils only)', () => {
    expect(() => runTool('qpdf', ['--check', rendered.pdf.path])).not.toThrow();
  });

  it('prints the number, the totals and the amount due, page-numbered', () => {
    const text = rendered.pdf.text();
    expect(text).toContain(invoice.number);
    expect(text).toContain(money(invoice, invoice.totals.taxExclusive));
    expect(text).toContain(money(invoice, invoice.totals.tax));
    expect(text).toContain(money(invoice, invoice.totals.taxInclusive));
    expect(text).toContain(money(invoice, invoice.totals.dueAmount));
    for (const line of invoice.lines) expect(text).toContain(foldSpaces(line.description));
    for (const note of invoice.notes) expect(text).toContain(foldSpaces(note));
    expect(text).toContain(`1/${rendered.pdf.pages()}`);
  });
});

describe('invoice PDF — content by kind', () => {
  it('prints the exemption mention of an exempt invoice next to its VAT breakdown', async () => {
    const { pdf } = await render(exemptTrainingInvoice);
    try {
      const text = pdf.text();
      expect(text).toContain('Exonération de TVA, article 261-4-4° a du CGI');
      expect(text).toContain('Exonéré');
    } finally {
      pdf.remove();
    }
  });

  it('titles a credit note AVOIR and names the invoice it corrects', async () => {
    const { pdf } = await render(creditNote);
    try {
      const text = pdf.text();
      expect(text).toContain('AVOIR');
      expect(text).not.toContain('FACTURE ');
      expect(text).toContain('Facture d’origine : F-2026-000123 du 24/11/2026');
      expect(text).toContain('REMBOURSÉ');
    } finally {
      pdf.remove();
    }
  });

  it('stamps a paid invoice ACQUITTÉE, and an unpaid one not', async () => {
    const paid = await render(standardVatInvoice);
    const unpaid = await render({ ...standardVatInvoice, paid: false, totals: { ...standardVatInvoice.totals, prepaid: 0, dueAmount: 2_590 } });
    try {
      expect(paid.pdf.text()).toContain('ACQUITTÉE');
      const text = unpaid.pdf.text();
      expect(text).not.toContain('ACQUITTÉE');
      // Something is left to pay: the bank details are printed.
      expect(text).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP');
    } finally {
      paid.pdf.remove();
      unpaid.pdf.remove();
    }
  });

  it('speaks English for an English document', async () => {
    const { pdf } = await render(englishInvoice);
    try {
      const text = pdf.text();
      for (const word of ['INVOICE', 'Description', 'Unit price', 'Total incl. VAT', 'Amount due', 'PAID', '€25.90', '24 November 2026']) {
        expect(text).toContain(word);
      }
      expect(text).not.toContain('FACTURE');
    } finally {
      pdf.remove();
    }
  });

  it('shows the logo when the brand has one', async () => {
    const { PNG } = await import('pngjs');
    const logo = new PNG({ width: 60, height: 20 });
    logo.data.fill(0x80);
    const invoice = { ...standardVatInvoice, seller: { ...standardVatInvoice.seller, brand: { ...standardVatInvoice.seller.brand, logoPng: PNG.sync.write(logo) } } };
    const { pdf } = await render(invoice);
    try {
      expect(pdf.info().stderr).toBe('');
      expect(pdf.text()).toContain('Mondial TV');
    } finally {
      pdf.remove();
    }
  });
});

describe('invoice PDF — pagination', () => {
  let pdf: PdfOnDisk;
  const invoice = longInvoice(100);
  beforeAll(async () => {
    pdf = (await render(invoice)).pdf;
  });
  afterAll(() => pdf?.remove());

  it('runs 100 lines over at least 3 pages, each numbered n/N, with the table header on every page of lines', () => {
    const pages = pdf.pages();
    expect(pages).toBeGreaterThanOrEqual(3);
    let pagesWithLines = 0;
    for (let page = 1; page <= pages; page++) {
      const text = pdf.text(page);
      expect(text).toContain(`${page}/${pages}`);
      if (/\bLigne \d+\b/.test(text)) {
        pagesWithLines++;
        // Word by word: text extraction may interleave the running header with the table header.
        for (const column of ['Désignation', 'Qté', 'P.U. HT', 'TVA', 'Montant HT']) expect(text, `page ${page}`).toContain(column);
      }
      if (page > 1) expect(text).toContain(`FACTURE N° ${invoice.number} (suite)`);
    }
    expect(pagesWithLines).toBeGreaterThanOrEqual(3);
  });

  it('prints every line exactly once, and the totals after the last one', () => {
    const text = pdf.text();
    for (let n = 1; n <= 100; n++) expect(text.match(new RegExp(`\\bLigne ${n}\\b`, 'g')), `Ligne ${n}`).toHaveLength(1);
    expect(text.lastIndexOf('Ligne 100')).toBeLessThan(text.indexOf('Net à payer'));
    expect(text).toContain(money(invoice, invoice.totals.dueAmount));
  });
});

describe('invoice PDF — Swiss QR-bill', () => {
  /** Swiss Payment Standards, QR-bill implementation guidelines 2.3: the payload's fields, one per line. */
  function parsePayload(payload: string) {
    const f = payload.split(/\r?\n/);
    return {
      header: f.slice(0, 3),
      iban: f[3],
      creditor: f.slice(4, 11),
      amount: f[18],
      currency: f[19],
      debtor: f.slice(20, 27),
      referenceType: f[27],
      reference: f[28],
      message: f[29],
      trailer: f[30],
    };
  }

  it('puts the payment part at the bottom of the single page, and its QR code round-trips', async () => {
    const { pdf } = await render(swissInvoice);
    try {
      expect(pdf.pages()).toBe(1);
      const text = pdf.text(1);
      expect(text).toContain('Section paiement');
      expect(text).toContain('Récépissé');
      const payload = pdf.decodeQrAtBottom(1);
      expect(payload, 'no QR code found in the bottom 105 mm').not.toBeNull();
      const fields = parsePayload(payload!);
      expect(fields.header).toEqual(['SPC', '0200', '1']);
      expect(fields.iban).toBe('CH9300762011623852957');
      expect(fields.creditor).toEqual(['S', 'WIN WIN Finance Sàrl', 'Rue du Rhône', '14', '1204', 'Genève', 'CH']);
      expect(fields.amount).toBe('185.00');
      expect(fields.currency).toBe('CHF');
      expect(fields.debtor).toEqual(['S', 'Léa Muller', 'Chemin des Vignes', '3', '1009', 'Pully', 'CH']);
      expect(fields.referenceType).toBe('NON');
      expect(fields.reference).toBe('');
      expect(fields.message).toBe('F-2026-000031');
      expect(fields.trailer).toBe('EPD');
    } finally {
      pdf.remove();
    }
  });

  it('moves the payment part to a page of its own when the content leaves no 105 mm free', async () => {
    // Where the content ends depends on the layout; among these lengths, some end too low for the bill to fit.
    let found: { invoice: InvoiceDocument; pdf: PdfOnDisk } | undefined;
    for (let count = 36; count <= 60 && !found; count += 2) {
      const invoice = longSwissInvoice(count);
      const { pdf } = await render(invoice);
      const pages = pdf.pages();
      if (pdf.text(pages).includes('Section paiement (QR-facture)') && !pdf.text(pages).includes('Ligne')) found = { invoice, pdf };
      else pdf.remove();
    }
    expect(found, 'no invoice length put the QR-bill on a page of its own').toBeDefined();
    const { invoice, pdf } = found!;
    try {
      const fields = parsePayload(pdf.decodeQrAtBottom(pdf.pages()) ?? '');
      expect(fields.amount).toBe(`${Math.trunc(invoice.totals.dueAmount / 100)}.${String(invoice.totals.dueAmount % 100).padStart(2, '0')}`);
      expect(fields.message).toBe(invoice.number);
    } finally {
      pdf.remove();
    }
  });

  it('adds no QR-bill to a EUR invoice, nor to a settled CHF one', async () => {
    const settled = { ...swissInvoice, paid: true, totals: { ...swissInvoice.totals, prepaid: 18_500, dueAmount: 0 } };
    for (const invoice of [standardVatInvoice, settled]) {
      const { pdf } = await render(invoice);
      try {
        expect(pdf.text()).not.toContain('Récépissé');
      } finally {
        pdf.remove();
      }
    }
  });
});

describe('invoice PDF — determinism and metadata', () => {
  it('is byte-identical for the same document and date, and differs with the date', async () => {
    const xml = facturXFixture(standardVatInvoice.number);
    const a = await renderInvoicePdf(standardVatInvoice, { now, facturXXml: xml });
    const b = await renderInvoicePdf(standardVatInvoice, { now, facturXXml: xml });
    const c = await renderInvoicePdf(standardVatInvoice, { now: new Date('2026-11-25T09:30:00Z'), facturXXml: xml });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('escapes & and < in the XMP while the Info dictionary keeps the raw name', async () => {
    const seller = { ...standardVatInvoice.seller, name: 'Dupont & Fils <SA>' };
    const { pdf } = await render({ ...standardVatInvoice, seller });
    try {
      expect(pdf.info().fields.Author).toBe('Dupont & Fils <SA>');
      const xmp = pdf.xmp();
      assertWellFormedXml(xmp);
      expect(xmp).toContain('<rdf:li>Dupont &amp; Fils &lt;SA&gt;</rdf:li>');
    } finally {
      pdf.remove();
    }
  });

  it('refuses a Factur-X XML of another profile than EN 16931, rather than mislabel it', async () => {
    const basic = facturXFixture('F-1').replace('urn:cen.eu:en16931:2017', 'urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic');
    await expect(renderInvoicePdf(standardVatInvoice, { now, facturXXml: basic })).rejects.toThrow(/EN 16931/);
  });
});
