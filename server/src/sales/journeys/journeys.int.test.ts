import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../platform/schema.ts';
import { notifications } from '../../notifications/schema.ts';
import { eventually } from '../../../test/support/test-runtime.ts';
import type { SignedIn } from '../../../test/support/identity-fixtures.ts';
import { dateInZone } from '../../catalog/pricing/zoned-date.ts';
import { anonymousCause } from './prospect-store.ts';
import { prospectEvents, prospects } from './schema.ts';
import { type JourneyHarness, LEA, startJourneyHarness, zigzag } from './test/journey-harness.ts';

let h: JourneyHarness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startJourneyHarness();
  admin = await h.signIn('admin@winwin.demo');
});
afterAll(() => h?.close());

/** The mandate's signature as the prospect does it: open the signing page, get the mailed code, draw, sign. */
async function markSigned(token: string, email: string) {
  const opened = await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/signature` });
  expect(opened.statusCode, opened.body).toBe(200);
  const signToken = opened.json().url.split('/signer/')[1];
  // The prospect's link reopens the same request (same signing URL) until it is signed.
  expect((await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/signature` })).json().url).toBe(opened.json().url);
  expect((await h.app.inject({ method: 'POST', url: `/api/public/signatures/${signToken}/otp` })).statusCode).toBe(202);
  const [otpMail] = await h.test.runtime.db.select().from(mailMessages).where(and(eq(mailMessages.template, 'signature.otp'), eq(mailMessages.toAddress, email))).orderBy(desc(mailMessages.createdAt)).limit(1);
  const code = /(\d{6})/.exec(otpMail!.subject)![1]!;
  expect((await h.app.inject({ method: 'POST', url: `/api/public/signatures/${signToken}/otp/verify`, payload: { code } })).statusCode).toBe(200);
  const signed = await h.app.inject({ method: 'POST', url: `/api/public/signatures/${signToken}/sign`, payload: { consent: true, strokes: zigzag(), timeZone: 'Europe/Zurich' } });
  expect(signed.statusCode, signed.body).toBe(200);
  expect(signed.json().redirectUrl).toContain(`/parcours/p/${token}`);
  await eventually(async () => (await prospectRow(token)).status === 'en_paiement', 'the prospect to be signed');
}

async function prospectRow(token: string) {
  const [row] = await h.test.runtime.db.select().from(prospects).where(eq(prospects.token, token));
  return row!;
}

describe('the WIN WIN journey (seed 004), through the public API', () => {
  it('questionnaire with autosave and resume, catalog price CHF 185.–, payment, activation once', async () => {
    const token = await h.start('newsletter');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect((await h.view(token)).step).toBe('questionnaire');

    // Autosave: a wrong value is refused with its field and nothing is saved; good values are kept for later.
    const bad = await h.save(token, { email: 'pas-un-email', first_name: 'Léa' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body.answers.email', message: 'Adresse e-mail invalide.' }]);
    expect((await h.view(token)).answers).toEqual({});
    expect((await h.save(token, { client_type: 'particulier', first_name: 'Léa' })).statusCode).toBe(200);
    const resumed = await h.view(token);
    expect(resumed.answers).toEqual({ client_type: 'particulier', first_name: 'Léa' });
    expect(resumed.completion).toBeGreaterThan(0);
    expect(resumed.completion).toBeLessThan(100);

    // Submitting without every required field or without consent changes nothing.
    const incomplete = await h.submit(token);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toContain('answers.birth_date');
    expect((await h.save(token, LEA)).statusCode).toBe(200);

    // The current policy: uploaded as the raw body, read by the extraction job, confirmed by the prospect.
    const refused = await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/documents?filename=notes.txt`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('pas un PDF') });
    expect(refused.statusCode).toBe(415);
    const policy = fs.readFileSync(path.join(import.meta.dirname, '../../documents/extraction/fixtures/policy-text-layer.pdf'));
    const uploaded = await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/documents?filename=police-menage.pdf`, headers: { 'content-type': 'application/pdf' }, payload: policy });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const read = await eventually(async () => {
      const list = (await h.app.inject({ method: 'GET', url: `/api/public/prospects/${token}/documents` })).json();
      return list.items[0]?.extraction?.status === 'done' ? list.items[0] : undefined;
    }, 'the policy to be read');
    expect(read.extraction.fields.insurer.value).toBeTruthy();
    expect(read.extraction.overallConfidence).toBeGreaterThan(0);
    const confirmed = await h.app.inject({
      method: 'PUT',
      url: `/api/public/prospects/${token}/documents/${read.id}/extraction`,
      payload: { fields: { insurer: read.extraction.fields.insurer.value, policyNumber: read.extraction.fields.policyNumber?.value ?? null, premium: read.extraction.fields.premium?.value ?? null, startDate: read.extraction.fields.startDate?.value ?? null, endDate: read.extraction.fields.endDate?.value ?? null, coverageType: read.extraction.fields.coverageType?.value ?? null } },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const noConsent = await h.submit(token, { accepted: false, version: 'winwin-rgpd-2025-11' });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body.errors[0].field).toBe('body.consent.accepted');
    expect((await prospectRow(token)).status).toBe('prospect');

    const submitted = await h.submit(token);
    expect(submitted.statusCode, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'en_signature', step: 'signature', price: { amount: 18_500, currency: 'CHF', monthly: 1542, free: false } });
    expect(submitted.body.recommendation.lines.length).toBeGreaterThan(0);
    // Documents are frozen with the questionnaire.
    expect((await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/documents?filename=x.pdf`, headers: { 'content-type': 'application/pdf' }, payload: policy })).statusCode).toBe(409);
    const afterSubmit = await prospectRow(token);
    expect(afterSubmit).toMatchObject({ name: 'Léa Muller', email: 'lea.journey@example.ch', clientType: 'particulier', consentVersion: 'winwin-rgpd-2025-11' });
    expect(afterSubmit.consentedAt).toBeInstanceOf(Date);
    expect((await h.save(token, { city: 'Delémont' })).statusCode).toBe(409);

    // Payment before the signature is refused.
    expect((await h.payment(token)).statusCode).toBe(409);
    await markSigned(token, LEA.email);
    const payment = await h.payment(token);
    expect(payment.statusCode, JSON.stringify(payment.body)).toBe(200);
    expect(payment.body.kind).toBe('redirect');
    // A second click gives the same checkout, not a second order.
    expect((await h.payment(token)).body.url).toBe(payment.body.url);
    expect((await h.pay(payment.body.url, '4242 4242 4242 4242')).statusCode).toBe(200);

    const activated = await eventually(async () => {
      const view = await h.view(token);
      return view.activation ? view : undefined;
    }, 'the activation');
    const year = dateInZone(new Date(), 'Europe/Zurich').slice(0, 4); // WIN WIN's calendar year
    expect(activated.status).toBe('client_actif');
    expect(activated.activation.mandateNumber).toMatch(new RegExp(`^WW-${year}-\\d{5}$`));
    expect(activated.activation.annualPrice).toBe(18_500);

    // The welcome mail (seed text), the owner's notification in-app and by mail — once each, even on replays.
    const [welcome] = await eventually(async () => {
      const rows = await h.test.runtime.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, LEA.email), eq(mailMessages.template, 'sales.journey-text')));
      return rows.length ? rows : undefined;
    }, 'the welcome mail');
    expect(welcome!.subject).toBe('Bienvenue chez WIN WIN Finance Group');
    expect(welcome!.textBody).toContain(`Numéro de mandat : ${activated.activation.mandateNumber}`);
    expect(welcome!.textBody).toContain('Tarif annuel : CHF 185.-/an');
    expect(welcome!.textBody).toContain('Bonjour Léa Muller,');
    const owner = await h.test.runtime.db.select().from(notifications).where(eq(notifications.kind, 'journey.activated'));
    expect(owner).toHaveLength(1);
    expect(owner[0]!.title).toBe('Nouveau client payé ✅');
    expect(await h.mailsTo('olivier.neukomm@winwin.demo', 'notifications.owner')).toBe(1);

    const row = await prospectRow(token);
    const list = await h.app.inject({ method: 'GET', url: '/api/notifications', headers: admin.headers });
    expect(list.json().items.some((n: { title: string }) => n.title === 'Nouveau client payé ✅')).toBe(true);
    // Replaying the paid event (a webhook delivered twice) activates nobody twice.
    const { activateProspectForOrder } = await import('./activation/activate-prospect.ts');
    expect(await h.test.runtime.db.transaction((tx) => activateProspectForOrder(tx, h.test.runtime, row.orderId!, { auth: anonymousCause('test'), actorLabel: 'test' }))).toBe('already');
    const activations = await h.test.runtime.db.select().from(prospectEvents).where(and(eq(prospectEvents.prospectId, row.id), eq(prospectEvents.kind, 'activated')));
    expect(activations).toHaveLength(1);
    expect(await h.mailsTo(LEA.email, 'sales.journey-text')).toBe(1);
    // The sealed mandate is downloadable from the thank-you page.
    const pdf = await h.app.inject({ method: 'GET', url: `/api/public/prospects/${token}/mandate.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const verified = await h.app.inject({ method: 'POST', url: '/api/public/verify', headers: { 'content-type': 'application/pdf' }, payload: pdf.rawPayload });
    expect(verified.json()).toMatchObject({ valid: true });
    // poppler's pdfsig reads the PAdES seal as valid (a missing pdfsig fails the test: ENOENT is thrown).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-')), 'mandat.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toMatch(/Signature is Valid/);
  });

  it('free mandate (advisor invitation): price 0, "Activer mon mandat" activates without the provider', async () => {
    const journeys = await h.app.inject({ method: 'GET', url: '/api/journeys', headers: admin.headers });
    const journeyId = journeys.json().items[0].id;
    const invited = await h.app.inject({ method: 'POST', url: `/api/journeys/${journeyId}/invitations`, headers: admin.headers, payload: { offered: true, source: 'famille' } });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = invited.json().url.split('/').at(-1);
    await h.save(token, { ...LEA, email: 'offert@example.ch' });
    const submitted = await h.submit(token);
    expect(submitted.body.price).toMatchObject({ amount: 0, free: true });
    await markSigned(token, 'offert@example.ch');
    const payment = await h.payment(token);
    expect(payment.body.kind).toBe('settled');
    const view = await eventually(async () => {
      const v = await h.view(token);
      return v.activation ? v : undefined;
    }, 'the free activation');
    expect(view.status).toBe('client_actif');
  });

  it('a company is priced by its employee count (CHF 460.– for 4)', async () => {
    const token = await h.start();
    const { birth_date: _omit, ...rest } = LEA;
    await h.save(token, { ...rest, client_type: 'entreprise', company_name: 'Garage du Jura Sàrl', employees: 4, email: 'garage@example.ch' });
    const submitted = await h.submit(token);
    expect(submitted.body.price).toMatchObject({ amount: 46_000, currency: 'CHF' });
  });

  it('GDPR: the export carries the data and the files; erasure removes personal fields and policies, keeps the mandate records', async () => {
    const [lea] = await h.test.runtime.db.select().from(prospects).where(eq(prospects.email, LEA.email));
    const zip = await h.app.inject({ method: 'GET', url: `/api/prospects/${lea!.id}/personal-data.zip`, headers: admin.headers });
    expect(zip.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['documents/1-police-menage.pdf', 'donnees.json', 'mandat-signe.pdf']);
    const data = JSON.parse(strFromU8(files['donnees.json']!));
    expect(data.prospect).toMatchObject({ email: LEA.email, mandateNumber: lea!.mandateNumber });
    expect(data.orders).toHaveLength(1);

    const erased = await h.app.inject({ method: 'POST', url: `/api/prospects/${lea!.id}/erase`, headers: admin.headers, payload: { reason: 'Demande du client par e-mail' } });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ kept: { orders: 1 }, documentsDeleted: 1 });
    const [after] = await h.test.runtime.db.select().from(prospects).where(eq(prospects.id, lea!.id));
    expect(after).toMatchObject({ name: null, email: null, phone: null, answers: {}, mandateNumber: lea!.mandateNumber, consentVersion: 'winwin-rgpd-2025-11' });
    expect(after!.erasedAt).toBeInstanceOf(Date);
    // The old link is dead; the signed mandate and the invoice stay.
    expect((await h.app.inject({ method: 'GET', url: `/api/public/prospects/${lea!.token}` })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'POST', url: `/api/prospects/${lea!.id}/erase`, headers: admin.headers, payload: { reason: 'again' } })).statusCode).toBe(409);
  });

  it('after activation: a failed renewal makes a « Paiement en échec » client (mail, owner alert), a cancellation a « Mandat résilié »', async () => {
    const token = await h.start();
    const email = 'renouvellement@example.ch';
    await h.save(token, { ...LEA, email });
    await h.submit(token);
    await markSigned(token, email);
    const payment = await h.payment(token);
    // The sandbox card that pays once and then fails on renewals.
    expect((await h.pay(payment.body.url, '4000000000000341')).statusCode).toBe(200);
    await eventually(async () => (await prospectRow(token)).status === 'client_actif', 'the client active');
    const advance = await h.app.inject({ method: 'POST', url: '/api/payments/sandbox/clock/advance', headers: admin.headers, payload: { days: 366 } });
    expect(advance.statusCode, advance.body).toBe(200);
    await eventually(async () => (await prospectRow(token)).status === 'paiement_en_echec', 'the client in payment failure');
    await eventually(async () => (await h.mailsTo(email, 'sales.journey-text')) === 2, 'the failed-payment mail after the welcome');
    const [failedMail] = await h.test.runtime.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.subject, 'Votre paiement WIN WIN Finance Group a échoué')));
    expect(failedMail!.textBody).toContain('CHF 185.-/an');
    const alerts = await h.test.runtime.db.select().from(notifications).where(eq(notifications.kind, 'journey.payment_failed'));
    expect(alerts.length).toBeGreaterThanOrEqual(1);

    const row = await prospectRow(token);
    const cancel = await h.app.inject({ method: 'POST', url: `/api/sales/orders/${row.orderId}/subscription/cancel`, headers: admin.headers, payload: { atPeriodEnd: false } });
    expect(cancel.statusCode, cancel.body).toBeLessThan(300);
    await eventually(async () => (await prospectRow(token)).status === 'mandat_resilie', 'the mandate ended');
    expect((await h.view(token)).step).toBe('ended');
  });

  it('an unknown or forged token is a 404 that says nothing', async () => {
    expect((await h.app.inject({ method: 'GET', url: `/api/public/prospects/${'x'.repeat(43)}` })).statusCode).toBe(404);
  });

  it('idle prospects are abandoned after the journey’s hours and resume from their link', async () => {
    const token = await h.start();
    await h.save(token, { first_name: 'Idle' });
    await h.test.runtime.db.update(prospects).set({ lastActivityAt: sql`now() - interval '73 hours'` }).where(eq(prospects.token, token));
    const { abandonIdleProspects } = await import('./activation/abandon-idle-prospects.task.ts');
    expect(await abandonIdleProspects(h.test.runtime, new Date())).toBeGreaterThanOrEqual(1);
    expect((await prospectRow(token)).status).toBe('abandonne');
    expect((await h.save(token, { last_name: 'Back' })).statusCode).toBe(200);
    expect((await prospectRow(token)).status).toBe('prospect');
  });
});
