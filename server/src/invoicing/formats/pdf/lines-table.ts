import type { InvoiceLine } from '../invoice-document.ts';
import { formatLineVat, formatMoney, formatQuantity } from './format.ts';
import { addContinuationPage, CONTENT_WIDTH, drawText, LIGHT_GREY, measureText, PAGE, type RenderContext, rule, type TextStyle } from './page-frame.ts';

/**
 * The invoice lines as a table that paginates: rows are measured before they are drawn, a row that does not fit goes
 * whole to the next page, and every page the table runs onto starts with the column header again — a reader of page 3
 * must not have to go back to page 1 to know which column is the unit price.
 */

interface Column {
  key: 'description' | 'quantity' | 'unitPrice' | 'vat' | 'amount';
  width: number;
  align: 'left' | 'right';
}

const FIXED = { quantity: 38, unitPrice: 80, vat: 58, amount: 86 };
const COLUMNS: Column[] = [
  { key: 'description', width: CONTENT_WIDTH - (FIXED.quantity + FIXED.unitPrice + FIXED.vat + FIXED.amount), align: 'left' },
  { key: 'quantity', width: FIXED.quantity, align: 'right' },
  { key: 'unitPrice', width: FIXED.unitPrice, align: 'right' },
  { key: 'vat', width: FIXED.vat, align: 'right' },
  { key: 'amount', width: FIXED.amount, align: 'right' },
];
const PAD_X = 4;
const PAD_Y = 4;
const HEADER_STYLE: TextStyle = { size: 8, bold: true, color: '#ffffff' };
const ROW_STYLE: TextStyle = { size: 8.5 };

function cellTexts(ctx: RenderContext, line: InvoiceLine): Record<Column['key'], string> {
  const { invoice, language } = ctx;
  return {
    description: line.description,
    quantity: formatQuantity(line.quantity, language),
    unitPrice: formatMoney(line.unitPriceExclTax, invoice.currency, language),
    vat: formatLineVat(line.vatCategory, line.vatRateBp, language),
    amount: formatMoney(line.amountExclTax, invoice.currency, language),
  };
}

/** The height of a row: its tallest cell (the description usually, but a long VAT label wraps too) plus padding. */
function rowHeight(ctx: RenderContext, texts: Record<Column['key'], string>, style: TextStyle): number {
  const heights = COLUMNS.map((column) => measureText(ctx.doc, texts[column.key], column.width - 2 * PAD_X, style));
  return Math.max(...heights) + 2 * PAD_Y;
}

function drawRow(ctx: RenderContext, texts: Record<Column['key'], string>, y: number, style: TextStyle): void {
  let x = PAGE.left;
  for (const column of COLUMNS) {
    drawText(ctx.doc, texts[column.key], x + PAD_X, y + PAD_Y, { ...style, width: column.width - 2 * PAD_X, align: column.align });
    x += column.width;
  }
}

function drawHeader(ctx: RenderContext, y: number): number {
  const texts = ctx.labels.columns;
  const height = rowHeight(ctx, texts, HEADER_STYLE);
  ctx.doc.save().rect(PAGE.left, y, CONTENT_WIDTH, height).fill(ctx.brandColor).restore();
  drawRow(ctx, texts, y, HEADER_STYLE);
  return y + height;
}

/** Draws the lines from `top` (on the current page) and returns the y below the table, on its last page. */
export function drawLinesTable(ctx: RenderContext, top: number): number {
  const rows = ctx.invoice.lines.map((line) => {
    const texts = cellTexts(ctx, line);
    return { texts, height: rowHeight(ctx, texts, ROW_STYLE) };
  });
  const headerHeight = rowHeight(ctx, ctx.labels.columns, HEADER_STYLE);

  // Never leave a header alone at the bottom of a page: it goes down with its first row.
  let y = top + headerHeight + (rows[0]?.height ?? 0) <= PAGE.bottom ? top : addContinuationPage(ctx);
  y = drawHeader(ctx, y);
  for (const row of rows) {
    if (y + row.height > PAGE.bottom) y = drawHeader(ctx, addContinuationPage(ctx));
    drawRow(ctx, row.texts, y, ROW_STYLE);
    y += row.height;
    rule(ctx.doc, y, LIGHT_GREY);
  }
  return y;
}
