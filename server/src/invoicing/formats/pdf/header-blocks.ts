import type { Party, PostalAddress } from '../invoice-document.ts';
import { formatDate } from './format.ts';
import { drawText, GREY, LIGHT_GREY, measureText, PAGE, type RenderContext } from './page-frame.ts';

/**
 * The first page's head: brand and legal identity of the seller on the left; title, number, dates and the buyer on
 * the right. Everything an invoice must state about who, when and what it corrects is here (CGI art. 242 nonies A).
 */

const COLUMN_GAP = 20;
const LEFT_WIDTH = 250;
const RIGHT_X = PAGE.left + LEFT_WIDTH + COLUMN_GAP;
const RIGHT_WIDTH = PAGE.right - RIGHT_X;

const COUNTRIES: Record<string, { fr: string; en: string }> = {
  FR: { fr: 'France', en: 'France' },
  CH: { fr: 'Suisse', en: 'Switzerland' },
  BE: { fr: 'Belgique', en: 'Belgium' },
  LU: { fr: 'Luxembourg', en: 'Luxembourg' },
  MC: { fr: 'Monaco', en: 'Monaco' },
  DE: { fr: 'Allemagne', en: 'Germany' },
  IT: { fr: 'Italie', en: 'Italy' },
  ES: { fr: 'Espagne', en: 'Spain' },
  LI: { fr: 'Liechtenstein', en: 'Liechtenstein' },
};

function addressLines(address: PostalAddress, language: 'fr' | 'en'): string[] {
  const country = COUNTRIES[address.country]?.[language] ?? address.country;
  return [address.line1, address.line2 ?? '', `${address.postalCode} ${address.city}`, country].filter((line) => line !== '');
}

/** Identity lines of a party below its name: address, then the legal identifiers the document carries. */
function identityLines(ctx: RenderContext, party: Party): string[] {
  const { labels } = ctx;
  const ids = [party.siren ? `${labels.siren} ${party.siren}` : '', party.siret ? `${labels.siret} ${party.siret}` : ''].filter(Boolean);
  return [
    ...addressLines(party.address, ctx.language),
    party.email ?? '',
    ids.join(' · '),
    party.vatNumber ? `${labels.vatNumber} ${party.vatNumber}` : '',
  ].filter((line) => line !== '');
}

function drawSeller(ctx: RenderContext, top: number): number {
  const { doc, invoice } = ctx;
  const { seller } = invoice;
  let y = top;
  if (seller.brand.logoPng) {
    // `fit` keeps the logo's proportions inside a 140 × 50 pt box, whatever its pixel size.
    doc.image(seller.brand.logoPng, PAGE.left, y, { fit: [140, 50] });
    y += 56;
  }
  y = drawText(doc, seller.brand.displayName, PAGE.left, y, { size: 18, bold: true, color: ctx.brandColor, width: LEFT_WIDTH }) + 6;
  y = drawText(doc, seller.name, PAGE.left, y, { size: 9, bold: true, width: LEFT_WIDTH }) + 1;
  const legal = [seller.legalMention ?? '', seller.registration ?? ''].filter(Boolean);
  const lines = [...identityLines(ctx, seller), ...legal];
  return drawText(doc, lines.join('\n'), PAGE.left, y, { size: 8, color: GREY, width: LEFT_WIDTH });
}

/** Title, number, dates, order reference and — for a credit note — the invoice it corrects. */
function drawTitleAndDates(ctx: RenderContext, top: number): number {
  const { doc, invoice, labels, language } = ctx;
  const right = { width: RIGHT_WIDTH, align: 'right' as const };
  let y = drawText(doc, labels.title[invoice.kind], RIGHT_X, top, { ...right, size: 22, bold: true, color: ctx.brandColor });
  y = drawText(doc, `${labels.numberPrefix} ${invoice.number}`, RIGHT_X, y + 2, { ...right, size: 11, bold: true }) + 6;

  const rows: [string, string][] = [[labels.issueDate, formatDate(invoice.issueDate, language)]];
  if (invoice.deliveryDate) rows.push([labels.deliveryDate, formatDate(invoice.deliveryDate, language)]);
  if (invoice.dueDate) rows.push([invoice.paid ? labels.paymentDate[invoice.kind] : labels.dueDate, formatDate(invoice.dueDate, language)]);
  if (invoice.orderReference) rows.push([labels.orderReference, invoice.orderReference]);
  const colon = language === 'fr' ? '\u00a0: ' : ': ';
  y = drawText(doc, rows.map(([label, value]) => `${label}${colon}${value}`).join('\n'), RIGHT_X, y, { ...right, size: 8.5 });

  if (invoice.precedingInvoice) {
    // In bold: a credit note is only meaningful with the invoice it corrects (BT-25 / BT-26).
    const { number, issueDate } = invoice.precedingInvoice;
    const text = `${labels.precedingInvoice}${colon}${number} ${labels.dated} ${formatDate(issueDate, language)}`;
    y = drawText(doc, text, RIGHT_X, y + 3, { ...right, size: 8.5, bold: true });
  }
  return y;
}

/** The buyer, boxed: the eye finds the addressee at once, and a window envelope would show it. */
function drawBuyer(ctx: RenderContext, top: number): number {
  const { doc, invoice, labels } = ctx;
  const padding = 8;
  const innerWidth = RIGHT_WIDTH - 2 * padding;
  const details = identityLines(ctx, invoice.buyer).join('\n');
  const height =
    padding +
    measureText(doc, labels.billTo, innerWidth, { size: 7.5 }) +
    2 +
    measureText(doc, invoice.buyer.name, innerWidth, { size: 10, bold: true }) +
    2 +
    measureText(doc, details, innerWidth, { size: 8.5 }) +
    padding;
  doc.save().roundedRect(RIGHT_X, top, RIGHT_WIDTH, height, 4).lineWidth(0.8).strokeColor(LIGHT_GREY).stroke().restore();
  const x = RIGHT_X + padding;
  let y = drawText(doc, labels.billTo, x, top + padding, { size: 7.5, color: GREY, width: innerWidth }) + 2;
  y = drawText(doc, invoice.buyer.name, x, y, { size: 10, bold: true, width: innerWidth }) + 2;
  drawText(doc, details, x, y, { size: 8.5, width: innerWidth });
  return top + height;
}

/** Draws the whole head of page 1 and returns the y below it. */
export function drawFirstPageHeader(ctx: RenderContext): number {
  const leftBottom = drawSeller(ctx, PAGE.top);
  const rightBottom = drawBuyer(ctx, drawTitleAndDates(ctx, PAGE.top) + 12);
  return Math.max(leftBottom, rightBottom) + 22;
}
