import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import { exportFileName, fecFileName, periodBounds } from '../rules/formats.ts';
import { accountingExports, accountingSettings, type ExportKind } from '../schema.ts';
import { countLedgerLines, readLedgerLines } from './read-ledger-lines.ts';
import { writeExport } from './write-export.ts';

export type ExportRow = typeof accountingExports.$inferSelect;

const CONTENT_TYPES: Record<ExportKind, string> = {
  csv: 'text/csv; charset=utf-8',
  vat: 'text/csv; charset=utf-8',
  statement: 'text/csv; charset=utf-8',
  fec: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function companyOf(services: Services, workspaceId: string, companyId: string) {
  const [row] = await services.db
    .select({ company: companies, exportCode: accountingSettings.exportCode })
    .from(companies)
    .leftJoin(accountingSettings, eq(accountingSettings.companyId, companies.id))
    .where(and(eq(companies.id, companyId), eq(companies.workspaceId, workspaceId)));
  return row;
}

/**
 * Journals an export (Annex F §6: when, who, what) as `running`; `runExport` then fills it. Refuses a FEC for a
 * company without SIREN (its file name needs one).
 */
export async function startExport(services: Services, input: { workspaceId: string; companyId: string; kind: ExportKind; period: string; requestedBy: string; auth?: AuthContext }): Promise<ExportRow | undefined> {
  const row = await companyOf(services, input.workspaceId, input.companyId);
  if (!row) throw new ProblemError('notFound', 'Société introuvable.');
  const { to } = periodBounds(input.period);
  const name = row.exportCode ?? row.company.brandName;
  if (input.kind === 'fec' && !row.company.siren) {
    throw new ProblemError('validation', 'Le FEC exige le SIREN de la société.', { errors: [{ field: 'body.kind', message: 'SIREN de la société manquant' }] });
  }
  const fileName = input.kind === 'fec' ? fecFileName(row.company.siren!, to) : exportFileName(input.kind, name, input.period);
  const [created] = await services.db
    .insert(accountingExports)
    .values({ workspaceId: input.workspaceId, companyId: input.companyId, kind: input.kind, period: input.period, fileName, contentType: CONTENT_TYPES[input.kind], requestedBy: input.requestedBy })
    .onConflictDoNothing()
    .returning();
  if (created && input.auth) {
    await appendAudit(services.db, input.auth, { action: 'export', tableName: 'accounting.export', recordId: created.id, companyId: input.companyId, after: { kind: input.kind, period: input.period, fileName } });
  }
  return created;
}

/** Streams the period's lines into the file, stores it (SHA-256) and completes the journal row. */
export async function runExport(services: Services, exportId: string): Promise<ExportRow> {
  const [job] = await services.db.select().from(accountingExports).where(eq(accountingExports.id, exportId));
  if (!job) throw new Error(`Unknown export ${exportId}`);
  const row = await companyOf(services, job.workspaceId, job.companyId);
  const range = { workspaceId: job.workspaceId, companyId: job.companyId, ...periodBounds(job.period) };
  let dir: string | undefined;
  try {
    const total = await countLedgerLines(services.database, range);
    await services.db.update(accountingExports).set({ totalLines: total }).where(eq(accountingExports.id, exportId));
    let lastReport = 0;
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'comptoir-export-'));
    const written = await writeExport(readLedgerLines(services.database, range), {
      kind: job.kind,
      company: row?.exportCode ?? row?.company.brandName ?? 'Societe',
      dir,
      onProgress: async (read) => {
        if (read - lastReport < 50_000 && read < total) return;
        lastReport = read;
        await services.db.update(accountingExports).set({ progress: read }).where(eq(accountingExports.id, exportId));
      },
    });
    const stored = await services.files.put(await fs.promises.readFile(written.path), { contentType: job.contentType });
    if (stored.sha256 !== written.sha256) throw new Error('The stored export does not hash as written');
    const [done] = await services.db
      .update(accountingExports)
      .set({ status: 'done', sha256: stored.sha256, size: stored.size, lineCount: written.lineCount, progress: total, finishedAt: services.clock.now() })
      .where(eq(accountingExports.id, exportId))
      .returning();
    return done!;
  } catch (error) {
    const [failed] = await services.db
      .update(accountingExports)
      .set({ status: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: services.clock.now() })
      .where(eq(accountingExports.id, exportId))
      .returning();
    services.log.error({ err: error, exportId }, 'accounting export failed');
    return failed!;
  } finally {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
