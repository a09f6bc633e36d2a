import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { fastSerializerCompiler } from '../../platform/http/fast-serializer.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { companies } from '../../identity/schema.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { loadProduct } from '../catalog-scope.ts';
import { lifecycleStatuses } from '../rules/lifecycle.ts';
import { listVersions, toVersionView } from '../versions/version-service.ts';
import { withAutomaticBadges } from './product-badges.ts';
import { createProductSchema, productSchema, searchProductsSchema, updateProductSchema } from './product-input.ts';
import { searchProducts } from './product-search.ts';
import { createProduct, deleteProduct, toProductView, transitionProduct, updateProduct } from './product-service.ts';

const tags = ['catalog'];
const params = z.object({ productId: z.uuid() });
export const versionSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  notes: z.string().nullable(),
  breakingChanges: z.boolean(),
  copiedFromVersionId: z.uuid().nullable(),
  state: z.enum(['scheduled', 'current', 'past']),
});

export function productsRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/catalog/products',
    {
      schema: { tags, summary: 'Search the catalog (French full text, accents ignored) with filters', querystring: searchProductsSchema, response: { 200: z.object({ items: z.array(productSchema), total: z.number().int() }) } },
      // Issue #4's search load: a page of products written without zod re-checking each one.
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return searchProducts(runtime.db, request.auth, request.query, runtime.clock.now());
    },
  );
  app.post(
    '/api/catalog/products',
    { schema: { tags, summary: 'Create a product (draft, with version 1)', body: createProductSchema, response: { 201: z.object({ product: productSchema, versionId: z.uuid() }) } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await createProduct(runtime, request.auth, request.body));
    },
  );
  app.get(
    '/api/catalog/products/:productId',
    {
      schema: {
        tags,
        summary: 'A product with its versions (badges include « promo » while a promotion is in force), its company’s currency and time zone',
        params,
        response: { 200: z.object({ product: productSchema, versions: z.array(versionSchema), currency: z.enum(['EUR', 'CHF']), timeZone: z.string() }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      const product = await loadProduct(runtime.db, request.auth, request.params.productId);
      const now = runtime.clock.now();
      const versions = await listVersions(runtime.db, request.auth, product.id);
      const [view] = await withAutomaticBadges(runtime.db, [toProductView(product)], now);
      const [company] = await runtime.db.select({ currency: companies.currency, timeZone: companies.timeZone }).from(companies).where(eq(companies.id, product.companyId));
      return { product: view!, versions: versions.map((v) => toVersionView(v, now)), currency: company!.currency as 'EUR' | 'CHF', timeZone: company!.timeZone };
    },
  );
  app.patch(
    '/api/catalog/products/:productId',
    { schema: { tags, summary: 'Change a product’s description, partner, risk or badges', params, body: updateProductSchema, response: { 200: productSchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return updateProduct(runtime, request.auth, request.params.productId, request.body);
    },
  );
  app.post(
    '/api/catalog/products/:productId/transition',
    { schema: { tags, summary: 'Move a product along Draft → Test → Active → Frozen → Retired', params, body: z.object({ status: z.enum(lifecycleStatuses) }), response: { 200: productSchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return transitionProduct(runtime, request.auth, request.params.productId, request.body.status);
    },
  );
  app.delete('/api/catalog/products/:productId', { schema: { tags, summary: 'Delete a draft that was never published', params, response: { 204: z.null() } } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    await deleteProduct(runtime, request.auth, request.params.productId);
    return reply.status(204).send(null);
  });
}
