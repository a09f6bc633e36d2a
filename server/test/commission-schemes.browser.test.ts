import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #8: the commission scheme editor of the product 360° page (seed 003 §3.3, Annex E) on Action Prévoyance's
// demo product — read-only while the version is in force and published, editable on a scheduled version: a rate, a
// two-tier table, a 70/30 split saved and seen again after a reload, a split of 90 % refused on its field.
let session: BrowserSession;
let token: string;
let productId: string;
let scheduledId: string;

interface SchemeView {
  appliesTo: string;
  settlement: string;
  split: Record<string, string>;
  tiers: { basis: string; min: string; max: string | null; valueType: string; value: string }[];
  params: Record<string, unknown>;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await session.apiCall<T>(token, method, path, body);
  expect(response.status, `${method} ${path}: ${response.status}`).toBeLessThan(300);
  return response.body;
}

const schemesOf = async (versionId: string) => (await api<{ commissionSchemes: SchemeView[] }>('GET', `/api/catalog/versions/${versionId}`)).commissionSchemes;

beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
  const { items } = await api<{ items: { id: string; sku: string }[] }>('GET', '/api/catalog/products?q=AP-SANTE-001');
  productId = items.find((p) => p.sku === 'AP-SANTE-001')!.id;
  const detail = await api<{ versions: { id: string; state: string }[] }>('GET', `/api/catalog/products/${productId}`);
  const current = detail.versions.find((v) => v.state === 'current')!;
  // A scheduled copy of the version in force: the one a product manager edits before it takes effect.
  scheduledId = (await api<{ id: string }>('POST', `/api/catalog/products/${productId}/versions`, { effectiveFrom: '2031-01-01T00:00:00Z', copyFromVersionId: current.id })).id;
});
afterAll(() => session?.close());

describe('commission scheme editor in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
  });
  afterAll(() => page?.close());

  const openCommissions = async (scheduled: boolean): Promise<Locator> => {
    await page.goto(`${session.server.url}/app/catalogue/produits/${productId}`);
    if (scheduled) {
      await page.getByRole('combobox', { name: 'Version' }).click();
      await page.getByRole('option', { name: /Programmée/ }).click();
    }
    await page.getByRole('tab', { name: 'Commissions' }).click();
    const scheme = page.getByRole('region', { name: 'Barème 1' });
    await scheme.waitFor();
    return scheme;
  };

  it('shows the published version in force read-only', async () => {
    const scheme = await openCommissions(false);
    await expect.poll(() => page.getByText('Version en vigueur et publiée').count()).toBe(1);
    expect(await scheme.getByRole('textbox', { name: 'Part (%) 1' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Enregistrer les barèmes' }).count()).toBe(0);
  });

  it('saves a rate with a 70/30 split, then a two-tier table, and sees them after a reload', async () => {
    let scheme = await openCommissions(true);
    expect(await page.getByText('Version en vigueur et publiée').count()).toBe(0);
    await scheme.getByRole('textbox', { name: 'Taux (%)' }).fill('12,5');
    await scheme.getByRole('textbox', { name: 'Part (%) 1' }).fill('30');
    await scheme.getByRole('button', { name: 'Ajouter un bénéficiaire' }).click();
    await scheme.getByRole('textbox', { name: 'Part (%) 2' }).fill('70');
    await expect.poll(() => scheme.getByRole('status').textContent()).toBe('Somme : 100 %');
    // §3.3: taken back in full within 12 months, due « le 15 du mois suivant ».
    await scheme.getByRole('textbox', { name: 'Reprise (clawback) en mois' }).fill('12');
    await scheme.getByRole('textbox', { name: 'Échéance : jour du mois' }).fill('15');
    await page.getByRole('button', { name: 'Enregistrer les barèmes' }).click();
    await expect.poll(() => page.getByText('Barèmes enregistrés.').count(), { timeout: 10_000 }).toBe(1);
    expect(await schemesOf(scheduledId)).toMatchObject([
      {
        appliesTo: 'both',
        settlement: 'upfront',
        split: { company: '0.3', salesperson: '0.7' },
        tiers: [{ basis: 'volume', min: '0.0000', max: null, valueType: 'percent', value: '12.5000' }],
        params: { clawback: { months: 12, rule: 'full' }, due: { day: 15, monthsAfter: 1 } },
      },
    ]);

    await page.reload();
    scheme = await openCommissions(true);
    expect(await scheme.getByRole('textbox', { name: 'Taux (%)' }).inputValue()).toBe('12,5');
    expect(await scheme.getByRole('textbox', { name: 'Part (%) 2' }).inputValue()).toBe('70');
    expect(await scheme.getByRole('textbox', { name: 'Échéance : jour du mois' }).inputValue()).toBe('15');
    // The preview simulates this version: 100 sales of 100,00 € at 12,5 % = 1 250,00 €.
    const preview = page.getByRole('region', { name: 'Aperçu' });
    await expect.poll(() => preview.getByTestId('scheme-preview-total').textContent(), { timeout: 10_000 }).toMatch(/1\s250,00\s€/);

    // Two tiers by volume: 10 % below 10 sales, 15 % from the 10th.
    await scheme.getByText('Paliers', { exact: true }).click();
    await scheme.getByRole('textbox', { name: 'À (exclu) 1' }).fill('10');
    await scheme.getByRole('textbox', { name: 'Valeur 1' }).fill('10');
    await scheme.getByRole('button', { name: 'Ajouter un palier' }).click();
    expect(await scheme.getByRole('textbox', { name: 'De 2' }).inputValue()).toBe('10');
    await scheme.getByRole('textbox', { name: 'Valeur 2' }).fill('15');
    await page.getByRole('button', { name: 'Enregistrer les barèmes' }).click();
    await expect.poll(() => page.getByText('Barèmes enregistrés.').count(), { timeout: 10_000 }).toBe(1);
    expect((await schemesOf(scheduledId))[0]!.tiers.map((t) => [t.min, t.max, t.value])).toEqual([
      ['0.0000', '10.0000', '10.0000'],
      ['10.0000', null, '15.0000'],
    ]);

    await page.reload();
    scheme = await openCommissions(true);
    expect(await scheme.getByRole('textbox', { name: 'Valeur 2' }).inputValue()).toBe('15');
    expect(await scheme.getByRole('textbox', { name: 'À (exclu) 1' }).inputValue()).toBe('10');
    // All units: 100 sales reach 15 %, 100 × 100,00 € × 15 % = 1 500,00 €.
    await expect.poll(() => page.getByRole('region', { name: 'Aperçu' }).getByTestId('scheme-preview-total').textContent(), { timeout: 10_000 }).toMatch(/1\s500,00\s€/);

    // The choices from fixed lists: graduated tiers, paid in advance (précompté); kept after a reload.
    await scheme.getByLabel(/^Application des paliers/).click();
    await page.getByRole('option', { name: 'Progressif (par tranche)' }).click();
    await scheme.getByLabel('Comptabilisation', { exact: true }).click();
    await page.getByRole('option', { name: 'Précompté' }).click();
    await page.getByRole('button', { name: 'Enregistrer les barèmes' }).click();
    await expect.poll(async () => (await schemesOf(scheduledId))[0]!.params, { timeout: 10_000 }).toMatchObject({ tierMode: 'graduated', accrual: 'precompte' });
    await page.reload();
    scheme = await openCommissions(true);
    expect(await scheme.getByLabel(/^Application des paliers/).inputValue()).toBe('Progressif (par tranche)');
    expect(await scheme.getByLabel('Comptabilisation', { exact: true }).inputValue()).toBe('Précompté');
  });

  it('refuses a split that does not sum to 100 %, with the server’s message on the split', async () => {
    const scheme = await openCommissions(true);
    await scheme.getByRole('textbox', { name: 'Part (%) 2' }).fill('60');
    await expect.poll(() => scheme.getByRole('status').textContent()).toBe('Somme : 90 %');
    await page.getByRole('button', { name: 'Enregistrer les barèmes' }).click();
    await expect.poll(() => scheme.getByTestId('scheme-0-split-error').textContent(), { timeout: 10_000 }).toBe('la somme des parts vaut 0.9 au lieu de 1');
    expect((await schemesOf(scheduledId))[0]!.split).toEqual({ company: '0.3', salesperson: '0.7' });
  });
});

describe('the wizard’s commissions step in Chromium', () => {
  it('reuses the scheme editor: a split of 60 % stops the step, 60/40 on the Essentiel plan is created with the product', async () => {
    const page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
    await page.goto(`${session.server.url}/app/catalogue/nouveau`);
    const choose = async (label: RegExp, option: string, scope: Page | Locator = page) => {
      await scope.getByRole('combobox', { name: label }).first().click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await choose(/^Société/, 'Mondial TV');
    await choose(/^Risque \(famille\)/, 'Offre TV');
    await page.getByLabel(/^SKU/).fill('MTV-SCHEME-WIZ');
    await page.getByLabel(/^Nom du produit/).fill('Offre TV barème');
    await expect.poll(() => page.getByText('Code disponible').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('ESSENTIEL');
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Essentiel');
    await page.getByRole('textbox', { name: 'Prix', exact: true }).fill('12,90');
    await page.getByRole('button', { name: 'Suivant' }).click();

    await page.getByRole('button', { name: 'Ajouter un barème' }).click();
    const scheme = page.getByRole('region', { name: 'Barème 1' });
    await choose(/^Formule/, 'Essentiel (ESSENTIEL)', scheme);
    await scheme.getByRole('textbox', { name: 'Taux (%)' }).fill('10');
    await scheme.getByRole('textbox', { name: 'Part (%) 1' }).fill('60');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect.poll(() => scheme.getByTestId('scheme-0-split-error').textContent()).toBe('La répartition doit faire 100 % (actuellement 60 %)');
    expect(await page.getByRole('button', { name: 'Ajouter un document' }).count()).toBe(0);
    await scheme.getByRole('button', { name: 'Ajouter un bénéficiaire' }).click();
    await scheme.getByRole('textbox', { name: 'Part (%) 2' }).fill('40');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Ajouter un document' }).waitFor();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Contrôles avant publication' }).getByText('✓ Répartition des commissions = 100 %').count()).toBe(1);
    await page.getByRole('button', { name: 'Créer en brouillon' }).click();
    await page.waitForURL(/\/app\/catalogue\/produits\/[0-9a-f-]+$/, { timeout: 30_000 });

    const id = page.url().split('/').pop()!;
    const detail = await api<{ versions: { id: string }[] }>('GET', `/api/catalog/products/${id}`);
    const version = await api<{ plans: { id: string; code: string }[]; commissionSchemes: (SchemeView & { planId: string })[] }>('GET', `/api/catalog/versions/${detail.versions[0]!.id}`);
    expect(version.commissionSchemes).toHaveLength(1);
    expect(version.commissionSchemes[0]).toMatchObject({ planId: version.plans.find((p) => p.code === 'ESSENTIEL')!.id, split: { company: '0.6', salesperson: '0.4' }, tiers: [{ min: '0.0000', max: null, valueType: 'percent', value: '10.0000' }] });
    await page.close();
  });
});
