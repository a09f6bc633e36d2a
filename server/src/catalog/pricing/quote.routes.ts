import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { fastSerializerCompiler } from '../../platform/http/fast-serializer.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { workspaceIdBySlug } from './quote-lookups.ts';
import { quoteProduct, toQuoteResponse } from './quote-service.ts';

const tags = ['pricing'];

/** The quote contract of issue #4 (snake_case, amounts in minor units). */
const quoteRequest = z.object({
  sku: z.string().max(80).optional(),
  product_id: z.uuid().optional(),
  plan: z.string().max(60).optional(),
  quantity: z.number().int().min(1).max(1_000_000).optional(),
  usage: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  date: z.iso.date().optional(),
  channel: z.enum(['field', 'telesales', 'web', 'partner', 'marketplace']).optional(),
  promotion_code: z.string().max(40).nullable().optional(),
  customer_ref: z.string().max(120).optional(),
  options: z.array(z.string().max(60)).max(20).optional(),
  indices: z.record(z.string(), z.string().regex(/^-?\d+(\.\d+)?$/)).optional(),
});
const line = z.object({
  kind: z.string(),
  code: z.string().nullable(),
  description: z.string(),
  tax_mode: z.enum(['incl', 'excl']),
  tax_mention: z.string().nullable(),
  usage: z.string().optional(),
  unit_amount: z.number().int(),
  quantity: z.number(),
  amount_excl_tax: z.number().int(),
  tax_rate: z.string(),
  tax_rate_bp: z.number().int(),
  tax_amount: z.number().int(),
  amount_incl_tax: z.number().int(),
  recurrence: z.string(),
  monthly_equivalent: z.number().int().nullable(),
});
const quoteResponse = z.object({
  currency: z.enum(['EUR', 'CHF']),
  product_version: z.number().int(),
  product: z.object({ sku: z.string(), name: z.string(), id: z.uuid() }),
  plan: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  tax_mode: z.enum(['incl', 'excl']),
  lines: z.array(line),
  total_excl_tax: z.number().int(),
  total_tax: z.number().int(),
  total_incl_tax: z.number().int(),
  tax_summary: z.array(
    z.object({
      tax_rate_bp: z.number().int(),
      tax_rate: z.string(),
      tax_mention: z.string().nullable(),
      amount_excl_tax: z.number().int(),
      tax_amount: z.number().int(),
      amount_incl_tax: z.number().int(),
    }),
  ),
  breakdown: z.array(z.object({ step: z.string(), detail: z.string(), amount: z.number().optional() })),
});

function toRequest(body: z.infer<typeof quoteRequest>) {
  return {
    sku: body.sku,
    productId: body.product_id,
    plan: body.plan,
    quantity: body.quantity,
    usage: body.usage,
    attributes: body.attributes,
    date: body.date,
    channel: body.channel,
    promotionCode: body.promotion_code,
    customerRef: body.customer_ref,
    options: body.options,
    indices: body.indices,
  };
}

export function quoteRoutes(app: App, runtime: Runtime): void {
  app.post(
    '/api/catalog/pricing/quote',
    {
      schema: { tags, summary: 'Price a product: lines with HT, TVA, TTC, recurrence and monthly equivalent, and a readable breakdown', body: quoteRequest, response: { 200: quoteResponse } },
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return toQuoteResponse(await quoteProduct(runtime, { kind: 'actor', auth: request.auth }, toRequest(request.body)));
    },
  );

  app.post(
    '/api/public/:workspace/pricing/quote',
    {
      schema: { tags, summary: 'Public quote for products published on the web (no sign-in)', params: z.object({ workspace: z.string().max(40) }), body: quoteRequest.omit({ customer_ref: true }), response: { 200: quoteResponse } },
      config: { public: true },
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => {
      const workspaceId = await workspaceIdBySlug(runtime, request.params.workspace);
      if (!workspaceId) throw new ProblemError('notFound', 'Workspace not found.');
      return toQuoteResponse(await quoteProduct(runtime, { kind: 'public', workspaceId }, toRequest(request.body)));
    },
  );
}
