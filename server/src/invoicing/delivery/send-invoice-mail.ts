import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { invoices } from '../schema.ts';
import { invoiceMail } from './invoice-mail.ts';

type InvoiceRow = typeof invoices.$inferSelect;

/** Queues the document's mail with its PDF (and the Factur-X XML) attached, and records where it went. */
export async function sendInvoiceMail(tx: DbOrTx, services: Services, invoice: InvoiceRow, to?: string): Promise<InvoiceRow> {
  const doc = invoice.document;
  const recipient = to ?? doc.buyer.email;
  if (!recipient || !invoice.pdfSha256) return invoice;
  await services.mail.queue(tx, {
    template: invoiceMail,
    data: { customerName: doc.buyer.name, kind: invoice.kind, number: invoice.number, amount: invoice.totalInclTax, currency: invoice.currency, sellerName: doc.seller.brand.displayName, hasXml: !!invoice.xmlSha256 },
    to: recipient,
    language: doc.language,
    workspaceId: invoice.workspaceId,
    attachments: [
      { fileName: `${invoice.number}.pdf`, contentType: 'application/pdf', sha256: invoice.pdfSha256 },
      ...(invoice.xmlSha256 ? [{ fileName: `${invoice.number}-factur-x.xml`, contentType: 'application/xml', sha256: invoice.xmlSha256 }] : []),
    ],
  });
  const [after] = await tx.update(invoices).set({ sentAt: services.clock.now(), sentTo: recipient }).where(eq(invoices.id, invoice.id)).returning();
  return after!;
}
