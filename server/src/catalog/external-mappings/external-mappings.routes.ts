import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { loadProduct } from '../catalog-scope.ts';
import { externalMappings } from '../schema.ts';
import { sharedCodes } from './shared-codes.ts';

const tags = ['catalog'];
const mappingSchema = z.object({
  system: z.string().trim().min(1).max(60).describe('The other system, e.g. OggoData, an insurer, the accounting software'),
  externalCode: z.string().trim().min(1).max(120),
});

const listedSchema = mappingSchema.extend({
  sharedWith: z.array(z.object({ productId: z.uuid(), sku: z.string(), name: z.string() })).describe('Other products you may see that carry the same code in the same system (a warning)'),
});

/** Seed 003 Annex A: the product's code in each partner or internal system, one per system. */
export function externalMappingRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/catalog/products/:productId/external-mappings',
    {
      schema: {
        tags,
        summary: 'The product’s codes in other systems, each with the other products that carry the same code',
        params: z.object({ productId: z.uuid() }),
        response: { 200: z.object({ items: z.array(listedSchema) }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      const product = await loadProduct(runtime.db, request.auth, request.params.productId);
      const rows = await runtime.db.select().from(externalMappings).where(eq(externalMappings.productId, product.id)).orderBy(asc(externalMappings.system));
      const shared = await sharedCodes(runtime.db, request.auth, product.id, rows);
      return {
        items: rows.map(({ system, externalCode }) => ({
          system,
          externalCode,
          sharedWith: shared
            .filter((s) => s.system.toLowerCase() === system.toLowerCase() && s.externalCode === externalCode)
            .map(({ productId, sku, name }) => ({ productId, sku, name })),
        })),
      };
    },
  );

  app.put(
    '/api/catalog/products/:productId/external-mappings',
    {
      schema: { tags, summary: 'Replace the product’s codes in other systems', params: z.object({ productId: z.uuid() }), body: z.object({ mappings: z.array(mappingSchema).max(30) }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const systems = request.body.mappings.map((m) => m.system.toLowerCase());
      const duplicate = systems.find((system, index) => systems.indexOf(system) !== index);
      if (duplicate) throw new ProblemError('validation', `Un seul code par système (${duplicate}).`, { errors: [{ field: 'body.mappings', message: `système ${duplicate} en double` }] });
      await runtime.db.transaction(async (tx) => {
        const product = await loadProduct(tx, auth, request.params.productId, 'catalog.write');
        const before = await tx.select().from(externalMappings).where(eq(externalMappings.productId, product.id));
        await tx.delete(externalMappings).where(eq(externalMappings.productId, product.id));
        for (const mapping of request.body.mappings) await tx.insert(externalMappings).values({ productId: product.id, ...mapping });
        await appendAudit(tx, auth, {
          action: 'set-external-mappings',
          tableName: 'catalog.external_mapping',
          recordId: product.id,
          companyId: product.companyId,
          before: { mappings: before.map(({ system, externalCode }) => ({ system, externalCode })) },
          after: { mappings: request.body.mappings },
        });
      });
      return reply.status(204).send(null);
    },
  );
}
