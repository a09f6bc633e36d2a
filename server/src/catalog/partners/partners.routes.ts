import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { createPartner, createRisk, credentialInputSchema, listPartners, listRisks, partnerInputSchema, riskInputSchema, setPartnerCredentials } from './partner-service.ts';

const tags = ['catalog'];
const partnerSchema = partnerInputSchema.extend({
  id: z.uuid(),
  type: z.string(),
  status: z.string(),
  legalName: z.string().nullable(),
  siren: z.string().nullable(),
  ibanMasked: z.string().nullable(),
  bic: z.string().nullable(),
  paymentTerms: z.string().nullable(),
  credentials: z.array(z.object({ env: z.string(), authType: z.string(), validTo: z.date().nullable(), rotatedAt: z.date().nullable() })).optional(),
});
const riskSchema = riskInputSchema.extend({ id: z.uuid(), scope: z.string(), icon: z.string().nullable() });

export function partnersRoutes(app: App, runtime: Runtime): void {
  app.get('/api/catalog/partners', { schema: { tags, summary: 'Partners (insurers, energy, telecom…) of the companies the caller may read', response: { 200: z.object({ items: z.array(partnerSchema) }) } } }, async (request) => {
    requireAuthenticated(request.auth);
    return { items: await listPartners(runtime.db, request.auth) };
  });
  app.post('/api/catalog/partners', { schema: { tags, summary: 'Create a partner', body: partnerInputSchema, response: { 201: partnerSchema } } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    return reply.status(201).send(await createPartner(runtime, request.auth, request.body));
  });
  app.put(
    '/api/catalog/partners/:partnerId/credentials',
    { schema: { tags, summary: 'Set or rotate a partner’s credentials for one environment (sealed at rest)', params: z.object({ partnerId: z.uuid() }), body: credentialInputSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await setPartnerCredentials(runtime, request.auth, request.params.partnerId, request.body);
      return reply.status(204).send(null);
    },
  );
  app.get('/api/catalog/risks', { schema: { tags, summary: 'Risks / families', response: { 200: z.object({ items: z.array(riskSchema) }) } } }, async (request) => {
    requireAuthenticated(request.auth);
    return { items: await listRisks(runtime.db, request.auth) };
  });
  app.post('/api/catalog/risks', { schema: { tags, summary: 'Create a risk / family', body: riskInputSchema, response: { 201: riskSchema } } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    return reply.status(201).send(await createRisk(runtime, request.auth, request.body));
  });
}
