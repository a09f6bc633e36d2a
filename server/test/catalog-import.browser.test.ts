import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// The catalog import screen: columns explained per rule type, a dry run's errors by line and column, then a file
// with tiered prices imported for real and seen in the product's pricing tab.
let session: BrowserSession;
let token: string;
let page: Page;

const header = ['sku', 'name', 'company', 'risk_code', 'revenue_model', 'status', 'version', 'effective_from', 'plan_code', 'plan_name', 'recurrence', 'rule_type', 'currency', 'tax_included', 'mode', 'conditions', 'amount', 'flat_amount'];
const base = ['MTV-PALIERS-NAV', 'Licences par paliers', 'Mondial TV', 'OTT', 'revenue', 'draft', '1', '2026-01-01', 'LICENCES', 'Licences', 'monthly', 'tiered', 'EUR', 'non', 'graduated'];
const tieredFile = (tiers: [string, string, string][]) => `\uFEFF${[header, ...tiers.map((tier) => [...base, ...tier])].map((r) => r.join(';')).join('\r\n')}\r\n`;

beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
  page = await session.browser.newPage();
  await session.signInThroughForm(page, 'admin@winvest.demo');
  await page.waitForURL(/\/app/);
});
afterAll(async () => {
  await page?.close();
  await session?.close();
});

async function importFile(name: string, content: string, dryRun: boolean): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  const box = page.getByRole('checkbox', { name: /Simulation/ });
  if ((await box.isChecked()) !== dryRun) await box.click();
  await page.getByRole('button', { name: dryRun ? 'Lancer la simulation' : 'Lancer l’import' }).click();
}

describe('catalog import screen in Chromium', () => {
  it('opens from the catalog and explains the columns of each rule type', async () => {
    await page.goto(`${session.server.url}/app/catalogue`);
    await page.getByRole('link', { name: 'Importer / exporter' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Importer et exporter le catalogue' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: /^Paliers/ }).click();
    await expect.poll(() => page.getByText(/quantité à partir de 51/).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^Grille d’attributs/ }).click();
    await expect.poll(() => page.getByText(/client_type = particulier et age de 18 à 22/).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Télécharger le modèle « Paliers »' }).count()).toBe(1);
  });

  it('shows a dry run’s errors with their line and column, and writes nothing', async () => {
    await importFile(
      'paliers-faux.csv',
      tieredFile([
        ['quantité de 1 à 10', '10,00', ''],
        ['quantité de 12 à 50', '8,50', ''],
        ['quantité à partir de 51', '-7', ''],
      ]),
      true,
    );
    const errors = page.getByRole('table', { name: 'Erreur' });
    await expect.poll(() => errors.getByRole('row').count(), { timeout: 20_000 }).toBe(3);
    expect(await errors.getByRole('row').nth(1).innerText()).toMatch(/3\s+conditions\s+ligne 3, colonne conditions : trou entre les paliers : quantité 11 non couverte/);
    expect(await errors.getByRole('row').nth(2).innerText()).toMatch(/4\s+amount\s+ligne 4, colonne amount : prix unitaire négatif « -7 »/);
    expect(await page.getByText('2 erreur(s) : rien n’a été écrit. Corrigez le fichier et relancez.').count()).toBe(1);
  });

  it('imports tiered prices and shows them in the product’s pricing tab', async () => {
    const good = tieredFile([
      ['quantité de 1 à 10', '10,00', ''],
      ['quantité de 11 à 50', '8,50', '5,00'],
      ['quantité à partir de 51', '7,00', ''],
    ]);
    await importFile('paliers.csv', good, true);
    await expect.poll(() => page.getByText('Simulation réussie : aucune erreur. Relancez sans simulation pour écrire.').count(), { timeout: 20_000 }).toBe(1);
    await importFile('paliers.csv', good, false);
    await expect.poll(() => page.getByText('Import terminé.').count(), { timeout: 20_000 }).toBe(1);
    // 1 product, 1 version, 1 plan.
    expect(await page.getByText('Créés : 3 · Modifiés : 0 · Inchangés : 0').count()).toBe(1);

    const response = await fetch(`${session.server.url}/api/catalog/products?q=MTV-PALIERS-NAV`, { headers: { authorization: `Bearer ${token}` } });
    const { items } = (await response.json()) as { items: { id: string; sku: string }[] };
    const productId = items.find((p) => p.sku === 'MTV-PALIERS-NAV')!.id;
    await page.goto(`${session.server.url}/app/catalogue/produits/${productId}`);
    await page.getByRole('tab', { name: 'Tarification' }).click();
    await expect.poll(() => page.getByText(/^Paliers/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const rule = await page.locator('pre, code').filter({ hasText: '"tiers"' }).first().innerText();
    expect(JSON.parse(rule)).toMatchObject({
      type: 'tiered',
      mode: 'graduated',
      taxMode: 'excl',
      tiers: [
        { upTo: 10, unitAmount: '1000' },
        { upTo: 50, unitAmount: '850', flatAmount: 500 },
        { upTo: null, unitAmount: '700' },
      ],
    });
  });
});
