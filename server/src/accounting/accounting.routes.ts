import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuthContext, type AuthenticatedContext, actorLabel } from '../identity/access/auth-context.ts';
import { requirePermission } from '../identity/access/guards.ts';
import { appendAudit } from '../identity/audit/append-audit.ts';
import { companies } from '../identity/schema.ts';
import type { Permission } from '../identity/permissions.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { App, Runtime } from '../platform/module.ts';
import { runExport, startExport } from './exports/generate-export.ts';
import { ACCOUNT_KEYS, ACCOUNT_NUMBER, type AccountPlan, accountPlan, DEFAULT_ACCOUNT_PLAN, JOURNALS } from './rules/accounts.ts';
import { periodBounds } from './rules/formats.ts';
import { accountingExports, accountingSettings, EXPORT_KINDS, ledgerEntries, ledgerLines } from './schema.ts';

const tags = ['accounting'];
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'période AAAA-MM');
const companyParams = z.object({ companyId: z.uuid() });
const exportParams = z.object({ exportId: z.uuid() });
const planSchema = z.object(Object.fromEntries(ACCOUNT_KEYS.map((key) => [key, z.string()])) as Record<keyof AccountPlan, z.ZodString>);
const exportView = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  kind: z.enum(EXPORT_KINDS),
  period: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  lineCount: z.number().nullable(),
  progress: z.number(),
  totalLines: z.number(),
  requestedBy: z.string(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** The company, if it is the caller's workspace's (404 otherwise), and the caller's permission on it (403). */
async function companyInScope(runtime: Runtime, auth: AuthContext, companyId: string, permission: Permission): Promise<{ company: typeof companies.$inferSelect; auth: AuthenticatedContext }> {
  requirePermission(auth, permission, companyId);
  const [company] = await runtime.db.select().from(companies).where(and(eq(companies.id, companyId), eq(companies.workspaceId, auth.workspace.id)));
  if (!company) throw new ProblemError('notFound', 'Société introuvable.');
  return { company, auth };
}

async function exportInScope(runtime: Runtime, auth: AuthContext, exportId: string) {
  requirePermission(auth, 'accounting.export');
  const [row] = await runtime.db.select().from(accountingExports).where(and(eq(accountingExports.id, exportId), eq(accountingExports.workspaceId, auth.workspace.id)));
  if (!row) throw new ProblemError('notFound', 'Export introuvable.');
  requirePermission(auth, 'accounting.export', row.companyId);
  return row;
}

/** Issue #8: accounting mappings, the ledger explorer and the exports with their journal. */
export function accountingRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/accounting/companies/:companyId/settings',
    { schema: { tags, summary: 'The company’s accounts (Annex F defaults unless overridden) and its export code', params: companyParams, response: { 200: z.object({ accounts: planSchema, defaults: planSchema, exportCode: z.string().nullable(), journals: z.record(z.string(), z.string()) }) } } },
    async (request) => {
      await companyInScope(runtime, request.auth, request.params.companyId, 'accounting.export');
      const [row] = await runtime.db.select().from(accountingSettings).where(eq(accountingSettings.companyId, request.params.companyId));
      return { accounts: accountPlan(row?.accounts), defaults: DEFAULT_ACCOUNT_PLAN, exportCode: row?.exportCode ?? null, journals: JOURNALS };
    },
  );

  app.put(
    '/api/accounting/companies/:companyId/settings',
    { schema: { tags, summary: 'Override accounts of the company (accounting.mapping)', params: companyParams, body: z.object({ accounts: planSchema.partial(), exportCode: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).nullable().optional() }), response: { 200: z.object({ accounts: planSchema, exportCode: z.string().nullable() }) } } },
    async (request) => {
      const { auth } = request;
      const { company } = await companyInScope(runtime, auth, request.params.companyId, 'accounting.mapping');
      for (const [key, value] of Object.entries(request.body.accounts)) {
        if (!ACCOUNT_NUMBER.test(value)) throw new ProblemError('validation', `Compte invalide : ${value}`, { errors: [{ field: `body.accounts.${key}`, message: 'numéro de compte de 3 à 12 chiffres (classes 1 à 8)' }] });
      }
      const [before] = await runtime.db.select().from(accountingSettings).where(eq(accountingSettings.companyId, company.id));
      const accounts = { ...(before?.accounts ?? {}), ...request.body.accounts };
      const exportCode = request.body.exportCode === undefined ? (before?.exportCode ?? null) : request.body.exportCode;
      await runtime.db.transaction(async (tx) => {
        await tx
          .insert(accountingSettings)
          .values({ companyId: company.id, workspaceId: company.workspaceId, accounts, exportCode })
          .onConflictDoUpdate({ target: accountingSettings.companyId, set: { accounts, exportCode, updatedAt: new Date() } });
        await appendAudit(tx, auth, { action: 'update', tableName: 'accounting.company_settings', recordId: company.id, companyId: company.id, before: before ?? null, after: { accounts, exportCode } });
      });
      return { accounts: accountPlan(accounts), exportCode };
    },
  );

  app.get(
    '/api/accounting/companies/:companyId/lines',
    {
      schema: {
        tags,
        summary: 'Ledger explorer: lines of a period, by account, journal or product, with their totals',
        params: companyParams,
        querystring: z.object({ period, account: z.string().max(12).optional(), journal: z.enum(['VE', 'AC', 'BQ', 'OD']).optional(), product: z.string().max(80).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }),
      },
    },
    async (request) => {
      const { auth } = await companyInScope(runtime, request.auth, request.params.companyId, 'accounting.export');
      const { period: p, account, journal, product, limit, offset } = request.query;
      const { from, to } = periodBounds(p);
      const filters: SQL[] = [eq(ledgerLines.workspaceId, auth.workspace.id), eq(ledgerLines.companyId, request.params.companyId), gte(ledgerLines.entryDate, from), lte(ledgerLines.entryDate, to)];
      if (account) filters.push(sql`${ledgerLines.account} like ${`${account.replace(/[%_\\]/g, '')}%`}`);
      if (journal) filters.push(eq(ledgerLines.journal, journal));
      if (product) filters.push(eq(ledgerEntries.productSku, product));
      const where = and(...filters);
      const items = await runtime.db
        .select({
          id: ledgerLines.id,
          entryId: ledgerLines.entryId,
          number: ledgerEntries.number,
          date: ledgerLines.entryDate,
          journal: ledgerLines.journal,
          account: ledgerLines.account,
          auxAccount: ledgerLines.auxAccount,
          kind: ledgerLines.kind,
          label: ledgerLines.label,
          debit: ledgerLines.debit,
          credit: ledgerLines.credit,
          vatAmount: ledgerLines.vatAmount,
          vatRateBp: ledgerLines.vatRateBp,
          productSku: ledgerEntries.productSku,
          pieceRef: ledgerEntries.pieceRef,
        })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(where)
        .orderBy(asc(ledgerLines.entryDate), asc(ledgerLines.id))
        .limit(limit)
        .offset(offset);
      const [sum] = await runtime.db
        .select({ count: sql<number>`count(*)::int`, debit: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)`, credit: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)` })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(where);
      const byAccount = await runtime.db
        .select({ account: ledgerLines.account, debit: sql<string>`sum(${ledgerLines.debit})`, credit: sql<string>`sum(${ledgerLines.credit})` })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(where)
        .groupBy(ledgerLines.account)
        .orderBy(ledgerLines.account);
      return {
        items,
        total: Number(sum?.count ?? 0),
        debit: Number(sum?.debit ?? 0),
        credit: Number(sum?.credit ?? 0),
        byAccount: byAccount.map((row) => ({ account: row.account, debit: Number(row.debit), credit: Number(row.credit) })),
      };
    },
  );

  app.get(
    '/api/accounting/companies/:companyId/exports',
    { schema: { tags, summary: 'The export journal of a company (Annex F §6)', params: companyParams, response: { 200: z.object({ items: z.array(exportView) }) } } },
    async (request) => {
      const { auth } = await companyInScope(runtime, request.auth, request.params.companyId, 'accounting.export');
      const items = await runtime.db.select().from(accountingExports).where(and(eq(accountingExports.companyId, request.params.companyId), eq(accountingExports.workspaceId, auth.workspace.id))).orderBy(desc(accountingExports.createdAt)).limit(200);
      return { items };
    },
  );

  app.post(
    '/api/accounting/companies/:companyId/exports',
    { schema: { tags, summary: 'Generate an export now (streamed in the background; poll its progress)', params: companyParams, body: z.object({ kind: z.enum(EXPORT_KINDS), period }), response: { 202: exportView } } },
    async (request, reply) => {
      const { auth } = await companyInScope(runtime, request.auth, request.params.companyId, 'accounting.export');
      const created = await startExport(runtime, { workspaceId: auth.workspace.id, companyId: request.params.companyId, kind: request.body.kind, period: request.body.period, requestedBy: actorLabel(auth), auth });
      if (!created) throw new ProblemError('conflict', 'Export déjà en cours.');
      void runExport(runtime, created.id).catch((error: unknown) => runtime.log.error({ err: error }, 'accounting export'));
      return reply.code(202).send(created);
    },
  );

  app.get('/api/accounting/exports/:exportId', { schema: { tags, summary: 'One export: its status and progress', params: exportParams, response: { 200: exportView } } }, async (request) => exportInScope(runtime, request.auth, request.params.exportId));

  app.get('/api/accounting/exports/:exportId/file', { schema: { tags, summary: 'Download an export again (its stored bytes, checked against their SHA-256)', params: exportParams } }, async (request, reply) => {
    const row = await exportInScope(runtime, request.auth, request.params.exportId);
    if (row.status !== 'done' || !row.sha256) throw new ProblemError('conflict', 'Export pas encore prêt.');
    return reply
      .header('content-type', row.contentType)
      .header('content-disposition', `attachment; filename="${row.fileName}"`)
      .header('x-content-sha256', row.sha256)
      .send(await runtime.files.get(row.sha256));
  });
}
