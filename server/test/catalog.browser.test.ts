import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(() => session?.close());

/** Picks `option` in the Mantine Select labelled `label`. */
async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('catalog screens in Chromium', () => {
  it('creates and publishes a product through the wizard, then finds it active in the catalog', async () => {
    const sku = `MTV-TEST-${Date.now()}`;
    const page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
    await page.goto(`${session.server.url}/app/catalogue`);
    await page.getByRole('link', { name: 'Nouveau produit' }).click();
    await page.waitForURL(/\/app\/catalogue\/nouveau$/);

    // 1. Général
    await choose(page, /^Société/, 'Mondial TV');
    await choose(page, /^Risque \(famille\)/, 'Offre TV');
    await page.getByLabel(/^SKU/).fill(sku);
    await page.getByLabel(/^Nom du produit/).fill('Offre TV test navigateur');
    await expect.poll(() => page.getByText('Code disponible').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Suivant' }).click();

    // 2. Formules & prix: one monthly plan at 12,90 TTC.
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('ESSENTIEL');
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Essentiel');
    await page.getByRole('textbox', { name: 'Prix', exact: true }).fill('12,90');
    await page.getByRole('button', { name: 'Suivant' }).click();

    // 3. Commissions: none.
    await page.getByText('Ajouter un barème').waitFor();
    await page.getByRole('button', { name: 'Suivant' }).click();

    // 4. Documents: a CGV.
    await page.getByRole('button', { name: 'Ajouter un document' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'cgv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nCGV Mondial TV test\n%%EOF\n') });
    await page.getByRole('textbox', { name: 'Titre', exact: true }).fill('CGV Offre TV test');
    await page.getByRole('button', { name: 'Suivant' }).click();

    // 5. Publication on the web channel only.
    const web = page.getByRole('checkbox', { name: 'Web' });
    await web.waitFor();
    expect(await web.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer et publier' }).click();
    await page.waitForURL(/\/app\/catalogue\/produits\/[0-9a-f-]+$/, { timeout: 30_000 });
    await expect.poll(() => page.getByText(sku).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.goto(`${session.server.url}/app/catalogue`);
    await page.getByLabel('Rechercher').fill(sku);
    const row = page.locator(`tr[data-sku="${sku}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row.getByText('Actif', { exact: true }).count()).toBe(1);
    await page.close();
  });
});
