import { and, eq, isNull } from 'drizzle-orm';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { renderFacturXXml } from '../formats/factur-x/factur-x-xml.ts';
import { renderInvoicePdf } from '../formats/pdf/render-invoice-pdf.ts';
import { INVOICE_ISSUED_TOPIC } from '../issue/issue-invoices.ts';
import { invoices } from '../schema.ts';
import { sendInvoiceMail } from './send-invoice-mail.ts';

type Rendered = { pdf: string; xml: string | null } | null;

/**
 * Renders an issued document — the Factur-X XML (EUR) and the PDF/A-3 carrying it, or with the Swiss QR-bill (CHF) —
 * stores both by SHA-256 (outside the transaction: rendering is slow and must not hold the numbering lock), then
 * records the hashes once and emails the customer with the files attached. Rendering is deterministic (dated by the
 * issue), so a retried job stores the same bytes.
 */
export const renderInvoiceHandler = defineHandler<{ invoiceId: string }>({
  name: 'invoicing.render-invoice',
  topics: [INVOICE_ISSUED_TOPIC],
  async perform({ event, services }): Promise<Rendered> {
    const [invoice] = await services.db.select().from(invoices).where(eq(invoices.id, event.payload.invoiceId));
    if (!invoice || invoice.pdfSha256) return null;
    const xml = invoice.currency === 'EUR' ? renderFacturXXml(invoice.document) : null;
    const pdf = await renderInvoicePdf(invoice.document, { ...(xml ? { facturXXml: xml } : {}), now: invoice.createdAt });
    const storedPdf = await services.files.put(pdf, { contentType: 'application/pdf' });
    const storedXml = xml ? await services.files.put(Buffer.from(xml, 'utf8'), { contentType: 'application/xml' }) : null;
    return { pdf: storedPdf.sha256, xml: storedXml?.sha256 ?? null };
  },
  async handle({ tx, event, services, performed }) {
    const rendered = performed as Rendered;
    if (!rendered) return;
    const [after] = await tx
      .update(invoices)
      .set({ pdfSha256: rendered.pdf, xmlSha256: rendered.xml, renderedAt: services.clock.now() })
      .where(and(eq(invoices.id, event.payload.invoiceId), isNull(invoices.pdfSha256)))
      .returning();
    if (after) await sendInvoiceMail(tx, services, after);
  },
});
