import PDFDocument from 'pdfkit';
import { assertFontsInstalled, FONT_BOLD, FONT_FILES, FONT_REGULAR, registerFonts } from '../../invoicing/formats/pdf/fonts.ts';

export { FONT_BOLD, FONT_REGULAR };

export const A4 = { width: 595.28, height: 841.89 } as const;

/**
 * A pdfkit A4 document with the platform's embedded fonts (the invoice's DejaVu: no reader font is ever relied on),
 * and a promise of its bytes once `doc.end()` is called. `now` pins the dates so a rendering is reproducible.
 */
export function newPdf(info: { title: string; author: string; subject?: string; now: Date }): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  assertFontsInstalled();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    font: FONT_FILES[FONT_REGULAR],
    bufferPages: true,
    lang: 'fr-CH',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title, Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: info.now, ModDate: info.now },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
