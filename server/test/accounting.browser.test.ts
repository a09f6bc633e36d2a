import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #8 in Chromium: the commission simulator of Mondial TV (seed 003 §13 tiers) shows the commission per tier,
// its split as stacked bars and the entries it would post; the exports screen generates the Annex F CSV of a company,
// journals it with its SHA-256, and downloads it again. Every step goes through the real server.

let session: BrowserSession;
let token: string;
beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
});
afterAll(() => session?.close());

async function signedInPage(): Promise<Page> {
  const page = await session.browser.newPage();
  await session.signInThroughForm(page, 'admin@winvest.demo');
  await page.waitForURL(/\/app/);
  return page;
}

/** Picks `option` in the Mantine Select labelled `label`. */
async function pick(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('commissions and accounting in Chromium', () => {
  it('simulates 150 Mondial TV sales: tiers, split as stacked bars, and the entries preview', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/commissions`);
    await expect.poll(() => page.getByRole('heading', { name: 'Commissions' }).count()).toBeGreaterThan(0);
    await pick(page, 'Société', 'Mondial TV');
    await pick(page, 'Produit', /MTV-OFFRE-001/);
    await page.getByLabel('Volume de ventes du mois').fill('150');
    await page.getByLabel('Chiffre d’affaires ou primes HT du mois').fill('3 738,00');
    await page.getByRole('button', { name: 'Simuler' }).click();
    const total = page.getByTestId('simulation-total');
    await total.waitFor({ timeout: 20_000 });
    // All-units tiers: the month's 150 sales reach 100–499, every sale at 12 % of 24,92 € (seed §13).
    await expect.poll(async () => (await page.getByTestId('simulation-tiers').innerText()).includes('12 %')).toBe(true);
    expect(await total.innerText()).toMatch(/Commission totale : 448,\d\d\s€/);
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const entries = await page.getByTestId('simulation-entries').innerText();
    expect(entries).toContain('641100');
    expect(entries).toContain('421000');
    await page.close();
  });

  it('generates the Annex F CSV of a company, journals it and downloads it again', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/accounting`);
    await page.getByRole('tab', { name: 'Exports' }).click();
    await pick(page, 'Société', 'Mondial TV');
    await page.getByRole('button', { name: 'Générer' }).click();
    const journal = page.getByTestId('export-journal');
    await journal.waitFor({ timeout: 20_000 });
    const now = new Date();
    const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    await expect
      .poll(async () => {
        const text = await journal.innerText();
        if (process.env.DEBUG_ACC) console.log(text.slice(0, 400));
        return text;
      }, { timeout: 30_000 })
      .toMatch(/prêt|échec/i);
    expect((await journal.innerText()).toLowerCase()).toContain('prêt');
    expect(await journal.innerText()).toContain(`EXPORT_Mondial-TV_${period}.csv`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger' }).first().click()]);
    expect(download.suggestedFilename()).toBe(`EXPORT_Mondial-TV_${period}.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('Date opération;Société;Produit');
    const list = await fetch(`${session.server.url}/api/identity/companies`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    await page.close();
  });
});
