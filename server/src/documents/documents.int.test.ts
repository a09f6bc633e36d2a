import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../test/support/identity-fixtures.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { auditLog, companies, workspaces } from '../identity/schema.ts';
import { PG_CHECK_VIOLATION, pgErrorOf } from '../platform/db/pg-error.ts';
import { sha256Hex } from '../platform/files/file-storage.ts';
import type { App } from '../platform/module.ts';
import { ProblemError } from '../platform/http/problem.ts';
import { outboxEvents } from '../platform/schema.ts';
import { confirmExtraction, getExtraction } from './extraction/policy-extraction.ts';
import { extractionReviews, policyExtractions, storedDocuments } from './schema.ts';
import { storeUpload } from './uploads/store-upload.ts';

/**
 * Issue #7, policy upload and extraction end to end, on the real job system: upload → outbox → job → text layer or
 * OCR (offline, French model from npm) → fields with confidence → a person confirms or corrects; bad files are refused
 * with a French problem and nothing is stored.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'extraction/fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

let test: TestRuntime;
let app: App;
let admin: SignedIn;
let winwinId: string;
let companyId: string;

beforeAll(async () => {
  test = await startTestRuntime({ work: true });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winwin.demo');
  const [winwin] = await test.runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'winwin'));
  winwinId = winwin!.id;
  const [company] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'WIN WIN Finance Sàrl'));
  companyId = company!.id;
});
afterAll(() => test?.close());

async function upload(actor: SignedIn, bytes: Buffer, query: Record<string, string>, contentType = 'application/pdf') {
  const qs = new URLSearchParams({ ownerKind: 'prospect', companyId, ...query }).toString();
  return app.inject({ method: 'POST', url: `/api/documents?${qs}`, headers: { ...actor.headers, 'content-type': contentType }, payload: bytes });
}

async function extractionDone(actor: SignedIn, documentId: string) {
  return eventually(async () => {
    const response = await app.inject({ method: 'GET', url: `/api/documents/${documentId}/extraction`, headers: actor.headers });
    const body = response.json();
    return body.status !== 'pending' ? body : undefined;
  }, `extraction of ${documentId}`, 120_000);
}

async function documentCount(): Promise<number> {
  return (await test.runtime.db.select({ id: storedDocuments.id }).from(storedDocuments)).length;
}

describe('policy upload and extraction', () => {
  it('reads a PDF with a text layer: insurer, number, premium, dates and cover, with confidence and source', async () => {
    const bytes = fixture('policy-text-layer.pdf');
    const response = await upload(admin, bytes, { ownerId: 'p-text', filename: 'Police ménage AXA.pdf' });
    expect(response.statusCode, response.body).toBe(201);
    const { documentId, sha256, duplicate } = response.json();
    expect(duplicate).toBe(false);
    expect(sha256).toBe(sha256Hex(bytes));

    const extraction = await extractionDone(admin, documentId);
    expect(extraction).toMatchObject({ status: 'done', method: 'text_layer', confirmed: null, corrections: [] });
    expect(extraction.fields.insurer).toMatchObject({ value: 'AXA', source: 'AXA Assurances SA' });
    expect(extraction.fields.policyNumber.value).toBe('12.345.678/9');
    expect(extraction.fields.premium.value).toEqual({ amount: 123_450, currency: 'CHF', period: 'year' });
    expect(extraction.fields.startDate.value).toBe('2026-01-01');
    expect(extraction.fields.endDate.value).toBe('2026-12-31');
    expect(extraction.fields.coverageType.value).toBe('menage');
    expect(extraction.fields.coverages).toEqual(expect.arrayContaining(['menage', 'rc_privee']));
    for (const key of ['insurer', 'policyNumber', 'premium', 'startDate', 'endDate']) expect(extraction.fields[key].confidence, key).toBeGreaterThanOrEqual(85);
    expect(extraction.overallConfidence).toBeGreaterThanOrEqual(85);

    const detail = await app.inject({ method: 'GET', url: `/api/documents/${documentId}`, headers: admin.headers });
    expect(detail.json()).toMatchObject({ filename: 'Police ménage AXA.pdf', contentType: 'application/pdf', owner: { kind: 'prospect', id: 'p-text' }, companyId });
    expect(detail.json().text).toContain('Prime annuelle totale');
    const content = await app.inject({ method: 'GET', url: `/api/documents/${documentId}/content`, headers: admin.headers });
    expect(content.statusCode).toBe(200);
    expect(content.headers['x-content-sha256']).toBe(sha256);
    expect(content.rawPayload.equals(bytes)).toBe(true);
    expect(content.headers['content-disposition']).toContain("filename*=UTF-8''Police%20m%C3%A9nage%20AXA.pdf");

    const audits = await test.runtime.db.select().from(auditLog).where(eq(auditLog.recordId, documentId));
    expect(audits.map((a) => a.action).sort()).toEqual(['extract', 'upload']);
    expect(audits.find((a) => a.action === 'upload')!.actorLabel).toBe('admin@winwin.demo');

    const again = await upload(admin, bytes, { ownerId: 'p-text', filename: 'copie.pdf' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ documentId, sha256, duplicate: true });
    const list = await app.inject({ method: 'GET', url: '/api/documents?ownerKind=prospect&ownerId=p-text', headers: admin.headers });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0].extraction).toMatchObject({ status: 'done', method: 'text_layer', confirmed: false });
  });

  it('reads a photo through OCR, offline, with word confidences', async () => {
    const response = await upload(admin, fixture('policy-scan.png'), { ownerId: 'p-ocr', filename: 'photo.png' }, 'image/png');
    expect(response.statusCode, response.body).toBe(201);
    const extraction = await extractionDone(admin, response.json().documentId);
    expect(extraction).toMatchObject({ status: 'done', method: 'ocr' });
    expect(extraction.fields.insurer.value).toBe('Helsana');
    expect(extraction.fields.policyNumber.value).toBe('80.456.123');
    expect(extraction.fields.premium.value).toEqual({ amount: 41_230, currency: 'CHF', period: 'month' });
    expect([extraction.fields.startDate.value, extraction.fields.endDate.value]).toEqual(['2026-01-01', '2026-12-31']);
    expect(extraction.fields.coverageType.value).toBe('sante_lamal');
    expect(extraction.overallConfidence).toBeGreaterThan(60);
    expect(extraction.overallConfidence).toBeLessThanOrEqual(100);
  });

  it('refuses a file of another type, a HEIC photo, an oversized file — 4xx in French, nothing stored', async () => {
    const before = await documentCount();
    const exe = Buffer.from('MZ\x90\x00 not a policy');
    const wrongType = await upload(admin, exe, { ownerId: 'p-bad', filename: 'police.pdf' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    expect(wrongType.json()).toMatchObject({ code: 'file_type', errors: [{ field: 'file' }] });
    expect(wrongType.json().detail).toContain('n’est ni un PDF');
    expect(await test.runtime.files.exists(sha256Hex(exe))).toBe(false);

    const heic = await upload(admin, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(32)]), { ownerId: 'p-bad', filename: 'IMG_1234.HEIC' }, 'image/heic');
    expect(heic.statusCode).toBe(415);
    expect(heic.json().detail).toMatch(/HEIC.*JPEG/);

    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    big.write('%PDF-1.7\n');
    const tooBig = await upload(admin, big, { ownerId: 'p-bad', filename: 'énorme.pdf' });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });
    expect(tooBig.json().detail).toContain('10 Mo');
    expect(await test.runtime.files.exists(sha256Hex(big))).toBe(false);

    const json = await app.inject({ method: 'POST', url: `/api/documents?ownerKind=prospect&ownerId=p-bad&filename=x.pdf`, headers: admin.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(await documentCount()).toBe(before);
  });

  it('marks a damaged PDF as failed with a reason; a person may still enter the fields', async () => {
    const response = await upload(admin, Buffer.from('%PDF-1.7\n this is not really a PDF'), { ownerId: 'p-broken', filename: 'abîmé.pdf' });
    expect(response.statusCode).toBe(201);
    const extraction = await extractionDone(admin, response.json().documentId);
    expect(extraction).toMatchObject({ status: 'failed', fields: null, error: 'Le PDF est illisible ou endommagé.' });
    const fields = { insurer: 'Vaudoise', policyNumber: 'V-778899', premium: { amount: 54_000, currency: 'CHF', period: 'year' }, startDate: '2026-01-01', endDate: '2026-12-31', coverageType: 'auto' };
    const confirmed = await app.inject({ method: 'PUT', url: `/api/documents/${response.json().documentId}/extraction`, headers: admin.headers, payload: { fields } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmed).toMatchObject(fields);
  });

  it('keeps the extraction and every correction (who, when, what) when people confirm', async () => {
    const response = await upload(admin, fixture('policy-text-layer.pdf'), { ownerId: 'p-confirm', filename: 'police.pdf' });
    const documentId = response.json().documentId;
    const extraction = await extractionDone(admin, documentId);
    const corrected = { insurer: 'AXA', policyNumber: '12.345.678/9', premium: { amount: 123_400, currency: 'CHF', period: 'year' }, startDate: '2026-01-01', endDate: '2026-12-31', coverageType: 'menage' };

    // The prospect confirms on the journey (the lead's public route calls the service).
    await test.runtime.db.transaction((tx) =>
      import('./extraction/policy-extraction.ts').then(({ confirmExtraction }) =>
        confirmExtraction(tx, { workspaceId: winwinId, documentId, fields: corrected, confirmedBy: { kind: 'prospect', id: 'p-confirm' } }, { auth: { kind: 'anonymous', requestId: 'journey' }, label: 'prospect:p-confirm' }),
      ),
    );
    // Then an advisor corrects the end date.
    const sales = await signIn(app, 'sales@winwin.demo');
    const advisor = await app.inject({ method: 'PUT', url: `/api/documents/${documentId}/extraction`, headers: sales.headers, payload: { fields: { ...corrected, endDate: '2027-12-31' } } });
    expect(advisor.statusCode, advisor.body).toBe(200);
    const view = advisor.json();
    expect(view.fields).toEqual(extraction.fields);
    expect(view.confirmed).toMatchObject({ ...corrected, endDate: '2027-12-31', coverages: expect.arrayContaining(['menage', 'rc_privee']) });
    expect(view.confirmedBy.kind).toBe('user');
    expect(view.corrections).toHaveLength(2);
    expect(view.corrections[0]).toMatchObject({ by: { kind: 'prospect', id: 'p-confirm' }, changes: [{ field: 'premium', from: { amount: 123_450 }, to: { amount: 123_400 } }] });
    expect(view.corrections[1].changes).toEqual([{ field: 'endDate', from: '2026-12-31', to: '2027-12-31' }]);

    const [stored] = await test.runtime.db.select().from(policyExtractions).where(eq(policyExtractions.documentId, documentId));
    expect(stored!.fields!.premium!.value.amount).toBe(123_450);
    // The database itself keeps what was read, and the reviews, as they were written.
    const refused = (query: Promise<unknown>) => query.then(() => 'written', (error: unknown) => pgErrorOf(error)?.code);
    expect(await refused(test.runtime.db.update(policyExtractions).set({ overallConfidence: 100 }).where(eq(policyExtractions.documentId, documentId)))).toBe(PG_CHECK_VIOLATION);
    expect(await refused(test.runtime.db.update(extractionReviews).set({ confirmedById: 'someone-else' }).where(eq(extractionReviews.documentId, documentId)))).toBe(PG_CHECK_VIOLATION);
    expect(await test.runtime.db.select().from(extractionReviews).where(eq(extractionReviews.documentId, documentId))).toHaveLength(2);
    const audits = await test.runtime.db.select().from(auditLog).where(and(eq(auditLog.tableName, 'documents.extraction_review'), eq(auditLog.workspaceId, winwinId)));
    expect(audits.map((a) => a.actorLabel)).toEqual(expect.arrayContaining(['prospect:p-confirm', 'sales@winwin.demo']));

    const invalid = await app.inject({ method: 'PUT', url: `/api/documents/${documentId}/extraction`, headers: sales.headers, payload: { fields: { ...corrected, endDate: '2025-01-01' } } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toEqual([{ field: 'fields.endDate', message: expect.any(String) }]);
    const badAmount = await app.inject({ method: 'PUT', url: `/api/documents/${documentId}/extraction`, headers: sales.headers, payload: { fields: { ...corrected, premium: { amount: 12.5, currency: 'CHF', period: 'year' } } } });
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.json().errors[0].field).toBe('fields.premium.amount');
    expect(await test.runtime.db.select().from(extractionReviews).where(eq(extractionReviews.documentId, documentId))).toHaveLength(2);
  });

  it('lets the journey store a prospect’s upload through the service, audited under the prospect', async () => {
    const bytes = new Uint8Array(fixture('policy-text-layer.pdf'));
    const stored = await test.runtime.db.transaction((tx) =>
      storeUpload(tx, test.runtime, { workspaceId: winwinId, companyId, owner: { kind: 'journey', id: 'j-42' }, purpose: 'insurance_policy', filename: 'police.pdf', contentType: 'application/pdf', bytes }, { auth: { kind: 'anonymous', requestId: 'r-1' }, label: 'prospect:j-42' }),
    );
    expect(stored.duplicate).toBe(false);
    const [audit] = await test.runtime.db.select().from(auditLog).where(and(eq(auditLog.recordId, stored.documentId), eq(auditLog.action, 'upload')));
    expect(audit!.actorLabel).toBe('prospect:j-42');
    await eventually(async () => (await getExtraction(test.runtime.db, { workspaceId: winwinId, documentId: stored.documentId }))?.status === 'done', 'journey extraction', 120_000);
    // Another workspace cannot read it through the service either.
    const [pygmalion] = await test.runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'pygmalion'));
    expect(await getExtraction(test.runtime.db, { workspaceId: pygmalion!.id, documentId: stored.documentId })).toBeNull();
  });

  it('refuses to confirm while the document is being read, and names bad owner fields', async () => {
    const bytes = new Uint8Array(fixture('policy-text-layer.pdf'));
    const anonymous = { auth: { kind: 'anonymous' as const, requestId: 'r-2' }, label: 'prospect:j-43' };
    const outcome = await test.runtime.db
      .transaction(async (tx) => {
        const stored = await storeUpload(tx, test.runtime, { workspaceId: winwinId, owner: { kind: 'journey', id: 'j-43' }, purpose: 'insurance_policy', filename: 'p.pdf', bytes }, anonymous);
        await confirmExtraction(tx, { workspaceId: winwinId, documentId: stored.documentId, fields: { insurer: 'AXA', policyNumber: null, premium: null, startDate: null, endDate: null, coverageType: null }, confirmedBy: { kind: 'prospect', id: 'j-43' } }, anonymous);
        return 'confirmed';
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(ProblemError);
    expect(outcome).toMatchObject({ status: 409, extra: { code: 'extraction_pending' } });
    const invalid = await test.runtime.db
      .transaction((tx) => storeUpload(tx, test.runtime, { workspaceId: winwinId, owner: { kind: 'journey with spaces', id: '' }, purpose: 'Insurance Policy', filename: 'p.pdf', bytes }, anonymous))
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, extra: { errors: [{ field: 'owner.kind' }, { field: 'owner.id' }, { field: 'purpose' }] } });
    const [pygmalionCompany] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'Aéro Formation Sud SARL'));
    const foreignCompany = await test.runtime.db
      .transaction((tx) => storeUpload(tx, test.runtime, { workspaceId: winwinId, companyId: pygmalionCompany!.id, owner: { kind: 'journey', id: 'j-44' }, purpose: 'insurance_policy', filename: 'p.pdf', bytes }, anonymous))
      .catch((error: unknown) => error);
    expect(foreignCompany).toMatchObject({ status: 400, extra: { errors: [{ field: 'companyId' }] } });
    expect(await test.runtime.db.select().from(storedDocuments).where(eq(storedDocuments.ownerId, 'j-43'))).toEqual([]);
  });

  it('announces finished extractions to other modules', async () => {
    const events = await test.runtime.db.select().from(outboxEvents).where(eq(outboxEvents.topic, 'documents.extraction.completed'));
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.payload).toMatchObject({ status: expect.stringMatching(/^(done|failed)$/), owner: { kind: expect.any(String) } });
  });

  it('summarises gaps and savings for an owner, and shows the rules', async () => {
    await upload(admin, fixture('policy-text-layer.pdf'), { ownerId: 'p-reco', filename: 'menage.pdf' });
    const photo = await upload(admin, fixture('policy-scan.png'), { ownerId: 'p-reco', filename: 'lamal.png' }, 'image/png');
    await extractionDone(admin, photo.json().documentId);
    const list = await app.inject({ method: 'GET', url: '/api/documents?ownerKind=prospect&ownerId=p-reco', headers: admin.headers });
    for (const item of list.json().items) await extractionDone(admin, item.id);
    const response = await app.inject({
      method: 'POST',
      url: '/api/documents/recommendation',
      headers: admin.headers,
      payload: { owner: { kind: 'prospect', id: 'p-reco' }, clientType: 'particulier', needs: { coverages: ['protection_juridique'], priorities: ['prix'], budget: { amount: 50_000, period: 'month' } } },
    });
    expect(response.statusCode, response.body).toBe(200);
    const reco = response.json();
    expect(reco.gaps.map((g: { coverage: string }) => g.coverage)).toEqual(['protection_juridique']);
    // LAMal 412.30 × 12 = 4 947.60 × 8 % = 395.81 → 396.–; ménage 1 234.50 × 15 % = 185.18 → 185.–
    expect(reco.estimatedSavings).toMatchObject({ amount: 39_600 + 18_500, currency: 'CHF' });
    expect(reco.unconfirmed).toHaveLength(2);
    const rules = await app.inject({ method: 'GET', url: '/api/documents/recommendation-rules', headers: admin.headers });
    expect(rules.json().coverageRules.find((r: { coverage: string }) => r.coverage === 'sante_lamal').rationale).toContain('LAMal');
  });

  it('keeps documents inside their workspace and company', async () => {
    const response = await upload(admin, fixture('policy-text-layer.pdf'), { ownerId: 'p-secret', filename: 'secret.pdf' });
    const documentId = response.json().documentId;
    const outsider = await signIn(app, 'admin@pygmalion.demo');
    for (const url of [`/api/documents/${documentId}`, `/api/documents/${documentId}/extraction`, `/api/documents/${documentId}/content`]) {
      expect((await app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode, url).toBe(404);
    }
    const list = await app.inject({ method: 'GET', url: '/api/documents?ownerKind=prospect&ownerId=p-secret', headers: outsider.headers });
    expect(list.json().items).toEqual([]);
    const learner = await signIn(app, 'client@winwin.demo');
    expect((await app.inject({ method: 'GET', url: `/api/documents/${documentId}`, headers: learner.headers })).statusCode).toBe(403);
    // A document without a company is for workspace-wide readers only.
    await test.runtime.db.transaction((tx) =>
      storeUpload(tx, test.runtime, { workspaceId: winwinId, owner: { kind: 'prospect', id: 'p-nocompany' }, purpose: 'other', filename: 'a.png', bytes: new Uint8Array(fixture('policy-scan.png')) }, { auth: { kind: 'anonymous', requestId: 'x' }, label: 'system:test' }),
    );
    const sales = await signIn(app, 'sales@winwin.demo');
    expect((await app.inject({ method: 'GET', url: '/api/documents?ownerKind=prospect&ownerId=p-nocompany', headers: sales.headers })).json().items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/documents?ownerKind=prospect&ownerId=p-nocompany', headers: admin.headers })).json().items).toHaveLength(1);
  });
});
