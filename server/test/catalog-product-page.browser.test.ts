import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// The product 360° page's editing screens: a draft version's plans, negotiated prices,
// external codes, documents, the read-only notice of a published version, the Promo badge.
let session: BrowserSession;
let token: string;
let draftId: string;
let draftVersionId: string;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await session.apiCall<T>(token, method, path, body);
  expect(response.status, `${method} ${path}: ${response.status}`).toBeLessThan(300);
  return response.body;
}

async function productId(sku: string): Promise<string> {
  const { items } = await api<{ items: { id: string; sku: string }[] }>('GET', `/api/catalog/products?q=${sku}`);
  return items.find((p) => p.sku === sku)!.id;
}

/** Picks `option` in the Mantine Select labelled `label` inside `scope`. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: RegExp, option: string): Promise<void> {
  await scope.getByLabel(label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
  // A draft Mondial TV product (never published: its version in force may still change).
  const companies = await api<{ items: { id: string; brandName: string }[] }>('GET', '/api/identity/companies');
  const companyId = companies.items.find((c) => c.brandName === 'Mondial TV')!.id;
  const risks = await api<{ items: { id: string; companyId: string }[] }>('GET', '/api/catalog/risks');
  const riskId = risks.items.find((r) => r.companyId === companyId)!.id;
  const created = await api<{ product: { id: string }; versionId: string }>('POST', '/api/catalog/products', {
    sku: 'MTV-DRAFT-NAV',
    name: 'Offre TV brouillon',
    companyId,
    riskId,
    revenueModel: 'revenue',
    effectiveFrom: '2026-01-01T00:00:00Z',
  });
  draftId = created.product.id;
  draftVersionId = created.versionId;
  await api('PUT', `/api/catalog/versions/${draftVersionId}/plans`, {
    plans: [{ code: 'ESSENTIEL', name: 'Essentiel', recurrence: 'monthly', rule: { type: 'fixed', amount: 1290, taxMode: 'incl', taxCategory: 'standard', recurrence: { kind: 'recurring', every: 1, unit: 'month' } } }],
  });
});
afterAll(() => session?.close());

describe('product page editing in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
  });
  afterAll(() => page?.close());

  const openTab = async (name: string) => {
    await page.goto(`${session.server.url}/app/catalogue/produits/${draftId}`);
    await page.getByRole('tab', { name }).click();
  };

  it('edits the plans of a draft version, with the field at fault shown', async () => {
    await openTab('Tarification');
    await page.getByRole('button', { name: 'Modifier les formules' }).click();
    const first = page.getByRole('group', { name: 'Formule 1' });
    await first.getByRole('textbox', { name: 'Prix', exact: true }).fill('14,505');
    await page.getByRole('button', { name: 'Enregistrer les formules' }).click();
    await expect.poll(() => first.getByText('Montant invalide (par exemple 9,90)').count()).toBe(1);
    await first.getByRole('textbox', { name: 'Prix', exact: true }).fill('14,50');
    await page.getByRole('button', { name: 'Ajouter une formule' }).click();
    const second = page.getByRole('group', { name: 'Formule 2' });
    await second.getByRole('textbox', { name: 'Code', exact: true }).fill('PREMIUM');
    await second.getByRole('textbox', { name: 'Nom', exact: true }).fill('Premium');
    await second.getByRole('textbox', { name: 'Prix', exact: true }).fill('24,90');
    await page.getByRole('button', { name: 'Enregistrer les formules' }).click();
    await expect.poll(() => page.locator('tr[data-plan="ESSENTIEL"]').textContent(), { timeout: 10_000 }).toContain('14,50');
    expect(await page.locator('tr[data-plan="PREMIUM"]').textContent()).toContain('24,90');
    const saved = await api<{ plans: { code: string; rule: { amount: number } }[] }>('GET', `/api/catalog/versions/${draftVersionId}`);
    expect(saved.plans.map((p) => [p.code, p.rule.amount])).toEqual([
      ['ESSENTIEL', 1450],
      ['PREMIUM', 2490],
    ]);
  });

  it('creates a negotiated price, shows the overlap refused on its field, then ends the price', async () => {
    await openTab('Tarification');
    const section = page.getByRole('region', { name: 'Prix négociés' });
    await section.getByRole('button', { name: 'Nouveau prix négocié' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Référence client/).fill('CLIENT-NAV');
    await choose(page, dialog, /^Formule/, 'Essentiel (ESSENTIEL)');
    await dialog.getByLabel(/^Prix unitaire/).fill('11,90');
    await dialog.getByLabel(/^Premier jour/).fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const row = section.locator('tr[data-customer="CLIENT-NAV"]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toMatch(/11,90\s€.*01\/01\/2026 → ….*En cours/);

    // The same customer and plan on an overlapping period: the server refuses, on « Premier jour ».
    await section.getByRole('button', { name: 'Nouveau prix négocié' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Référence client/).fill('CLIENT-NAV');
    await choose(page, dialog, /^Formule/, 'Essentiel (ESSENTIEL)');
    await dialog.getByLabel(/^Prix unitaire/).fill('10');
    await dialog.getByLabel(/^Premier jour/).fill('2026-06-01');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const firstDay = dialog.getByLabel(/^Premier jour/);
    await expect.poll(async () => firstDay.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => dialog.getByText('chevauche l’accord 2026-01-01 → …').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    // End it yesterday: quotes from today use the plan's price again.
    await row.getByRole('button', { name: 'Terminer' }).click();
    dialog = page.getByRole('dialog');
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    await dialog.getByLabel(/^Dernier jour/).fill(yesterday);
    await dialog.getByRole('button', { name: 'Terminer' }).click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Terminé');
  });

  it('adds external codes, refuses a second code for one system and warns of a code shared with another product', async () => {
    await api('PUT', `/api/catalog/products/${await productId('DEP-SERVICE-001')}/external-mappings`, { mappings: [{ system: 'A3DN', externalCode: 'A-SHARED' }] });
    await openTab('Intégrations');
    const section = page.getByRole('region', { name: 'Codes externes' });
    const add = async (system: string, code: string) => {
      await section.getByLabel(/^Système/).fill(system);
      await section.getByLabel(/^Code externe/).fill(code);
      await section.getByRole('button', { name: 'Ajouter le code' }).click();
    };
    await add('OggoData', 'OG-NAV-1');
    await expect.poll(() => section.locator('tr[data-system="OggoData"]').count(), { timeout: 10_000 }).toBe(1);
    await add('oggodata', 'OG-NAV-2');
    await expect.poll(() => section.getByText('Ce produit a déjà un code pour ce système').count()).toBe(1);
    await add('A3DN', 'A-SHARED');
    await expect.poll(() => section.locator('tr[data-system="A3DN"]').count(), { timeout: 10_000 }).toBe(1);
    const warning = section.getByRole('alert');
    await expect.poll(() => warning.textContent()).toContain('Code déjà utilisé par un autre produit');
    expect(await warning.textContent()).toContain('DEP-SERVICE-001');
    const stored = await api<{ items: { system: string; externalCode: string }[] }>('GET', `/api/catalog/products/${draftId}/external-mappings`);
    expect(stored.items.map((m) => `${m.system}:${m.externalCode}`)).toEqual(['A3DN:A-SHARED', 'OggoData:OG-NAV-1']);
  });

  it('attaches a document to the draft version', async () => {
    await openTab('Documents');
    const form = page.getByRole('form', { name: 'Ajouter un document' });
    await form.locator('input[type="file"]').setInputFiles({ name: 'cgv-nav.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nCGV navigateur\n%%EOF\n') });
    await form.getByRole('button', { name: 'Déposer le document' }).click();
    await expect.poll(() => page.getByText('cgv-nav.pdf').count(), { timeout: 10_000 }).toBe(1);
  });

  it('keeps a published version read-only and says to create a new version', async () => {
    await page.goto(`${session.server.url}/app/catalogue/produits/${await productId('MTV-OFFRE-001')}`);
    await page.getByRole('tab', { name: 'Tarification' }).click();
    await expect.poll(() => page.getByText('Version en vigueur et publiée').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Modifier les formules' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Créer une nouvelle version' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Historique' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the Promo badge while a promotion of the version in force runs', async () => {
    await api('PUT', `/api/catalog/versions/${draftVersionId}/promotions`, { promotions: [{ label: 'Lancement', percentBp: 1000, validFrom: '2026-01-01T00:00:00+01:00' }] });
    await page.goto(`${session.server.url}/app/catalogue/produits/${draftId}`);
    await expect.poll(() => page.getByText('Promo', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
