import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #7 in Chromium: the demo prospect's policies (seeded at start, read by the extraction job — text layer and
// OCR) are listed on /app/documents; an advisor reviews the extracted fields with their confidence badges, corrects
// the premium and confirms; a file that is not a policy is refused with the server's French message.

let session: BrowserSession;
let token: string;
const OWNER = 'demo-marie-exemple';

beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winwin.demo');
});
afterAll(() => session?.close());

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${session.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface Item {
  id: string;
  filename: string;
  extraction: { status: string; confirmed: boolean } | null;
}
const documents = async () => (await api<{ items: Item[] }>(`/api/documents?ownerKind=prospect&ownerId=${OWNER}`)).items;

async function openDocumentsPage(): Promise<Page> {
  const page = await session.browser.newPage();
  await session.signInThroughForm(page, 'admin@winwin.demo');
  await page.waitForURL(/\/app/);
  await page.goto(`${session.server.url}/app/documents`);
  await page.getByTestId('owner-id').fill(OWNER);
  return page;
}

describe('documents in Chromium', () => {
  it('reviews a seeded policy: confidence badges, a corrected premium, « Confirmer » keeps the correction', async () => {
    // Both demo policies are read by the job after start (the photo through OCR).
    await expect.poll(async () => (await documents()).map((d) => d.extraction?.status).sort(), { timeout: 90_000, interval: 1_000 }).toEqual(['done', 'done']);
    const page = await openDocumentsPage();
    await page.getByRole('button', { name: 'police-menage-rc-axa.pdf' }).click();
    const review = page.getByRole('form', { name: 'Données extraites' });
    await expect.poll(() => review.getByLabel(/^Assureur/).inputValue(), { timeout: 20_000 }).toBe('AXA');
    expect(await review.getByLabel(/^N° de police/).inputValue()).toBe('12.345.678/9');
    expect(await review.getByLabel(/^Prime/).inputValue()).toBe('1234.50');
    expect(await review.getByLabel(/^Début du contrat/).inputValue()).toBe('2026-01-01');
    const badge = review.getByTestId('confidence-premium');
    expect(Number(await badge.getAttribute('data-confidence'))).toBeGreaterThanOrEqual(85);
    expect(await badge.textContent()).toMatch(/^\d+ %$/);

    const premium = review.getByLabel(/^Prime/);
    await premium.fill("1'200.00");
    await expect.poll(() => premium.inputValue()).toBe("1'200.00");
    // The click is tied to the request it sends: a failure names the status, the body and what the server logged,
    // instead of a poll that only sees « not confirmed yet ».
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && /\/api\/documents\/[^/]+\/extraction$/.test(r.url()), { timeout: 60_000 }),
      review.getByRole('button', { name: 'Confirmer' }).click(),
    ]);
    expect(response.status(), `PUT extraction answered ${response.status()}: ${await response.text()}\n${session.server.output().slice(-4000)}`).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}').fields.premium.amount).toBe(120_000);
    expect((await documents()).find((d) => d.filename === 'police-menage-rc-axa.pdf')?.extraction?.confirmed).toBe(true);
    const id = (await documents()).find((d) => d.filename === 'police-menage-rc-axa.pdf')!.id;
    const extraction = await api<{ confirmed: { premium: { amount: number } }; fields: { premium: { value: { amount: number } } }; corrections: { changes: { field: string }[] }[] }>(`/api/documents/${id}/extraction`);
    expect(extraction.confirmed.premium.amount).toBe(120_000);
    expect(extraction.fields.premium.value.amount).toBe(123_450);
    expect(extraction.corrections[0]!.changes.map((c) => c.field)).toEqual(['premium']);
    await page.getByText(/1 correction\(s\) enregistrée\(s\)/).waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('summarises the prospect’s coverage: estimated savings, and the rules behind them', async () => {
    const page = await openDocumentsPage();
    await page.getByRole('button', { name: 'police-menage-rc-axa.pdf' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Analyser' }).click();
    const summary = page.getByTestId('recommendation');
    await summary.getByText(/^Économies estimées : CHF [\d’']+\.– par an$/).waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toContain('Primes annuelles actuelles');
    await page.getByRole('button', { name: 'Règles appliquées' }).click();
    await page.getByText('Toute personne domiciliée en Suisse doit être assurée pour les soins (LAMal, art. 3).').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('refuses a file that is not a policy with the server’s French message', async () => {
    const page = await openDocumentsPage();
    await page.getByTestId('policy-file-input').setInputFiles({ name: 'police.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ — ceci est un exécutable') });
    await expect.poll(() => page.getByTestId('upload-error').textContent(), { timeout: 20_000 }).toContain('n’est ni un PDF, ni une image PNG ou JPEG');
    expect((await documents()).length).toBe(2);
    await page.close();
  });

  it('shows the server’s upload limit and refuses a larger file before sending it', async () => {
    const page = await openDocumentsPage();
    await page.getByText('Glissez la police ici (PDF, PNG ou JPEG, 10 Mo au plus) ou').waitFor({ timeout: 20_000 });
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/documents') uploads.push(request.url());
    });
    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1);
    tooBig.write('%PDF-1.7\n');
    await page.getByTestId('policy-file-input').setInputFiles({ name: 'énorme.pdf', mimeType: 'application/pdf', buffer: tooBig });
    await expect.poll(() => page.getByTestId('upload-error').textContent(), { timeout: 20_000 }).toBe('Le fichier « énorme.pdf » dépasse 10 Mo.');
    expect(uploads).toEqual([]);
    expect((await documents()).length).toBe(2);
    await page.close();
  });
});
