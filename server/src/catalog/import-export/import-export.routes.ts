import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import { type AuthenticatedContext, can, canWorkspaceWide } from '../../identity/access/auth-context.ts';
import { requireAuthenticated, requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { RULE_TYPES } from '../../pricing/engine/rules.ts';
import { risks } from '../schema.ts';
import { catalogXlsx, gridExportRows, gridsCsv, gridsXlsx, productExportRows, productsCsv, productsXlsx } from './export-service.ts';
import { templateCsv } from './templates.ts';
import { CATALOG_IMPORT_REQUESTED } from './run-import.handler.ts';
import { importJobs, importStatuses } from './schema.ts';

const tags = ['catalog'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Decoded files above this size are refused (the HTTP body limit is 5 MB of base64). */
const MAX_FILE_BYTES = 3_500_000;

const importError = z.object({ line: z.number().int().nullable(), column: z.string().nullable(), message: z.string(), sheet: z.string().optional() });
const importView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  fileSha256: z.string(),
  dryRun: z.boolean(),
  status: z.enum(importStatuses),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importError),
  createdBy: z.uuid(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

function toImportView(row: typeof importJobs.$inferSelect, withErrors = true): z.infer<typeof importView> {
  return {
    id: row.id,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    dryRun: row.dryRun,
    status: row.status as z.infer<typeof importView>['status'],
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    errorCount: row.errors.length,
    errors: withErrors ? row.errors : [],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function userOf(auth: AuthenticatedContext): string {
  if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Les imports sont lancés par un utilisateur connecté.');
  return auth.user.id;
}

/** Seed 003 §6 exports (CSV « à la française » and XLSX) and §9 imports with validators. */
export function importExportRoutes(app: App, runtime: Runtime): void {
  const csvType = 'text/csv; charset=utf-8';
  const attachment = (name: string, extension: string) => `attachment; filename="${name}-${runtime.clock.now().toISOString().slice(0, 10)}.${extension}"`;
  app.get('/api/catalog/exports/products.csv', { schema: { tags, summary: 'Products × versions × plans as French CSV (;, decimal comma, UTF-8 BOM, CRLF)' } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const csv = productsCsv(await productExportRows(runtime.db, request.auth));
    return reply.header('content-type', csvType).header('content-disposition', attachment('catalogue-produits', 'csv')).send(csv);
  });
  app.get('/api/catalog/exports/products.xlsx', { schema: { tags, summary: 'Products × versions × plans as an Excel workbook' } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const content = await productsXlsx(await productExportRows(runtime.db, request.auth));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('catalogue-produits', 'xlsx')).send(content);
  });
  app.get('/api/catalog/exports/price-grids.csv', { schema: { tags, summary: 'Every price (fixed, tiers, grid rows with their conditions) as French CSV' } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const csv = gridsCsv(await gridExportRows(runtime.db, request.auth));
    return reply.header('content-type', csvType).header('content-disposition', attachment('grilles-tarifaires', 'csv')).send(csv);
  });
  app.get('/api/catalog/exports/price-grids.xlsx', { schema: { tags, summary: 'Every price (fixed, tiers, grid rows with their conditions) as an Excel workbook' } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const content = await gridsXlsx(await gridExportRows(runtime.db, request.auth));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('grilles-tarifaires', 'xlsx')).send(content);
  });

  app.get('/api/catalog/exports/catalog.xlsx', { schema: { tags, summary: 'The whole catalog in one workbook (sheets « Produits » and « Grilles tarifaires »), re-importable as one import' } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const content = await catalogXlsx(await productExportRows(runtime.db, request.auth), await gridExportRows(runtime.db, request.auth));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('catalogue-complet', 'xlsx')).send(content);
  });

  app.get(
    '/api/catalog/imports/template',
    {
      schema: {
        tags,
        summary: 'A products file for one pricing rule type (its price columns, one row per tier or grid row), filled with an example for the caller’s first company',
        // A query parameter, not a path one: the rule type names no tenant resource.
        querystring: z.object({ ruleType: z.enum(RULE_TYPES as ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle']) }),
      },
    },
    async (request, reply) => {
      requirePermission(request.auth, 'catalog.write');
      const auth = request.auth;
      const companyRows = await runtime.db.select().from(companies).where(eq(companies.workspaceId, auth.workspace.id)).orderBy(asc(companies.brandName));
      const company = companyRows.find((c) => can(auth, 'catalog.write', c.id));
      const [risk] = company
        ? await runtime.db
            .select({ code: risks.code })
            .from(risks)
            .where(and(eq(risks.workspaceId, auth.workspace.id), or(eq(risks.companyId, company.id), eq(risks.isGlobal, true))))
            .orderBy(asc(risks.code))
            .limit(1)
        : [];
      const bundleRefs = (await productExportRows(runtime.db, auth)).filter((r) => r.planCode).map((r) => `${r.sku}:${r.planCode}`);
      const csv = templateCsv(request.query.ruleType, {
        company: company?.brandName ?? 'Ma société',
        riskCode: risk?.code ?? 'RISQUE',
        currency: company?.currency ?? 'EUR',
        today: runtime.clock.now().toISOString().slice(0, 10),
        bundleRefs: [...new Set(bundleRefs)].slice(0, 2),
      });
      return reply.header('content-type', csvType).header('content-disposition', `attachment; filename="modele-import-${request.query.ruleType}.csv"`).send(csv);
    },
  );

  app.post(
    '/api/catalog/imports',
    {
      schema: {
        tags,
        summary: 'Import products, versions, plans and prices of every rule type (products file, price grid file, or the catalog workbook with both sheets; CSV or XLSX); runs as a job',
        body: z.object({
          fileName: z.string().trim().min(1).max(200),
          contentBase64: z.string().min(1).max(5_000_000).regex(/^[A-Za-z0-9+/=\s]+$/, 'base64 attendu'),
          dryRun: z.boolean().default(false),
        }),
        response: { 202: z.object({ importId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      requirePermission(request.auth, 'catalog.write');
      const auth = request.auth;
      const userId = userOf(auth);
      const content = Buffer.from(request.body.contentBase64, 'base64');
      if (content.length === 0) throw new ProblemError('validation', 'Fichier vide.', { errors: [{ field: 'body.contentBase64', message: 'fichier vide' }] });
      if (content.length > MAX_FILE_BYTES) throw new ProblemError('payloadTooLarge', 'Fichier trop volumineux (3,5 Mo au plus).');
      const xlsx = request.body.fileName.toLowerCase().endsWith('.xlsx');
      const stored = await runtime.files.put(content, { contentType: xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8' });
      const importId = await runtime.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(importJobs)
          .values({ workspaceId: auth.workspace.id, createdBy: userId, fileName: request.body.fileName, fileSha256: stored.sha256, dryRun: request.body.dryRun, createdAt: runtime.clock.now() })
          .returning();
        await recordEvent(tx, { topic: CATALOG_IMPORT_REQUESTED, payload: { importId: row!.id }, workspaceId: auth.workspace.id, actor: userId, requestId: auth.requestId });
        await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.import_job', recordId: row!.id, after: { fileName: row!.fileName, fileSha256: row!.fileSha256, dryRun: row!.dryRun } }, { now: runtime.clock.now() });
        return row!.id;
      });
      return reply.status(202).send({ importId });
    },
  );

  app.get('/api/catalog/imports', { schema: { tags, summary: 'The workspace’s catalog imports, newest first (errors counted, listed on the detail)', response: { 200: z.object({ items: z.array(importView) }) } } }, async (request) => {
    requirePermission(request.auth, 'catalog.read');
    const rows = await runtime.db.select().from(importJobs).where(importsVisibleTo(request.auth)).orderBy(desc(importJobs.createdAt)).limit(100);
    return { items: rows.map((row) => toImportView(row, false)) };
  });

  app.get(
    '/api/catalog/imports/:importId',
    { schema: { tags, summary: 'One import: status, progress, counts and every error with its line and column', params: z.object({ importId: z.uuid() }), response: { 200: importView } } },
    async (request) => {
      requirePermission(request.auth, 'catalog.read');
      const [row] = await runtime.db.select().from(importJobs).where(and(eq(importJobs.id, request.params.importId), importsVisibleTo(request.auth)));
      if (!row) throw new ProblemError('notFound', 'Import introuvable.');
      return toImportView(row);
    },
  );
}

/**
 * An import file may hold rows of every company of the workspace, so only its author and
 * actors who write the whole catalog (workspace-wide catalog.write) may read it back.
 */
function importsVisibleTo(auth: AuthenticatedContext): SQL {
  const inWorkspace = eq(importJobs.workspaceId, auth.workspace.id);
  if (canWorkspaceWide(auth, 'catalog.write')) return inWorkspace;
  return and(inWorkspace, auth.kind === 'user' ? eq(importJobs.createdBy, auth.user.id) : sql`false`)!;
}
