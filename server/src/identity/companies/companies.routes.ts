import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../access/guards.ts';
import { companySchema, createCompanySchema, updateCompanySchema } from './company-input.ts';
import { createCompany, getCompany, listCompanies, updateCompany } from './company-service.ts';

const tags = ['identity'];
const params = z.object({ companyId: z.uuid() });

export function companiesRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/identity/companies',
    { schema: { tags, summary: 'Companies of the workspace the caller may read', response: { 200: z.object({ items: z.array(companySchema) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return { items: await listCompanies(runtime.db, request.auth) };
    },
  );
  app.post(
    '/api/identity/companies',
    { schema: { tags, summary: 'Create a company (legal entity)', body: createCompanySchema, response: { 201: companySchema } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await createCompany(runtime, request.auth, request.body));
    },
  );
  app.get(
    '/api/identity/companies/:companyId',
    { schema: { tags, summary: 'One company', params, response: { 200: companySchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return getCompany(runtime.db, request.auth, request.params.companyId);
    },
  );
  app.patch(
    '/api/identity/companies/:companyId',
    { schema: { tags, summary: 'Change a company’s settings', params, body: updateCompanySchema, response: { 200: companySchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return updateCompany(runtime, request.auth, request.params.companyId, request.body);
    },
  );
}
