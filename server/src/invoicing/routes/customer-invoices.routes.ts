import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { orders } from '../../sales/schema.ts';
import { invoices } from '../schema.ts';

const tags = ['invoicing'];
const tokenParams = z.object({ token: z.string().min(20).max(64) });

/** The customer's side (seed 001: the invoice linked to the enrollment): listed and downloaded from the order's page. */
export function customerInvoicesRoutes(app: App, runtime: Runtime): void {
  const orderOf = async (token: string) => {
    const [order] = await runtime.db.select({ id: orders.id }).from(orders).where(eq(orders.publicToken, token));
    if (!order) throw new ProblemError('notFound', 'Commande introuvable.');
    return order;
  };

  app.get(
    '/api/public/orders/:token/invoices',
    {
      schema: {
        tags,
        summary: 'The customer’s invoices and credit notes for an order',
        params: tokenParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), kind: z.enum(['invoice', 'credit_note']), number: z.string(), issueDate: z.string(), currency: z.enum(['EUR', 'CHF']), totalInclTax: z.number().int(), ready: z.boolean() })) }) },
      },
      config: { public: true },
    },
    async (request) => {
      const order = await orderOf(request.params.token);
      const rows = await runtime.db.select().from(invoices).where(eq(invoices.orderId, order.id)).orderBy(asc(invoices.createdAt));
      return { items: rows.map((r) => ({ id: r.id, kind: r.kind, number: r.number, issueDate: r.issueDate, currency: r.currency, totalInclTax: r.totalInclTax, ready: !!r.pdfSha256 })) };
    },
  );

  app.get(
    '/api/public/orders/:token/invoices/:invoiceId/pdf',
    { schema: { tags, summary: 'Download one of the order’s documents', params: tokenParams.extend({ invoiceId: z.uuid() }) }, config: { public: true } },
    async (request, reply) => {
      const order = await orderOf(request.params.token);
      const [invoice] = await runtime.db.select().from(invoices).where(and(eq(invoices.id, request.params.invoiceId), eq(invoices.orderId, order.id)));
      if (!invoice?.pdfSha256) throw new ProblemError('notFound', 'Document introuvable ou en cours de génération.');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${invoice.number}.pdf"`)
        .send(await runtime.files.get(invoice.pdfSha256));
    },
  );
}
