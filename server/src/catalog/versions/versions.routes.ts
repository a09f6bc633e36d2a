import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { loadVersion } from '../catalog-scope.ts';
import { addDocument, endPublication, publishVersion, readDocument, versionChecklist } from '../publications/publication-service.ts';
import { versionSchema } from '../products/products.routes.ts';
import { setAccountingMappings, setCommissionSchemes, setCqRules, setPlans, setPromotions } from './version-contents-service.ts';
import {
  accountingMappingInputSchema,
  commissionSchemeInputSchema,
  createVersionSchema,
  documentInputSchema,
  planInputSchema,
  promotionInputSchema,
  publicationInputSchema,
} from './version-input.ts';
import { createVersion, diffProductVersions, toVersionView } from './version-service.ts';
import { loadVersionContents } from './version-snapshot.ts';

const tags = ['catalog'];
const versionParams = z.object({ versionId: z.uuid() });
const channels = z.array(z.enum(['field', 'telesales', 'web', 'partner', 'marketplace']));
const checklistItem = z.object({ code: z.string(), ok: z.boolean(), message: z.string() });
const json = z.record(z.string(), z.unknown());

export function versionsRoutes(app: App, runtime: Runtime): void {
  app.post(
    '/api/catalog/products/:productId/versions',
    {
      schema: {
        tags,
        summary: 'New version (now or scheduled); with copyFromVersionId it duplicates or rolls back',
        params: z.object({ productId: z.uuid() }),
        body: createVersionSchema,
        response: { 201: versionSchema },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await createVersion(runtime, request.auth, request.params.productId, request.body));
    },
  );

  app.get(
    '/api/catalog/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'A version with its plans, prices, promotions, commissions, documents, publications, mappings and CQ rules',
        params: versionParams,
        response: {
          200: z.object({
            version: versionSchema,
            plans: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), recurrence: z.string(), billingCycleDays: z.number().nullable(), adjustments: json, rule: json.nullable() })),
            promotions: z.array(json),
            commissionSchemes: z.array(json),
            documents: z.array(json),
            publications: z.array(json),
            accountingMappings: z.array(json),
            cqRules: z.array(json),
          }),
        },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      const { version } = await loadVersion(runtime.db, request.auth, request.params.versionId);
      const c = await loadVersionContents(runtime.db, version.id);
      return {
        version: toVersionView(version, runtime.clock.now()),
        plans: c.plans.map((plan) => ({ ...plan, adjustments: plan.adjustments, rule: c.rules.find((r) => r.planId === plan.id)?.payload ?? null })),
        promotions: c.promotions,
        commissionSchemes: c.schemes.map((s) => ({ ...s, tiers: c.tiers.filter((t) => t.schemeId === s.id) })),
        documents: c.documents,
        publications: c.publications,
        accountingMappings: c.accountingMappings,
        cqRules: c.cqRules,
      };
    },
  );

  const put = <S extends z.ZodType>(suffix: string, summary: string, body: S, apply: (auth: Parameters<typeof setPlans>[1], versionId: string, input: z.infer<S>) => Promise<void>) =>
    app.put(
      `/api/catalog/versions/:versionId/${suffix}`,
      { schema: { tags, summary, params: versionParams, body, response: { 204: z.null() } } },
      async (request, reply) => {
        requireAuthenticated(request.auth);
        await apply(request.auth, request.params.versionId, request.body as z.infer<S>);
        return reply.status(204).send(null);
      },
    );
  put('plans', 'Replace the plans and their prices', z.object({ plans: z.array(planInputSchema).max(50) }), (auth, id, body) => setPlans(runtime, auth, id, body.plans));
  put('promotions', 'Replace the promotions', z.object({ promotions: z.array(promotionInputSchema).max(50) }), (auth, id, body) => setPromotions(runtime, auth, id, body.promotions));
  put('commissions', 'Replace the commission schemes (splits must sum to 1)', z.object({ schemes: z.array(commissionSchemeInputSchema).max(20) }), (auth, id, body) => setCommissionSchemes(runtime, auth, id, body.schemes));
  put('accounting-mappings', 'Replace the accounting mappings (accounting role)', z.object({ mappings: z.array(accountingMappingInputSchema).max(40) }), (auth, id, body) => setAccountingMappings(runtime, auth, id, body.mappings));
  put('cq-rules', 'Set the quality-control rules (ADV)', z.object({ requiredFields: z.array(z.string().max(60)).max(50), notes: z.string().max(2000).nullable().optional() }), (auth, id, body) => setCqRules(runtime, auth, id, body));

  app.post(
    '/api/catalog/versions/:versionId/documents',
    { schema: { tags, summary: 'Attach a document (stored by SHA-256)', params: versionParams, body: documentInputSchema, response: { 201: json } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await addDocument(runtime, request.auth, request.params.versionId, request.body));
    },
  );

  app.get(
    '/api/catalog/documents/:documentId/content',
    { schema: { tags, summary: 'Download a document (its SHA-256 is checked on read)', params: z.object({ documentId: z.uuid() }) } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      const { document, content } = await readDocument(runtime, request.auth, request.params.documentId);
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', `attachment; filename="${document.fileName.replace(/["\\\r\n]/g, '_')}"`)
        .header('x-content-sha256', document.fileSha256)
        .send(content);
    },
  );

  app.get(
    '/api/catalog/versions/:versionId/checklist',
    {
      schema: {
        tags,
        summary: 'What publication would require, item by item',
        params: versionParams,
        querystring: z.object({ companyId: z.uuid(), channels: z.string().transform((s) => s.split(',')).pipe(channels) }),
        response: { 200: z.object({ items: z.array(checklistItem), ready: z.boolean() }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      const { product, version } = await loadVersion(runtime.db, request.auth, request.params.versionId);
      const items = await versionChecklist(runtime.db, product, version, { companyId: request.query.companyId, channels: request.query.channels }, runtime.clock.now());
      return { items, ready: items.every((i) => i.ok) };
    },
  );

  app.post(
    '/api/catalog/versions/:versionId/publications',
    { schema: { tags, summary: 'Publish for a company on channels (refused with the missing items until the checklist holds)', params: versionParams, body: publicationInputSchema, response: { 201: json } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await publishVersion(runtime, request.auth, request.params.versionId, request.body));
    },
  );

  app.post(
    '/api/catalog/publications/:publicationId/end',
    { schema: { tags, summary: 'End a publication now', params: z.object({ publicationId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await endPublication(runtime, request.auth, request.params.publicationId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/catalog/versions/:versionId/diff/:otherVersionId',
    {
      schema: {
        tags,
        summary: 'Structured diff between two versions of a product',
        params: z.object({ versionId: z.uuid(), otherVersionId: z.uuid() }),
        response: { 200: z.object({ changes: z.array(z.object({ section: z.string(), key: z.string(), change: z.string(), fields: z.array(z.string()).optional(), before: z.unknown().optional(), after: z.unknown().optional() })) }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return { changes: await diffProductVersions(runtime.db, request.auth, request.params.versionId, request.params.otherVersionId) };
    },
  );
}
