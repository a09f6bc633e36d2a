import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { runComptoir } from '../../../test/support/spawn-comptoir.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { problemType } from '../../platform/http/problem.ts';
import type { App } from '../../platform/module.ts';
import { auditLog, workspaces } from '../schema.ts';
import { verifyAllAuditChains } from './verify-audit-chain.ts';

/**
 * The hash-chained audit log: it verifies after ordinary writes, exports as CSV,
 * is closed to those without workspace-wide audit rights, refuses UPDATE/DELETE at
 * the database, and — once someone disables that guard — `verify` names the exact
 * row that was altered (hash-mismatch) or follows a removed one (broken-link).
 */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let auditor: SignedIn;
let winvestId: string;
let counter = 0;

const DISABLE_GUARD = sql.raw('alter table identity.audit_log disable trigger audit_log_append_only');
const ENABLE_GUARD = sql.raw('alter table identity.audit_log enable trigger audit_log_append_only');

interface Writes {
  companyId: string;
  /** The seq of the company update row, which later writes follow. */
  updateSeq: number;
}

/** Company create + update, then an invitation and a membership change after it. */
async function someWrites(on: App, db: DbOrTx, as: SignedIn): Promise<Writes> {
  const n = ++counter;
  const created = await on.inject({
    method: 'POST',
    url: '/api/identity/companies',
    headers: as.headers,
    payload: {
      legalName: `Audit Test ${n} ${Date.now().toString(36)} SA`,
      brandName: `Audit ${n}`,
      vatNumber: 'CHE-116.281.710 TVA',
      country: 'CH',
      currency: 'CHF',
      timeZone: 'Europe/Zurich',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const companyId: string = created.json().id;
  const updated = await on.inject({ method: 'PATCH', url: `/api/identity/companies/${companyId}`, headers: as.headers, payload: { brandName: `Audit ${n} bis` } });
  expect(updated.statusCode, updated.body).toBe(200);
  const [updateRow] = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.recordId, companyId), eq(auditLog.action, 'update')));

  const invited = await on.inject({
    method: 'POST',
    url: '/api/identity/users/invitations',
    headers: as.headers,
    payload: { email: `audit-${n}-${Date.now().toString(36)}@example.fr`, displayName: `Audit Person ${n}`, role: 'sales', companyIds: [companyId] },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const changed = await on.inject({
    method: 'PATCH',
    url: `/api/identity/memberships/${invited.json().membershipId}`,
    headers: as.headers,
    payload: { role: 'adv_quality' },
  });
  expect(changed.statusCode, changed.body).toBe(200);
  return { companyId, updateSeq: updateRow!.seq };
}

async function chainRows(db: DbOrTx, workspaceId: string) {
  return db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(asc(auditLog.seq));
}

async function verify(on: App, as: SignedIn) {
  const response = await on.inject({ method: 'GET', url: '/api/identity/audit/verify', headers: as.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { rows: number; firstBreak: { seq: number; id: string; reason: string } | null };
}

/** The database error text, whether the driver wraps it or not. */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  throw new Error('the statement succeeded');
}

async function tamperAfter(db: DbOrTx, seq: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(DISABLE_GUARD);
    await tx.execute(sql`update identity.audit_log set after = jsonb_set(after, '{brandName}', '"Forged"') where seq = ${seq}`);
    await tx.execute(ENABLE_GUARD);
  });
}

async function workspaceIdOf(db: DbOrTx, slug: string): Promise<string> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row!.id;
}

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
  auditor = await signIn(app, 'auditor@winvest.demo');
  winvestId = await workspaceIdOf(test.runtime.db, 'winvest');
});
afterAll(() => test.close());

describe('audit chain', () => {
  it('verifies after company and membership writes', async () => {
    await someWrites(app, test.runtime.db, admin);
    const rows = await chainRows(test.runtime.db, winvestId);
    const report = await verify(app, admin);
    expect(report).toEqual({ rows: rows.length, firstBreak: null });
    expect(await verify(app, auditor)).toEqual(report);
    // Each row links to the previous one of its workspace.
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const chain of await verifyAllAuditChains(test.runtime.db)) expect(chain.firstBreak, chain.workspaceId).toBeNull();
  });

  it('exports the trail as CSV with a UTF-8 BOM, a header row and one line per row', async () => {
    await someWrites(app, test.runtime.db, admin);
    const response = await app.inject({ method: 'GET', url: '/api/identity/audit/export.csv', headers: auditor.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-winvest-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = response.rawPayload.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('seq,occurredAt,actorLabel,actorRole,action,tableName,recordId,companyId,requestId,before,after,prevHash,hash');
    const rows = await chainRows(test.runtime.db, winvestId);
    expect(lines).toHaveLength(rows.length + 1);
    // Newest first, every row of this workspace and no other.
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(rows.map((r) => r.seq).reverse());
    for (const [i, row] of [...rows].reverse().entries()) expect(lines[i + 1]!.endsWith(`,${row.hash}`)).toBe(true);
    expect(text).toContain('France Téléphone');

    const filtered = await app.inject({ method: 'GET', url: '/api/identity/audit/export.csv?table=identity.company', headers: auditor.headers });
    const companyLines = filtered.rawPayload.toString('utf8').trim().split('\r\n').slice(1);
    expect(companyLines.length).toBe(rows.filter((r) => r.tableName === 'identity.company').length);
  });

  it('is closed to those without workspace-wide audit rights', async () => {
    const sales = await signIn(app, 'sales@winvest.demo');
    const companyAdmin = await signIn(app, 'company-admin@winvest.demo');
    const accounting = await signIn(app, 'accounting@winvest.demo');
    for (const url of ['/api/identity/audit', '/api/identity/audit/verify', '/api/identity/audit/export.csv']) {
      for (const [who, session] of [
        ['sales', sales],
        ['company admin', companyAdmin],
        ['accounting', accounting],
      ] as const) {
        const response = await app.inject({ method: 'GET', url, headers: session.headers });
        expect(response.statusCode, `${who} ${url}`).toBe(403);
        expect(response.json().type).toBe(problemType('forbidden'));
      }
    }
    expect((await app.inject({ method: 'GET', url: '/api/identity/audit', headers: auditor.headers })).statusCode).toBe(200);
  });

  it('refuses UPDATE and DELETE on identity.audit_log at the database', async () => {
    const db = test.runtime.db;
    const rows = await chainRows(db, winvestId);
    const target = rows[Math.floor(rows.length / 2)]!;
    expect(await failureOf(db.execute(sql`update identity.audit_log set action = 'forged' where seq = ${target.seq}`))).toMatch(/append-only/);
    expect(await failureOf(db.execute(sql`delete from identity.audit_log where seq = ${target.seq}`))).toMatch(/append-only/);
    const [after] = await db.select().from(auditLog).where(eq(auditLog.seq, target.seq));
    expect(after).toEqual(target);
    expect((await verify(app, admin)).firstBreak).toBeNull();
  });

  it('names the exact row whose content was altered behind the trigger’s back (hash-mismatch)', async () => {
    const db = test.runtime.db;
    const { updateSeq } = await someWrites(app, db, admin);
    const [original] = await db.select().from(auditLog).where(eq(auditLog.seq, updateSeq));
    expect(original!.after).toHaveProperty('brandName');
    const later = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, winvestId), gt(auditLog.seq, updateSeq)));
    expect(later.length, 'the altered row is in the middle of the chain').toBeGreaterThan(0);

    await tamperAfter(db, updateSeq);
    try {
      const [forged] = await db.select().from(auditLog).where(eq(auditLog.seq, updateSeq));
      expect(forged!.after!.brandName).toBe('Forged');
      const report = await verify(app, admin);
      expect(report.firstBreak).toEqual({ seq: updateSeq, id: original!.id, reason: 'hash-mismatch' });
      const position = (await chainRows(db, winvestId)).findIndex((r) => r.seq === updateSeq);
      expect(report.rows).toBe(position + 1);
      // The guard is back on.
      expect(await failureOf(db.execute(sql`update identity.audit_log set action = 'x' where seq = ${updateSeq}`))).toMatch(/append-only/);
    } finally {
      // Put the true value back: the chain verifies again, so the detection was about content.
      await db.transaction(async (tx) => {
        await tx.execute(DISABLE_GUARD);
        await tx.execute(sql`update identity.audit_log set after = ${JSON.stringify(original!.after)}::jsonb where seq = ${updateSeq}`);
        await tx.execute(ENABLE_GUARD);
      });
    }
    expect((await verify(app, admin)).firstBreak).toBeNull();
  });

  it('on a second database: a deleted middle row is reported at the next row (broken-link)', async () => {
    const copy = await startTestRuntime();
    try {
      await seedDemoIdentity(copy.runtime);
      const copyApp = await copy.app();
      const copyAdmin = await signIn(copyApp, 'admin@winvest.demo');
      await someWrites(copyApp, copy.runtime.db, copyAdmin);
      const workspaceId = await workspaceIdOf(copy.runtime.db, 'winvest');
      const rows = await chainRows(copy.runtime.db, workspaceId);
      const middle = Math.floor(rows.length / 2);
      const removed = rows[middle]!;
      const next = rows[middle + 1]!;

      await copy.runtime.db.transaction(async (tx) => {
        await tx.execute(DISABLE_GUARD);
        await tx.execute(sql`delete from identity.audit_log where seq = ${removed.seq}`);
        await tx.execute(ENABLE_GUARD);
      });
      const report = await verify(copyApp, copyAdmin);
      expect(report.firstBreak).toEqual({ seq: next.seq, id: next.id, reason: 'broken-link' });
      expect(report.rows).toBe(middle + 1);
      // The other workspaces' chains are untouched.
      const pygmalion = await verify(copyApp, await signIn(copyApp, 'admin@pygmalion.demo'));
      expect(pygmalion.firstBreak).toBeNull();
    } finally {
      await copy.close();
    }
  });
});

describe.runIf(inject('dbEngine') === 'postgres')('comptoir audit:verify (PostgreSQL)', () => {
  it('exits 0 on an intact database, 2 naming the broken row once a row was altered', async () => {
    // A database of its own, so the main one stays intact for the other tests.
    const copy = await startTestRuntime();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-audit-cli-'));
    try {
      await seedDemoIdentity(copy.runtime);
      const copyApp = await copy.app();
      const { updateSeq } = await someWrites(copyApp, copy.runtime.db, await signIn(copyApp, 'admin@winvest.demo'));
      const workspaceId = await workspaceIdOf(copy.runtime.db, 'winvest');
      const env = { DATABASE_URL: copy.testDb.url!, DATA_DIR: dataDir };

      const intact = await runComptoir(['audit:verify'], env);
      expect(intact.code, intact.output).toBe(0);
      expect(intact.output).toMatch(new RegExp(`ok\\s+chain ${workspaceId}: \\d+ rows`));
      expect(intact.output).not.toContain('BROKEN');

      await tamperAfter(copy.runtime.db, updateSeq);
      const broken = await runComptoir(['audit:verify'], env);
      expect(broken.code, broken.output).toBe(2);
      const [row] = await copy.runtime.db.select().from(auditLog).where(eq(auditLog.seq, updateSeq));
      expect(broken.output).toContain(`BROKEN  chain ${workspaceId}: row seq ${updateSeq} (id ${row!.id}) — hash-mismatch`);
      const otherChains = broken.output.split('\n').filter((line) => line.startsWith('ok'));
      expect(otherChains.length).toBeGreaterThanOrEqual(3);
    } finally {
      await copy.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

