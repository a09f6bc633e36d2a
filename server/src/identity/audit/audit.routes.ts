import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated, requireWorkspaceWide } from '../access/guards.ts';
import { auditCsv, queryAudit } from './audit-query.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

const tags = ['identity'];
const filters = z.object({
  actor: z.string().max(200).optional(),
  table: z.string().max(100).optional(),
  record: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const entry = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.string(),
  actorLabel: z.string(),
  actorRole: z.string().nullable(),
  action: z.string(),
  tableName: z.string(),
  recordId: z.string(),
  companyId: z.uuid().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export function auditRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/identity/audit',
    { schema: { tags, summary: 'The audit trail (who, when, what, before/after), newest first', querystring: filters, response: { 200: z.object({ items: z.array(entry), nextBefore: z.number().int().nullable() }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return queryAudit(runtime.db, request.auth, request.query);
    },
  );

  app.get(
    '/api/identity/audit/export.csv',
    { schema: { tags, summary: 'The filtered audit trail as CSV (up to 100,000 rows)', querystring: filters.omit({ limit: true, before: true }) } },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      requireWorkspaceWide(auth, 'audit.export');
      const { items } = await queryAudit(runtime.db, auth, { ...request.query, limit: 100_000 });
      const stamp = runtime.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${auth.workspace.slug}-${stamp}.csv"`)
        .send(auditCsv(items));
    },
  );

  app.get(
    '/api/identity/audit/verify',
    {
      schema: {
        tags,
        summary: 'Recompute the workspace’s hash chain and name the first broken row',
        response: { 200: z.object({ rows: z.number().int(), firstBreak: z.object({ seq: z.number().int(), id: z.uuid(), reason: z.string() }).nullable() }) },
      },
    },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      requireWorkspaceWide(auth, 'audit.read');
      const report = await verifyAuditChain(runtime.db, auth.workspace.id);
      return { rows: report.rows, firstBreak: report.firstBreak ? { seq: report.firstBreak.seq, id: report.firstBreak.id, reason: report.firstBreak.reason } : null };
    },
  );
}
