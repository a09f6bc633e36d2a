import { SwissQRBill } from 'swissqrbill/pdf';
import type { Data, Debtor, FontName } from 'swissqrbill/types';
import type { InvoiceDocument, Party } from '../invoice-document.ts';
import { FONT_REGULAR } from './fonts.ts';
import { decimalAmount } from './format.ts';
import { addContinuationPage, drawText, PAGE, type RenderContext } from './page-frame.ts';

/**
 * The Swiss QR-bill payment part of a CHF invoice payable by transfer.
 *
 * Reference: none (reference type NON). A QR reference (QRR) is only valid with a QR-IBAN, and our sellers give a
 * regular IBAN; the other option, a creditor reference (SCOR, ISO 11649 "RF…"), would need an RF number derived and
 * reconciled on the seller's side, which nothing in Comptoir does yet. So the invoice number travels in the
 * unstructured message, which the payer's bank passes on with the credit transfer.
 */

/**
 * QR-bill addresses are structured (type S): street and building number apart. A Swiss line ("Rue du Rhône 14")
 * ends with the number, a French one ("12 rue de la République") starts with it; anything else stays whole in the
 * street field, which the standard accepts.
 */
export function splitStreet(line: string): { address: string; buildingNumber?: string } {
  const trimmed = line.trim();
  const numberLast = /^(.*\S)\s+(\d+\s?[a-zA-Z]?)$/.exec(trimmed);
  if (numberLast) return { address: numberLast[1]!, buildingNumber: numberLast[2]! };
  const numberFirst = /^(\d+\s?(?:bis|ter|[a-zA-Z])?),?\s+(\D.*)$/i.exec(trimmed);
  if (numberFirst) return { address: numberFirst[2]!, buildingNumber: numberFirst[1]! };
  return { address: trimmed };
}

function qrAddress(party: Party): Debtor {
  return {
    name: party.name,
    ...splitStreet(party.address.line1),
    zip: party.address.postalCode,
    city: party.address.city,
    country: party.address.country,
  };
}

/**
 * The data given to swissqrbill, or null when the document gets no QR-bill: not CHF, no IBAN to pay to, or nothing
 * left to pay (a bill for 0.00 would invite a pointless transfer).
 */
export function swissQrBillData(doc: InvoiceDocument): Data | null {
  const iban = doc.seller.iban?.replace(/\s+/g, '');
  if (doc.kind !== 'invoice' || doc.currency !== 'CHF' || !iban || doc.totals.dueAmount <= 0) return null;
  return {
    currency: 'CHF',
    // swissqrbill takes a JS number and prints it with two decimals; parsing the exact decimal string of the minor
    // units gives the nearest double, which prints back exactly (amounts here are far below 2^53 cents).
    amount: Number(decimalAmount(doc.totals.dueAmount)),
    creditor: { ...qrAddress(doc.seller), account: iban },
    debtor: qrAddress(doc.buyer),
    message: doc.number,
  };
}

/**
 * Appends the payment part at the bottom of the last page when the content leaves 105 mm free there, else at the
 * bottom of a new A4 page — the two placements the Swiss style guide allows on an A4 invoice.
 */
export function drawSwissQrBill(ctx: RenderContext, contentBottom: number): void {
  const data = swissQrBillData(ctx.invoice);
  if (!data) return;
  const { doc } = ctx;
  // Validates the data (IBAN checksum, field lengths) and throws swissqrbill's ValidationError before drawing anything.
  const bill = new SwissQRBill(data, {
    language: ctx.language === 'fr' ? 'FR' : 'EN',
    // The style guide names Arial, Frutiger, Helvetica or Liberation Sans; swissqrbill only uses the name to select
    // pdfkit fonts (`name` and `name-Bold`), so the registered, embedded DejaVu Sans is passed instead — PDF/A needs
    // embedded fonts, and DejaVu is the one font family CI installs.
    fontName: FONT_REGULAR as FontName,
  });
  const top = PAGE.height - SwissQRBill.height;
  if (contentBottom + 12 > top) {
    const y = addContinuationPage(ctx);
    drawText(doc, ctx.labels.qrBillHeading, PAGE.left, y, { size: 9, bold: true });
  }
  // swissqrbill adds a page of its own when the text cursor is below the bill's top; ours is wherever the last
  // text ended, so set it to the place we checked.
  doc.y = top;
  bill.attachTo(doc, 0, top);
}
