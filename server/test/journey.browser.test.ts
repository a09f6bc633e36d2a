import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInZone } from '../src/catalog/pricing/zoned-date.ts';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #7 in Chromium: a new prospect walks the WIN WIN journey (seed 004) on the sandbox provider — questionnaire,
// price from the catalog, drawn signature, payment, thank-you page — then the free-mandate path and a declined card.

let session: BrowserSession;
let adminToken: string;
beforeAll(async () => {
  session = await startBrowserSession();
  adminToken = await session.apiSignIn('admin@winwin.demo');
});
afterAll(() => session?.close());

const api = <T>(method: string, path: string, body?: unknown) => session.apiCall<T>(adminToken, method, path, body);

/** Fills the questionnaire as a person would, section by section (the fields appear with the client type). */
async function fillQuestionnaire(page: Page, who: { first: string; last: string; email: string; birth: string }) {
  await page.getByLabel('Particulier').check();
  await page.getByLabel('Prénom').fill(who.first);
  await page.getByLabel(/^Nom/).fill(who.last);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Téléphone').fill('+41 32 466 11 00');
  await page.getByLabel('Date de naissance').fill(who.birth);
  await page.getByLabel('Adresse').fill('Rue du Marché 4');
  await page.getByLabel('NPA').fill('2900');
  await page.getByLabel('Localité').fill('Porrentruy');
  await page.getByLabel('Responsabilité civile privée').check();
  await page.getByLabel('Assurance ménage').check();
  await page.getByLabel('Prix', { exact: true }).check();
  await page.getByTestId('autosave-state').getByText('Réponses enregistrées').waitFor({ timeout: 15_000 });
}

async function startJourney(page: Page) {
  await page.goto(`${session.server.url}/parcours/winwin/mandat-de-gestion?source=navigateur`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\/parcours\/p\/[\w-]{43}$/);
  return page.url().split('/').at(-1)!;
}

/** The signing page with the code mailed to the prospect, a mouse-drawn signature, « Signer »; back to the journey. */
async function signMandate(page: Page, email: string) {
  await page.getByRole('button', { name: 'Signer mon mandat' }).click();
  await page.waitForURL(/\/signer\/[\w-]+$/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Recevoir le code' }).click();
  await page.getByText(/Code envoyé à/).waitFor();
  const mails = await api<{ items: { to: string; subject: string; template: string }[] }>('GET', '/api/platform/mail?limit=100');
  const code = /(\d{6})/.exec(mails.body.items.find((m) => m.template === 'signature.otp' && m.to === email)!.subject)![1]!;
  // The pin input is a group of six boxes: focus the first box, type, the focus moves along.
  await page.getByLabel('Code reçu par e-mail').first().locator('input').first().click();
  await page.keyboard.type(code);
  await page.getByRole('button', { name: 'Valider le code' }).click();
  await page.getByText('Code vérifié.').waitFor();
  await page.getByRole('checkbox').check();
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 20), box.y + box.height * (i % 2 === 0 ? 0.7 : 0.3), { steps: 2 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Signer', exact: true }).click();
  await page.waitForURL(/\/parcours\/p\/[\w-]{43}$/, { timeout: 30_000 });
  await page.getByText('Mandat signé').waitFor({ timeout: 30_000 });
}

/** The sandbox's hosted checkout: a card number, « Payer ». */
async function payOnSandbox(page: Page, card: string) {
  await page.waitForURL(/\/sandbox\/checkout\/cs_test_/, { timeout: 20_000 });
  await page.getByRole('button', { name: new RegExp(`^Utiliser la carte ${card}`) }).click();
  await page.getByRole('button', { name: /^Payer/ }).click();
}

describe('the WIN WIN journey in Chromium', () => {
  it('questionnaire with a policy PDF → CHF 185.– → drawn signature → payment → thank-you page; mail, notification, sealed PDF', async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await context.newPage();
    const token = await startJourney(page);
    await fillQuestionnaire(page, { first: 'Léa', last: 'Navigateur', email: 'lea.navigateur@example.ch', birth: '1990-05-12' });
    // Resume later: a reload of the link shows the saved answers.
    await page.reload();
    expect(await page.getByLabel('Prénom').inputValue()).toBe('Léa');

    // The current policy: dropped as a PDF, read on the server, confirmed on the page.
    await page.locator('input[type=file]').setInputFiles(path.join(import.meta.dirname, '../src/documents/extraction/fixtures/policy-text-layer.pdf'));
    await page.getByRole('button', { name: 'Confirmer' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText('Confirmée', { exact: true }).waitFor();

    await page.getByLabel(/J’accepte que WIN WIN Finance Group traite/).check();
    await page.getByRole('button', { name: 'Envoyer et voir mon tarif' }).click();
    await page.getByTestId('journey-price').waitFor();
    expect(await page.getByTestId('journey-price').textContent()).toMatch(/CHF 185\.–\s*\/\s*an/);
    await page.getByText(/soit CHF 15\.42 par mois/).waitFor();
    await page.getByText('Notre analyse de votre situation').waitFor();

    await signMandate(page, 'lea.navigateur@example.ch');
    await page.getByRole('button', { name: /^Payer CHF 185\.–/ }).click();
    await payOnSandbox(page, '4242424242424242');
    await page.waitForURL(/\/parcours\/p\/[\w-]{43}\/merci$/, { timeout: 30_000 });
    await page.getByText('Votre mandat de gestion est activé').waitFor({ timeout: 60_000 });
    const year = dateInZone(new Date(), 'Europe/Zurich').slice(0, 4); // WIN WIN's calendar year
    const mandate = (await page.getByTestId('mandate-number').textContent())!;
    expect(mandate).toMatch(new RegExp(`^WW-${year}-\\d{5}$`));

    // The welcome mail, once; the owner's notification; the mandate number assigned once.
    await expect
      .poll(async () => (await api<{ items: { to: string; subject: string }[] }>('GET', '/api/platform/mail?limit=100')).body.items.filter((m) => m.to === 'lea.navigateur@example.ch' && m.subject === 'Bienvenue chez WIN WIN Finance Group').length, { timeout: 30_000 })
      .toBe(1);
    const notifications = await api<{ items: { title: string; body: string }[] }>('GET', '/api/notifications?limit=50');
    expect(notifications.body.items.filter((n) => n.title === 'Nouveau client payé ✅' && n.body.includes(mandate))).toHaveLength(1);
    const prospects = await api<{ items: { mandateNumber: string | null; email: string }[] }>('GET', '/api/prospects?q=lea.navigateur');
    expect(prospects.body.items.map((p) => p.mandateNumber)).toEqual([mandate]);

    // The sealed mandate from the thank-you page passes /verify; one changed byte does not.
    const pdf = Buffer.from(await (await fetch(`${session.server.url}/api/public/prospects/${token}/mandate.pdf`)).arrayBuffer());
    const verify = async (bytes: Buffer) => (await (await fetch(`${session.server.url}/api/public/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes })).json()) as { valid: boolean };
    expect((await verify(pdf)).valid).toBe(true);
    const altered = Buffer.from(pdf);
    const middle = Math.floor(altered.length / 2);
    altered[middle] = altered[middle]! ^ 0x01;
    expect((await verify(altered)).valid).toBe(false);
    await context.close();
  });

  it('free mandate: an advisor’s invitation, price « Gratuit », « Activer mon mandat » without the provider', async () => {
    const journeys = await api<{ items: { id: string }[] }>('GET', '/api/journeys');
    const invited = await api<{ url: string }>('POST', `/api/journeys/${journeys.body.items[0]!.id}/invitations`, { offered: true, source: 'famille' });
    expect(invited.status).toBe(201);
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}${new URL(invited.body.url).pathname}`);
    await fillQuestionnaire(page, { first: 'Noé', last: 'Offert', email: 'noe.offert@example.ch', birth: '1985-02-03' });
    await page.getByLabel(/J’accepte que WIN WIN Finance Group traite/).check();
    await page.getByRole('button', { name: 'Envoyer et voir mon tarif' }).click();
    expect(await page.getByTestId('journey-price').textContent()).toBe('Gratuit');
    await page.getByText('Mandat offert', { exact: true }).first().waitFor();
    await signMandate(page, 'noe.offert@example.ch');
    await page.getByRole('button', { name: 'Activer mon mandat' }).click();
    await page.waitForURL(/\/merci$/);
    await page.getByText('Votre mandat de gestion est activé').waitFor({ timeout: 60_000 });
    expect(page.url()).not.toMatch(/sandbox/);
    await context.close();
  });

  it('a declined card: the journey waits on the payment step with the reason, then a good card activates it', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await startJourney(page);
    await fillQuestionnaire(page, { first: 'Zoé', last: 'Refus', email: 'zoe.refus@example.ch', birth: '2005-06-07' });
    await page.getByLabel(/J’accepte que WIN WIN Finance Group traite/).check();
    await page.getByRole('button', { name: 'Envoyer et voir mon tarif' }).click();
    // 18–22 years old: CHF 85.– a year.
    expect(await page.getByTestId('journey-price').textContent()).toMatch(/CHF 85\.–/);
    await signMandate(page, 'zoe.refus@example.ch');
    await page.getByRole('button', { name: /^Payer CHF 85\.–/ }).click();
    await payOnSandbox(page, '4000000000000002');
    await page.getByText('Paiement refusé').waitFor();
    expect(page.url()).toMatch(/\/sandbox\/checkout\//);
    const prospects = await api<{ items: { status: string; mandateNumber: string | null }[] }>('GET', '/api/prospects?q=zoe.refus');
    expect(prospects.body.items[0]).toMatchObject({ status: 'en_paiement', mandateNumber: null });
    await page.getByRole('button', { name: /^Utiliser la carte 4242424242424242/ }).click();
    await page.getByRole('button', { name: /^Payer/ }).click();
    await page.waitForURL(/\/merci$/, { timeout: 30_000 });
    await page.getByText('Votre mandat de gestion est activé').waitFor({ timeout: 60_000 });
    await context.close();
  });
});
