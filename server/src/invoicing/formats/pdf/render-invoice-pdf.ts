import PDFDocument from 'pdfkit';
import type { InvoiceDocument } from '../invoice-document.ts';
import { assertFontsInstalled, FONT_FILES, FONT_REGULAR, registerFonts } from './fonts.ts';
import { drawFirstPageHeader } from './header-blocks.ts';
import { labelsFor } from './labels.ts';
import { drawLinesTable } from './lines-table.ts';
import { brandColorOf, type RenderContext, stampPageNumbers } from './page-frame.ts';
import { attachFacturX, escapeInfoInXmp } from './pdfa-metadata.ts';
import { drawNotes, drawPaidStamp, drawPaymentTerms, drawVatAndTotals } from './summary-blocks.ts';
import { drawSwissQrBill } from './swiss-qr-bill.ts';

export { swissQrBillData } from './swiss-qr-bill.ts';

export interface RenderInvoicePdfOptions {
  /** The Factur-X CII XML (EN 16931 profile) to embed as `factur-x.xml`; without it the PDF is a plain PDF/A-3b. */
  facturXXml?: string;
  /**
   * The creation date written in the PDF (Info, XMP, attachment dates). Given, the output is byte-for-byte
   * reproducible — what lets a stored invoice be re-rendered and compared to its SHA-256. Defaults to the clock.
   */
  now?: Date;
}

/**
 * Renders an issued invoice or credit note as a PDF/A-3b: embedded DejaVu fonts, the seller's brand, paginated lines,
 * VAT breakdown and totals, legal notes; with the Factur-X XML attached when given, and the Swiss QR-bill payment part
 * for a CHF invoice with something left to pay.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument, options: RenderInvoicePdfOptions = {}): Promise<Buffer> {
  assertFontsInstalled();
  const now = options.now ?? new Date();
  const labels = labelsFor(invoice.language);
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    size: 'A4',
    margin: 0,
    // pdfkit opens Helvetica by default; starting on the TTF keeps any non-embedded font out of the file.
    font: FONT_FILES[FONT_REGULAR],
    bufferPages: true,
    lang: invoice.language === 'fr' ? (invoice.seller.address.country === 'CH' ? 'fr-CH' : 'fr-FR') : 'en',
    displayTitle: true,
    info: {
      Title: invoice.number,
      Author: invoice.seller.name,
      Subject: `${labels.title[invoice.kind]} ${invoice.number} — ${invoice.seller.name} → ${invoice.buyer.name}`,
      Creator: 'Comptoir',
      Producer: 'Comptoir (pdfkit)',
      CreationDate: now,
    },
  });
  escapeInfoInXmp(doc);
  registerFonts(doc);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const ctx: RenderContext = { doc, invoice, language: invoice.language, labels, brandColor: brandColorOf(invoice) };
  let y = drawFirstPageHeader(ctx);
  y = drawLinesTable(ctx, y);
  y = drawVatAndTotals(ctx, y);
  y = drawPaidStamp(ctx, y);
  y = drawPaymentTerms(ctx, y);
  y = drawNotes(ctx, y);
  drawSwissQrBill(ctx, y);
  stampPageNumbers(ctx);

  if (options.facturXXml !== undefined) attachFacturX(doc, options.facturXXml, now);
  doc.end();
  return done;
}
