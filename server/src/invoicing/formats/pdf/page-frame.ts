import type { InvoiceDocument } from '../invoice-document.ts';
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import type { Language } from './format.ts';
import type { Labels } from './labels.ts';

/**
 * The page frame shared by every block: A4 geometry, colours, the running header, and the one rule of pagination —
 * a block asks for its height and gets a y on the current page or on a fresh continuation page.
 *
 * Pages are created with zero pdfkit margins and positions are computed here. pdfkit's own line wrapper adds a page
 * whenever text crosses the bottom margin, which would put a stray half-line on an unnumbered page (and swissqrbill
 * writes text down to the very bottom of the sheet); with no margin it never does, and the layout stays in our hands.
 */

export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 45,
  right: 595.28 - 45,
  /** Where content starts: below the running header. */
  top: 42,
  /** Where content must stop. */
  bottom: 841.89 - 42,
} as const;
export const CONTENT_WIDTH = PAGE.right - PAGE.left;

export const GREY = '#555555';
export const LIGHT_GREY = '#dddddd';
export const TEXT = '#111111';
const DEFAULT_BRAND = '#333333';

export interface RenderContext {
  doc: PDFKit.PDFDocument;
  invoice: InvoiceDocument;
  language: Language;
  labels: Labels;
  /** The brand colour, validated: only `#rrggbb` reaches pdfkit. */
  brandColor: string;
}

export function brandColorOf(invoice: InvoiceDocument): string {
  const color = invoice.seller.brand.primaryColor;
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color : DEFAULT_BRAND;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
}

/** Selects font, size and colour, so measuring and drawing always use the same settings. */
function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc
    .font(style.bold ? FONT_BOLD : FONT_REGULAR)
    .fontSize(style.size ?? 9)
    .fillColor(style.color ?? TEXT);
}

/** Draws text at (x, y), wrapped to `width`; returns the y below it. */
export function drawText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, style: TextStyle = {}): number {
  applyStyle(doc, style);
  const width = style.width ?? PAGE.right - x;
  doc.text(text, x, y, { width, align: style.align ?? 'left', lineGap: 1 });
  return y + doc.heightOfString(text, { width, lineGap: 1 });
}

export function measureText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle = {}): number {
  applyStyle(doc, style);
  return doc.heightOfString(text, { width, lineGap: 1 });
}

export function rule(doc: PDFKit.PDFDocument, y: number, color = LIGHT_GREY, x1: number = PAGE.left, x2: number = PAGE.right): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).strokeColor(color).stroke().restore();
}

/** Adds a page whose top line recalls the document ("Mondial TV — FACTURE N° F-… (suite)"); returns where content starts. */
export function addContinuationPage(ctx: RenderContext): number {
  const { doc, invoice, labels } = ctx;
  doc.addPage({ size: 'A4', margin: 0 });
  const heading = `${invoice.seller.brand.displayName} — ${labels.title[invoice.kind]} ${labels.numberPrefix} ${invoice.number} (${labels.continued})`;
  drawText(doc, heading, PAGE.left, 20, { size: 8, color: GREY, width: CONTENT_WIDTH - 60 });
  return PAGE.top;
}

/** The y where a block of `height` can start: `y` itself when it fits above the bottom, else the top of a new page. */
export function ensureSpace(ctx: RenderContext, y: number, height: number): number {
  return y + height <= PAGE.bottom ? y : addContinuationPage(ctx);
}

/**
 * Writes "1/3" at the top right of every page, once the page count is known (the document buffers its pages for
 * this). At the top rather than the bottom: the QR-bill payment part takes the bottom 105 mm of its page.
 */
export function stampPageNumbers(ctx: RenderContext): void {
  const { doc } = ctx;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    drawText(doc, `${i - start + 1}/${count}`, PAGE.right - 60, 20, { size: 8, color: GREY, width: 60, align: 'right' });
  }
}
