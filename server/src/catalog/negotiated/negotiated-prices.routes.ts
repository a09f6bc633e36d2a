import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { loadProduct } from '../catalog-scope.ts';
import { negotiatedPrices } from '../schema.ts';

const tags = ['catalog'];
const inputSchema = z
  .object({
    customerRef: z.string().trim().min(1).max(120),
    planCode: z.string().trim().max(60).nullable().optional(),
    /** Unit price in minor units, in the plan rule's tax mode. */
    amount: z.number().int().min(0),
    validFrom: z.coerce.date().nullable().optional(),
    validTo: z.coerce.date().nullable().optional(),
  })
  .refine((p) => !p.validFrom || !p.validTo || p.validTo > p.validFrom, { message: 'la fin doit suivre le début', path: ['validTo'] });
const viewSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  customerRef: z.string(),
  planCode: z.string().nullable(),
  amount: z.number().int(),
  validFrom: z.date().nullable(),
  validTo: z.date().nullable(),
});

/** Prices agreed with one customer (seed 003 "prix négocié"): they replace the rule's unit price in quotes. */
export function negotiatedPriceRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/catalog/products/:productId/negotiated-prices',
    { schema: { tags, summary: 'Negotiated prices of a product', params: z.object({ productId: z.uuid() }), response: { 200: z.object({ items: z.array(viewSchema) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      const product = await loadProduct(runtime.db, request.auth, request.params.productId, 'sales.read');
      const rows = await runtime.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.productId, product.id)).orderBy(asc(negotiatedPrices.customerRef));
      return { items: rows };
    },
  );

  app.post(
    '/api/catalog/products/:productId/negotiated-prices',
    { schema: { tags, summary: 'Agree a price with a customer', params: z.object({ productId: z.uuid() }), body: inputSchema, response: { 201: viewSchema } } },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const row = await runtime.db.transaction(async (tx) => {
        const product = await loadProduct(tx, auth, request.params.productId, 'catalog.write');
        const [created] = await tx
          .insert(negotiatedPrices)
          .values({
            workspaceId: auth.workspace.id,
            productId: product.id,
            customerRef: request.body.customerRef,
            planCode: request.body.planCode ?? null,
            amount: request.body.amount,
            validFrom: request.body.validFrom ?? null,
            validTo: request.body.validTo ?? null,
          })
          .returning();
        await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.negotiated_price', recordId: created!.id, companyId: product.companyId, after: created! });
        return created!;
      });
      return reply.status(201).send(row);
    },
  );

  app.delete(
    '/api/catalog/negotiated-prices/:negotiatedPriceId',
    { schema: { tags, summary: 'Withdraw a negotiated price', params: z.object({ negotiatedPriceId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      await runtime.db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(negotiatedPrices)
          .where(and(eq(negotiatedPrices.id, request.params.negotiatedPriceId), eq(negotiatedPrices.workspaceId, auth.workspace.id)));
        if (!row) throw new ProblemError('notFound', 'Negotiated price not found.');
        const product = await loadProduct(tx, auth, row.productId, 'catalog.write');
        await tx.delete(negotiatedPrices).where(eq(negotiatedPrices.id, row.id));
        await appendAudit(tx, auth, { action: 'delete', tableName: 'catalog.negotiated_price', recordId: row.id, companyId: product.companyId, before: row });
      });
      return reply.status(204).send(null);
    },
  );
}
