import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, seedDemoIdentity, signIn } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { sha256Hex } from '../platform/files/file-storage.ts';
import type { App } from '../platform/module.ts';
import { mailMessages, outboxEvents } from '../platform/schema.ts';
import { sealCertificates, signatureEvidence, signatureRequests } from './schema.ts';
import { generateSelfSignedP12 } from './sealing/platform-certificate.ts';
import { createSignatureRequest } from './create-signature-request.ts';
import { auditLog, workspaces } from '../identity/schema.ts';
import { newPdf } from '../documents/templates/pdf-kit.ts';

/**
 * Issue #7, signature: create → view → one-time code → sign → sealed PDF stored (pdfsig says valid), the signed event
 * once, the sealed copy mailed; the upload-to-verify page accepts it and refuses it after a one-byte change.
 */
let t: TestRuntime;
let app: App;
let admin: SignedIn;
let otherAdmin: SignedIn;

beforeAll(async () => {
  t = await startTestRuntime();
  await seedDemoIdentity(t.runtime);
  app = await t.app();
  admin = await signIn(app, 'admin@winwin.demo');
  otherAdmin = await signIn(app, 'admin@winvest.demo');
});
afterAll(() => t?.close());

const mandate = {
  reference: 'T-001',
  client: { kind: 'particulier', name: 'Léa Muller', email: 'lea@example.ch', age: 30 },
  annualPrice: 18_500,
  startDate: '2026-12-01',
};

export function zigzag(points = 40, width = 600, height = 200) {
  const stroke = Array.from({ length: points }, (_, i) => ({ x: 20 + (i * (width - 40)) / points, y: i % 2 === 0 ? 40 : height - 40, t: i * 16 }));
  return { width, height, pointerType: 'mouse', strokes: [stroke, stroke.slice(0, 10).map((p) => ({ ...p, y: p.y / 2 + 30 }))] };
}

async function create(verification: 'email_link' | 'email_link_otp', email = 'lea@example.ch') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/signature/requests',
    headers: admin.headers,
    payload: { title: 'Mandat de gestion — Léa Muller', template: 'winwin-mandate', data: { ...mandate, client: { ...mandate.client, email } }, signer: { name: 'Léa Muller', email }, verification, returnUrl: 'https://winwin.example/paiement?x=1', subject: { kind: 'journey', id: `j-${Math.random()}` } },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { id: string; signUrl: string; verifyToken: string; documentSha256: string };
  return { ...body, token: body.signUrl.split('/signer/')[1]! };
}

const sign = (token: string, payload: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/public/signatures/${token}/sign`, headers: { 'user-agent': 'Vitest/1.0 (signature test)' }, payload: { consent: true, strokes: zigzag(), timeZone: 'Europe/Zurich', ...payload } });

const verifyUpload = (bytes: Uint8Array) => app.inject({ method: 'POST', url: '/api/public/verify', headers: { 'content-type': 'application/pdf' }, payload: Buffer.from(bytes) });

function tmpFile(name: string, bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sig-')), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Runs the real binary: a missing pdfsig throws (ENOENT), failing the test rather than skipping it. */
function pdfsig(file: string): { out: string; code: number } {
  try {
    return { out: execFileSync('pdfsig', [file], { encoding: 'utf8', stdio: 'pipe' }), code: 0 };
  } catch (error) {
    const e = error as { code?: string; status?: number; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('pdfsig (Debian poppler-utils) is not installed');
    return { out: `${e.stdout ?? ''}${e.stderr ?? ''}`, code: e.status ?? 1 };
  }
}

describe('signature', () => {
  it('create → view → OTP → sign: sealed PDF valid for pdfsig, event once, signed copy mailed', async () => {
    const request = await create('email_link_otp');
    const invitation = await t.runtime.db.select().from(mailMessages).where(and(eq(mailMessages.template, 'signature.requested'), eq(mailMessages.toAddress, 'lea@example.ch')));
    expect(invitation.at(-1)!.textBody).toContain(request.signUrl);

    const view = await app.inject({ method: 'GET', url: `/api/public/signatures/${request.token}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ status: 'viewed', otpRequired: true, otpVerified: false, documentSha256: request.documentSha256 });
    expect(view.json().recap).toEqual(expect.arrayContaining([{ label: 'Tarif annuel', value: 'CHF\u00a0185.00 par an' }, { label: 'Équivalent mensuel', value: 'CHF\u00a015.42' }]));
    const document = await app.inject({ method: 'GET', url: `/api/public/signatures/${request.token}/document` });
    expect(sha256Hex(document.rawPayload)).toBe(request.documentSha256);
    expect(execFileSync('pdftotext', [tmpFile('mandat.pdf', document.rawPayload), '-'], { encoding: 'utf8' })).toContain('Mandat de gestion');

    expect((await sign(request.token)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/public/signatures/${request.token}/otp` })).statusCode).toBe(202);
    const [otpMail] = await t.runtime.db.select().from(mailMessages).where(eq(mailMessages.template, 'signature.otp'));
    const code = /(\d{6})/.exec(otpMail!.subject)![1]!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await app.inject({ method: 'POST', url: `/api/public/signatures/${request.token}/otp/verify`, payload: { code: wrong } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().attemptsLeft).toBe(4);
    expect((await app.inject({ method: 'POST', url: `/api/public/signatures/${request.token}/otp/verify`, payload: { code } })).statusCode).toBe(200);

    // Bad input changes nothing.
    const empty = await sign(request.token, { strokes: { width: 600, height: 200, pointerType: 'mouse', strokes: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body.strokes');
    expect((await sign(request.token, { consent: false })).statusCode).toBe(400);
    const [unchanged] = await t.runtime.db.select().from(signatureRequests).where(eq(signatureRequests.id, request.id));
    expect(unchanged!.status).toBe('viewed');

    const signed = await sign(request.token);
    expect(signed.statusCode, signed.body).toBe(200);
    const { sealedSha256, redirectUrl } = signed.json();
    expect(redirectUrl).toBe('https://winwin.example/paiement?x=1');
    expect((await sign(request.token)).statusCode).toBe(409);

    const events = await t.runtime.db.select().from(outboxEvents).where(eq(outboxEvents.topic, 'signature.request.signed'));
    expect(events.filter((e) => e.payload.requestId === request.id)).toHaveLength(1);
    expect(events.find((e) => e.payload.requestId === request.id)!.payload).toMatchObject({ requestId: request.id, sealedSha256, subject: { kind: 'journey' } });

    const [evidence] = await t.runtime.db.select().from(signatureEvidence).where(eq(signatureEvidence.requestId, request.id));
    expect(evidence).toMatchObject({ verification: 'email_link_otp', userAgent: 'Vitest/1.0 (signature test)', timeZone: 'Europe/Zurich', documentSha256: request.documentSha256, sealedSha256 });
    expect(evidence!.ip).toBeTruthy();
    expect(evidence!.otpVerifiedAt).not.toBeNull();

    const [completed] = await t.runtime.db.select().from(mailMessages).where(eq(mailMessages.template, 'signature.completed'));
    expect(completed!.toAddress).toBe('lea@example.ch');
    expect(completed!.attachments).toEqual([{ fileName: 'mandat-de-gestion-T-001-signe.pdf', contentType: 'application/pdf', sha256: sealedSha256 }]);

    const sealed = await app.inject({ method: 'GET', url: `/api/signature/requests/${request.id}/sealed`, headers: admin.headers });
    expect(sealed.statusCode).toBe(200);
    expect(sha256Hex(sealed.rawPayload)).toBe(sealedSha256);
    const file = tmpFile('signe.pdf', sealed.rawPayload);
    const report = pdfsig(file);
    expect(report.out).toContain('Signature is Valid');
    expect(report.out).toContain('Total document signed');
    expect(report.out).toContain('Comptoir — scellement de démonstration');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Certificat de signature électronique');
    expect(text.replace(/\s+/g, '')).toContain(request.documentSha256);
    expect(text).toContain('Europe/Zurich');

    // Upload-to-verify: the sealed file passes; one changed byte fails; the unsigned original fails.
    const ok = await verifyUpload(sealed.rawPayload);
    expect(ok.json()).toMatchObject({ valid: true, issuedByComptoir: true, signature: { present: true, valid: true, platformCertificate: true, coversWholeFile: true } });
    for (const offset of [Math.floor(sealed.rawPayload.length / 3), 400]) {
      const altered = Buffer.from(sealed.rawPayload);
      altered[offset] = altered[offset]! ^ 0x01;
      const answer = (await verifyUpload(altered)).json();
      expect(answer.valid, `byte ${offset}`).toBe(false);
      expect(answer.issuedByComptoir).toBe(false);
      expect(pdfsig(tmpFile('altered.pdf', altered)).out).not.toContain('Signature is Valid');
    }
    expect((await verifyUpload(document.rawPayload)).json()).toMatchObject({ valid: false, signature: { present: false } });

    const byToken = await app.inject({ method: 'GET', url: `/api/public/verify/${request.verifyToken}` });
    expect(byToken.json()).toMatchObject({ valid: true, status: 'signed', signerName: 'Léa Muller', sealedSha256 });

    const detail = await app.inject({ method: 'GET', url: `/api/signature/requests/${request.id}`, headers: admin.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'sent', 'viewed', 'otp_sent', 'otp_failed', 'otp_verified', 'signed', 'sealed', 'mailed']);
    expect(detail.json().evidence).toMatchObject({ pointerType: 'mouse', strokeCount: 2, sealedSha256 });
    // Another workspace sees nothing.
    expect((await app.inject({ method: 'GET', url: `/api/signature/requests/${request.id}`, headers: otherAdmin.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/signature/requests/${request.id}/sealed`, headers: otherAdmin.headers })).statusCode).toBe(404);
  });

  it('a cancelled or expired request cannot be signed; a signed one cannot be cancelled', async () => {
    const cancelled = await create('email_link', 'c@example.ch');
    const cancel = await app.inject({ method: 'POST', url: `/api/signature/requests/${cancelled.id}/cancel`, headers: admin.headers, payload: { reason: 'erreur de tarif' } });
    expect(cancel.json().status).toBe('cancelled');
    const refused = await sign(cancelled.token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('signature_cancelled');

    const expired = await create('email_link', 'e@example.ch');
    await t.runtime.db.update(signatureRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signatureRequests.id, expired.id));
    expect((await app.inject({ method: 'GET', url: `/api/public/signatures/${expired.token}` })).json().status).toBe('expired');
    expect((await sign(expired.token)).json().code).toBe('signature_expired');
    const list = await app.inject({ method: 'GET', url: '/api/signature/requests?status=expired', headers: admin.headers });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(expired.id);

    const plain = await create('email_link', 'p@example.ch');
    expect((await sign(plain.token)).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/signature/requests/${plain.id}/cancel`, headers: admin.headers, payload: {} })).statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: '/api/public/signatures/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).statusCode).toBe(404);
  });

  it('two signatures at once: one wins, the other gets 409, one event and one evidence row', async () => {
    const request = await create('email_link', 'race@example.ch');
    const answers = await Promise.all([sign(request.token), sign(request.token), sign(request.token)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const events = await t.runtime.db.select().from(outboxEvents).where(eq(outboxEvents.topic, 'signature.request.signed'));
    expect(events.filter((e) => e.payload.requestId === request.id)).toHaveLength(1);
    expect(await t.runtime.db.select().from(signatureEvidence).where(eq(signatureEvidence.requestId, request.id))).toHaveLength(1);
    const mails = await t.runtime.db.select().from(mailMessages).where(and(eq(mailMessages.template, 'signature.completed'), eq(mailMessages.toAddress, 'race@example.ch')));
    expect(mails).toHaveLength(1);
  });

  it('signs any uploaded PDF for an anonymous caller (a public journey), with the default signature box', async () => {
    const { doc, bytes } = newPdf({ title: 'Charte qualité', author: 'Pygmalion', now: new Date('2026-11-24T00:00:00Z') });
    doc.text('Charte qualité des organismes de formation — page 1');
    doc.addPage().text('Page 2 : engagements');
    doc.end();
    const pdf = await bytes;
    const [pygmalion] = await t.runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'pygmalion'));
    const created = await t.runtime.db.transaction((tx) =>
      createSignatureRequest(
        tx,
        t.runtime,
        { workspaceId: pygmalion!.id, subject: { kind: 'merchant-charter', id: 'of-1' }, title: 'Charte qualité', document: { pdf, filename: 'charte qualité.pdf' }, signer: { name: 'Aéro Formation', email: 'of@example.fr' }, verification: 'email_link', notify: false },
        { kind: 'anonymous', requestId: 'journey-1' },
      ),
    );
    expect(created.documentSha256).toBe(sha256Hex(pdf));
    const [row] = await t.runtime.db.select().from(signatureRequests).where(eq(signatureRequests.id, created.id));
    expect(row).toMatchObject({ documentFilename: 'charte-qualite.pdf', signatureBox: { page: 1 }, companyId: null });
    const audit = await t.runtime.db.select().from(auditLog).where(eq(auditLog.recordId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const signed = await sign(created.token);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().redirectUrl).toBeNull();
    const sealed = await app.inject({ method: 'GET', url: `/api/public/signatures/${created.token}/signed` });
    expect(pdfsig(tmpFile('charte.pdf', sealed.rawPayload)).out).toContain('Signature is Valid');
    expect((await verifyUpload(sealed.rawPayload)).json()).toMatchObject({ valid: true, request: { title: 'Charte qualité', signerName: 'Aéro Formation' } });
    // The winwin admin does not see pygmalion's request.
    expect((await app.inject({ method: 'GET', url: `/api/signature/requests/${created.id}`, headers: admin.headers })).statusCode).toBe(404);
    const bad = await t.runtime.db.transaction((tx) =>
      createSignatureRequest(tx, t.runtime, { workspaceId: pygmalion!.id, subject: { kind: 'x', id: 'y' }, title: 'Pas un PDF', document: { pdf: Buffer.from('hello'), filename: 'x.pdf' }, signer: { name: 'A', email: 'a@example.fr' }, verification: 'email_link' }, { kind: 'anonymous', requestId: 'r' }),
    ).catch((error: Error) => error);
    expect((bad as Error).message).toMatch(/PDF/);
  });

  it('a renewed platform certificate: earlier seals still verify against theirs, new seals use the new one', async () => {
    const before = await create('email_link');
    expect((await sign(before.token)).statusCode).toBe(200);
    const sealedBefore = (await app.inject({ method: 'GET', url: `/api/public/signatures/${before.token}/signed` })).rawPayload;
    const [firstRow] = await t.runtime.db.select().from(signatureRequests).where(eq(signatureRequests.id, before.id));
    expect(firstRow!.sealCertificateSha256).toMatch(/^[0-9a-f]{64}$/);

    // The operator renews the certificate (a new P12 configured); restored afterwards for the other tests.
    const config = t.runtime.config;
    const previous = { path: config.SIGNATURE_P12_PATH, password: config.SIGNATURE_P12_PASSWORD };
    const password = 'renouvele-2027';
    config.SIGNATURE_P12_PATH = tmpFile('renewed.p12', generateSelfSignedP12('Comptoir — certificat renouvelé', password));
    config.SIGNATURE_P12_PASSWORD = password;
    try {
      expect((await verifyUpload(sealedBefore)).json()).toMatchObject({ valid: true, signature: { platformCertificate: true } });
      expect((await app.inject({ method: 'GET', url: `/api/public/verify/${before.verifyToken}` })).json()).toMatchObject({ valid: true });

      const after = await create('email_link');
      const signedAfter = await sign(after.token);
      expect(signedAfter.statusCode, signedAfter.body).toBe(200);
      const sealedAfter = (await app.inject({ method: 'GET', url: `/api/public/signatures/${after.token}/signed` })).rawPayload;
      const [secondRow] = await t.runtime.db.select().from(signatureRequests).where(eq(signatureRequests.id, after.id));
      expect(secondRow!.sealCertificateSha256).not.toBe(firstRow!.sealCertificateSha256);
      expect((await verifyUpload(sealedAfter)).json()).toMatchObject({ valid: true, signature: { signerCommonName: 'Comptoir — certificat renouvelé' } });
      expect(await t.runtime.db.select().from(sealCertificates)).toHaveLength(2);
    } finally {
      config.SIGNATURE_P12_PATH = previous.path;
      config.SIGNATURE_P12_PASSWORD = previous.password;
    }
  });

  it('refuses bad template data naming the field, and only signature.manage may create or cancel', async () => {
    const base = { title: 'Mandat', template: 'winwin-mandate', signer: { name: 'X', email: 'x@example.ch' } };
    const noAge = await app.inject({ method: 'POST', url: '/api/signature/requests', headers: admin.headers, payload: { ...base, data: { ...mandate, client: { kind: 'particulier', name: 'X', email: 'x@example.ch' } } } });
    expect(noAge.statusCode).toBe(400);
    expect(noAge.json().errors[0].field).toBe('body.document.data.client.age');
    const unknown = await app.inject({ method: 'POST', url: '/api/signature/requests', headers: admin.headers, payload: { ...base, template: 'nope', data: {} } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body.document.template');
    const request = await create('email_link', 'perm@example.ch');
    const sales = await signIn(app, 'sales@winwin.demo');
    expect((await app.inject({ method: 'POST', url: '/api/signature/requests', headers: sales.headers, payload: { ...base, data: mandate } })).statusCode).toBe(403);
    expect([403, 404]).toContain((await app.inject({ method: 'POST', url: `/api/signature/requests/${request.id}/cancel`, headers: sales.headers, payload: {} })).statusCode);
    const [row] = await t.runtime.db.select().from(signatureRequests).where(eq(signatureRequests.id, request.id));
    expect(row!.status).toBe('sent');
  });

  it('documents its public and back-office routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const route of ['/api/public/signatures/{token}', '/api/public/signatures/{token}/otp', '/api/public/signatures/{token}/otp/verify', '/api/public/signatures/{token}/sign', '/api/public/verify/{token}', '/api/public/verify', '/api/signature/requests', '/api/signature/requests/{signatureRequestId}']) {
      expect(doc.paths, route).toHaveProperty([route]);
    }
  });
});
