import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../access/guards.ts';
import { apiKeyScopes } from '../permissions.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from './api-key-service.ts';

const tags = ['identity'];
const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  companyId: z.uuid(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const created = z.object({ apiKey: apiKeySchema, secret: z.string().describe('Shown once: send as `Authorization: Bearer <secret>`') });
const params = z.object({ keyId: z.uuid() });

export function apiKeysRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/identity/api-keys',
    { schema: { tags, summary: 'Integration keys of the companies the caller manages', response: { 200: z.object({ items: z.array(apiKeySchema) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return { items: await listApiKeys(runtime.db, request.auth) };
    },
  );
  app.post(
    '/api/identity/api-keys',
    {
      schema: {
        tags,
        summary: 'Create a key for one company (the secret is shown once)',
        body: z.object({
          name: z.string().trim().min(1).max(80),
          companyId: z.uuid(),
          scopes: z.array(z.enum(apiKeyScopes as [string, ...string[]])).min(1),
          expiresInDays: z.number().int().min(1).max(365).default(90),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      const body = request.body as Parameters<typeof createApiKey>[2];
      return reply.status(201).send(await createApiKey(runtime, request.auth, body));
    },
  );
  app.post(
    '/api/identity/api-keys/:keyId/rotate',
    { schema: { tags, summary: 'Replace a key by a new one (the old one stops working)', params, response: { 201: created } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await rotateApiKey(runtime, request.auth, request.params.keyId));
    },
  );
  app.delete(
    '/api/identity/api-keys/:keyId',
    { schema: { tags, summary: 'Revoke a key', params, response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await revokeApiKey(runtime, request.auth, request.params.keyId);
      return reply.status(204).send(null);
    },
  );
}
