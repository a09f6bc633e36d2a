import type { VatBreakdown } from '../invoice-document.ts';
import { formatDate, formatLineVat, formatMoney } from './format.ts';
import { drawText, ensureSpace, GREY, LIGHT_GREY, measureText, PAGE, type RenderContext, rule } from './page-frame.ts';

/**
 * What follows the lines: VAT per rate with exemption mentions, totals, the paid stamp, payment terms and legal notes.
 * Each block is measured first and kept whole on one page (`ensureSpace`): a total split from its label, or a VAT
 * rate from its exemption mention, would be a legal reading hazard.
 */

const TOTALS_WIDTH = 215;
const TOTALS_X = PAGE.right - TOTALS_WIDTH;
const VAT_WIDTH = TOTALS_X - PAGE.left - 25;
const VAT_COLUMNS = { rate: 80, base: (VAT_WIDTH - 80) / 2, tax: (VAT_WIDTH - 80) / 2 };
const STAMP_COLOR = '#b3261e';

// --- VAT breakdown --------------------------------------------------------------------------------------------------

function vatRowTexts(ctx: RenderContext, row: VatBreakdown): [string, string, string] {
  const { invoice, language } = ctx;
  return [
    formatLineVat(row.vatCategory, row.vatRateBp, language),
    formatMoney(row.taxableAmount, invoice.currency, language),
    formatMoney(row.taxAmount, invoice.currency, language),
  ];
}

/** Draws (or, with `draw` false, only measures) the VAT breakdown; returns its bottom. */
function vatBreakdownBlock(ctx: RenderContext, top: number, draw: boolean): number {
  const { doc, labels } = ctx;
  const put = (text: string, x: number, y: number, width: number, style: { size: number; bold?: boolean; color?: string; align?: 'left' | 'right' }) =>
    draw ? drawText(doc, text, x, y, { ...style, width }) : y + measureText(doc, text, width, style);
  const row = (texts: [string, string, string], y: number, style: { size: number; bold?: boolean; color?: string }) => {
    const bottoms = [
      put(texts[0], PAGE.left, y, VAT_COLUMNS.rate, style),
      put(texts[1], PAGE.left + VAT_COLUMNS.rate, y, VAT_COLUMNS.base, { ...style, align: 'right' }),
      put(texts[2], PAGE.left + VAT_COLUMNS.rate + VAT_COLUMNS.base, y, VAT_COLUMNS.tax, { ...style, align: 'right' }),
    ];
    return Math.max(...bottoms);
  };

  let y = put(labels.vatBreakdown.title, PAGE.left, top, VAT_WIDTH, { size: 8.5, bold: true }) + 3;
  y = row([labels.vatBreakdown.rate, labels.vatBreakdown.base, labels.vatBreakdown.tax], y, { size: 7.5, color: GREY }) + 2;
  if (draw) rule(doc, y, LIGHT_GREY, PAGE.left, PAGE.left + VAT_WIDTH);
  y += 3;
  for (const breakdown of ctx.invoice.vatBreakdown) {
    y = row(vatRowTexts(ctx, breakdown), y, { size: 8.5 }) + 1;
    // The exemption mention is mandatory on the invoice itself (CGI art. 242 nonies A, I-13°), next to its rate.
    if (breakdown.exemptionReason) y = put(breakdown.exemptionReason, PAGE.left + 8, y, VAT_WIDTH - 8, { size: 7.5, color: GREY }) + 2;
    y += 2;
  }
  return y;
}

// --- Totals ---------------------------------------------------------------------------------------------------------

function totalsRows(ctx: RenderContext): { label: string; value: string; strong: boolean }[] {
  const { invoice, labels, language } = ctx;
  const money = (amount: number) => formatMoney(amount, invoice.currency, language);
  const { totals } = invoice;
  const rows = [
    { label: labels.totals.exclTax, value: money(totals.taxExclusive), strong: false },
    { label: labels.totals.tax, value: money(totals.tax), strong: false },
    { label: labels.totals.inclTax, value: money(totals.taxInclusive), strong: true },
  ];
  if (totals.prepaid !== 0) rows.push({ label: labels.totals.prepaid[invoice.kind], value: money(totals.prepaid), strong: false });
  rows.push({ label: labels.totals.due[invoice.kind], value: money(totals.dueAmount), strong: true });
  return rows;
}

const TOTAL_ROW_HEIGHT = 15;

function totalsHeight(ctx: RenderContext): number {
  return totalsRows(ctx).length * TOTAL_ROW_HEIGHT + 6;
}

function drawTotals(ctx: RenderContext, top: number): number {
  const { doc } = ctx;
  const rows = totalsRows(ctx);
  let y = top;
  rows.forEach((row, index) => {
    const last = index === rows.length - 1;
    if (last) {
      // The amount that matters to the reader — what is still to pay or refund — on the brand colour.
      doc.save().rect(TOTALS_X, y - 2, TOTALS_WIDTH, TOTAL_ROW_HEIGHT + 2).fill(ctx.brandColor).restore();
    }
    const color = last ? '#ffffff' : undefined;
    const size = row.strong ? 9.5 : 9;
    drawText(doc, row.label, TOTALS_X + 6, y + 1, { size, bold: row.strong, color, width: 110 });
    drawText(doc, row.value, TOTALS_X + 110, y + 1, { size, bold: row.strong, color, width: TOTALS_WIDTH - 116, align: 'right' });
    y += TOTAL_ROW_HEIGHT;
    if (!last) rule(doc, y - 2, LIGHT_GREY, TOTALS_X, PAGE.right);
  });
  return y + 6;
}

/** VAT breakdown on the left, totals on the right, kept together. */
export function drawVatAndTotals(ctx: RenderContext, top: number): number {
  const height = Math.max(vatBreakdownBlock(ctx, 0, false), totalsHeight(ctx));
  const y = ensureSpace(ctx, top + 14, height);
  return Math.max(vatBreakdownBlock(ctx, y, true), drawTotals(ctx, y));
}

// --- Paid stamp -----------------------------------------------------------------------------------------------------

/**
 * "ACQUITTÉE" for a paid invoice ("REMBOURSÉ" for a refunded credit note), as a rubber stamp with its date. Drawn in a
 * band of its own rather than over the totals, so it never hides an amount, and without transparency. Not tilted:
 * text extraction (search, screen readers, pdftotext) breaks rotated words into letters.
 */
export function drawPaidStamp(ctx: RenderContext, top: number): number {
  const { doc, invoice, labels, language } = ctx;
  if (!invoice.paid) return top;
  const date = invoice.dueDate ? formatDate(invoice.dueDate, language) : '';
  const width = 230;
  const boxHeight = date ? 54 : 40;
  const y = ensureSpace(ctx, top + 16, boxHeight);
  const x = PAGE.left + 10;
  doc.save().roundedRect(x, y, width, boxHeight, 6).lineWidth(2.5).strokeColor(STAMP_COLOR).stroke().restore();
  drawText(doc, labels.paidStamp[invoice.kind], x, y + 6, { size: 26, bold: true, color: STAMP_COLOR, width, align: 'center' });
  if (date) drawText(doc, date, x, y + 38, { size: 9, bold: true, color: STAMP_COLOR, width, align: 'center' });
  return y + boxHeight;
}

// --- Payment terms and notes ----------------------------------------------------------------------------------------

/** FR76 3000 6000 0112 3456 7890 189: an IBAN as printed for humans, by groups of four. */
export function groupIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function paymentText(ctx: RenderContext): string {
  const { invoice, labels } = ctx;
  const { seller } = invoice;
  const lines = [invoice.paymentTerms];
  // Bank details only when something is left to pay: on a settled invoice they would invite a second payment.
  if (seller.iban && invoice.totals.dueAmount > 0 && invoice.kind === 'invoice') {
    const bic = seller.bic ? ` · BIC ${seller.bic}` : '';
    const colon = ctx.language === 'fr' ? '\u00a0: ' : ': ';
    lines.push(`${labels.bankTransfer}${colon}IBAN ${groupIban(seller.iban)}${bic}`);
  }
  return lines.filter(Boolean).join('\n');
}

/** A titled paragraph kept whole on one page; returns its bottom. */
function drawTitled(ctx: RenderContext, top: number, title: string, body: string): number {
  const { doc } = ctx;
  const width = PAGE.right - PAGE.left;
  const height = measureText(doc, title, width, { size: 8.5, bold: true }) + 2 + measureText(doc, body, width, { size: 8 });
  let y = ensureSpace(ctx, top, height);
  y = drawText(doc, title, PAGE.left, y, { size: 8.5, bold: true }) + 2;
  return drawText(doc, body, PAGE.left, y, { size: 8 });
}

export function drawPaymentTerms(ctx: RenderContext, top: number): number {
  const body = paymentText(ctx);
  return body ? drawTitled(ctx, top + 12, ctx.labels.paymentTerms, body) : top;
}

/** Legal notes, one paragraph per note; a long list may run onto the next page between two notes, never inside one. */
export function drawNotes(ctx: RenderContext, top: number): number {
  const { doc, invoice, labels } = ctx;
  const [first, ...others] = invoice.notes;
  if (first === undefined) return top;
  let y = drawTitled(ctx, top + 12, labels.notes, first);
  for (const note of others) {
    const height = measureText(doc, note, PAGE.right - PAGE.left, { size: 8 });
    y = drawText(doc, note, PAGE.left, ensureSpace(ctx, y + 2, height), { size: 8 });
  }
  return y;
}
