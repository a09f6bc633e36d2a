import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { createNegotiatedPriceSchema, negotiatedPriceSchema, updateNegotiatedPriceSchema } from './negotiated-price-input.ts';
import { createNegotiatedPrice, deleteNegotiatedPrice, listNegotiatedPrices, updateNegotiatedPrice } from './negotiated-price-service.ts';

const tags = ['catalog'];
const productParams = z.object({ productId: z.uuid() });
const priceParams = z.object({ negotiatedPriceId: z.uuid() });

/** Prices agreed with one customer (seed 003 "prix négocié"): they replace the rule's unit price in quotes. */
export function negotiatedPriceRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/catalog/products/:productId/negotiated-prices',
    { schema: { tags, summary: 'Negotiated prices of a product', params: productParams, response: { 200: z.object({ items: z.array(negotiatedPriceSchema) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return { items: await listNegotiatedPrices(runtime.db, request.auth, request.params.productId) };
    },
  );

  app.post(
    '/api/catalog/products/:productId/negotiated-prices',
    {
      schema: {
        tags,
        summary: 'Agree a price with a customer (refused when it overlaps another agreement of that customer and plan)',
        params: productParams,
        body: createNegotiatedPriceSchema,
        response: { 201: negotiatedPriceSchema },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await createNegotiatedPrice(runtime, request.auth, request.params.productId, request.body));
    },
  );

  app.patch(
    '/api/catalog/negotiated-prices/:negotiatedPriceId',
    { schema: { tags, summary: 'Change a negotiated price; end it by setting its last day (validTo)', params: priceParams, body: updateNegotiatedPriceSchema, response: { 200: negotiatedPriceSchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return updateNegotiatedPrice(runtime, request.auth, request.params.negotiatedPriceId, request.body);
    },
  );

  app.delete(
    '/api/catalog/negotiated-prices/:negotiatedPriceId',
    { schema: { tags, summary: 'Withdraw a negotiated price', params: priceParams, response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await deleteNegotiatedPrice(runtime, request.auth, request.params.negotiatedPriceId);
      return reply.status(204).send(null);
    },
  );
}
