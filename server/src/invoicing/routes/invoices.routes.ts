import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorLabel } from '../../identity/access/auth-context.ts';
import { requireAuthenticated, requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { requestRefund } from '../../payments/refunds/request-refund.ts';
import { refundSchema } from '../../sales/orders/order-schemas.ts';
import { orders } from '../../sales/schema.ts';
import { invoices } from '../schema.ts';
import { sendInvoiceMail } from '../delivery/send-invoice-mail.ts';
import { listInvoices, loadScopedInvoice, toInvoiceSummary } from './invoice-queries.ts';

const tags = ['invoicing'];
const params = z.object({ invoiceId: z.uuid() });
const summary = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string(),
  issueDate: z.string(),
  orderId: z.uuid(),
  creditedInvoiceId: z.uuid().nullable(),
  currency: z.enum(['EUR', 'CHF']),
  totalExclTax: z.number().int(),
  totalTax: z.number().int(),
  totalInclTax: z.number().int(),
  status: z.enum(['rendering', 'ready', 'sent']),
  pdfSha256: z.string().nullable(),
  xmlSha256: z.string().nullable(),
  sentAt: z.date().nullable(),
  sentTo: z.string().nullable(),
});

export function invoicesRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/invoicing/invoices',
    {
      schema: {
        tags,
        summary: 'Invoices and credit notes, newest first, with filters (company, kind, period, status)',
        querystring: z.object({
          companyId: z.uuid().optional(),
          kind: z.enum(['invoice', 'credit_note']).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          status: z.enum(['rendering', 'ready', 'sent']).optional(),
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(summary.extend({ customerName: z.string() })), total: z.number().int() }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return listInvoices(runtime.db, request.auth, request.query);
    },
  );

  app.get(
    '/api/invoicing/invoices/:invoiceId',
    { schema: { tags, summary: 'An invoice or credit note with its legal content and related documents', params, response: { 200: summary.extend({ document: z.record(z.string(), z.unknown()), related: z.array(summary) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      const invoice = await loadScopedInvoice(runtime.db, request.auth, request.params.invoiceId);
      const related = await runtime.db.select().from(invoices).where(eq(invoices.orderId, invoice.orderId)).orderBy(asc(invoices.createdAt));
      return { ...toInvoiceSummary(invoice), document: invoice.document as unknown as Record<string, unknown>, related: related.filter((r) => r.id !== invoice.id).map(toInvoiceSummary) };
    },
  );

  for (const format of ['pdf', 'xml'] as const) {
    app.get(
      `/api/invoicing/invoices/:invoiceId/${format}`,
      { schema: { tags, summary: format === 'pdf' ? 'The PDF/A-3 (with its Factur-X XML for EUR invoices)' : 'The Factur-X CII XML alone (EN 16931)', params } },
      async (request, reply) => {
        requireAuthenticated(request.auth);
        const invoice = await loadScopedInvoice(runtime.db, request.auth, request.params.invoiceId);
        const sha256 = format === 'pdf' ? invoice.pdfSha256 : invoice.xmlSha256;
        if (!sha256) throw new ProblemError('notFound', format === 'pdf' ? 'Le PDF est en cours de génération.' : 'Pas de XML Factur-X pour ce document (CHF).');
        const bytes = await runtime.files.get(sha256);
        return reply
          .header('content-type', format === 'pdf' ? 'application/pdf' : 'application/xml')
          .header('content-disposition', `attachment; filename="${invoice.number}${format === 'pdf' ? '.pdf' : '-factur-x.xml'}"`)
          .header('x-content-sha256', sha256)
          .send(bytes);
      },
    );
  }

  app.post(
    '/api/invoicing/invoices/:invoiceId/resend',
    { schema: { tags, summary: 'Email the document again (to the customer, or to another address)', params, body: z.object({ to: z.email().optional() }), response: { 202: summary } } },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const invoice = await loadScopedInvoice(runtime.db, auth, request.params.invoiceId, 'invoicing.issue');
      if (!invoice.pdfSha256) throw new ProblemError('conflict', 'Le PDF est en cours de génération : réessayez dans un instant.', { code: 'invoice_rendering' });
      const after = await runtime.db.transaction(async (tx) => {
        const sent = await sendInvoiceMail(tx, runtime, invoice, request.body.to);
        await appendAudit(tx, auth, { action: 'resend', tableName: 'invoicing.invoice', recordId: invoice.id, companyId: invoice.companyId, after: { to: sent.sentTo } });
        return sent;
      });
      return reply.status(202).send(toInvoiceSummary(after));
    },
  );

  app.post(
    '/api/invoicing/invoices/:invoiceId/credit-note',
    {
      schema: {
        tags,
        summary: 'Credit an invoice: refunds the amount on its payment; the provider’s confirmation issues the credit note',
        params,
        body: z.object({ amount: z.number().int().min(1).optional(), reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent']).optional() }),
        response: { 201: refundSchema },
      },
    },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const invoice = await loadScopedInvoice(runtime.db, auth, request.params.invoiceId, 'invoicing.issue');
      requirePermission(auth, 'payments.refund', invoice.companyId);
      if (invoice.kind !== 'invoice' || !invoice.paymentId) throw new ProblemError('unprocessable', 'Seule une facture payée peut être créditée.', { code: 'not_creditable' });
      const [order] = await runtime.db.select().from(orders).where(and(eq(orders.id, invoice.orderId), eq(orders.workspaceId, auth.workspace.id)));
      const refund = await requestRefund(runtime, auth, order!.id, { paymentId: invoice.paymentId, ...request.body });
      request.log.info({ invoice: invoice.number, refund: refund.id, by: actorLabel(auth) }, 'credit requested');
      return reply.status(201).send(refund);
    },
  );
}
