import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #6 §5 in Chromium, on the sandbox provider: a customer pays an order, its paid invoice appears in the
// back-office list once rendered and mailed, its page shows the legal content and downloads the PDF, a partial credit
// note is asked through the modal and arrives linked to the invoice after the provider's confirmation, and the
// customer's order page lists both documents. Every step goes through the real server, its jobs and its webhooks.

let session: BrowserSession;
let token: string;
let orderId: string;
let publicToken: string;
let invoiceNumber: string;
let invoiceId: string;
beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
});
afterAll(() => session?.close());

const api = <T>(method: string, path: string, body?: unknown) => session.apiCall<T>(token, method, path, body);

interface InvoiceItem {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  status: string;
  orderId: string;
  creditedInvoiceId: string | null;
  totalInclTax: number;
}
const invoices = async () => (await api<{ items: InvoiceItem[] }>('GET', '/api/invoicing/invoices')).body.items;

async function signedInPage(): Promise<Page> {
  const page = await session.browser.newPage();
  await session.signInThroughForm(page, 'admin@winvest.demo');
  await page.waitForURL(/\/app/);
  return page;
}

/** Money as Chromium renders it in French (narrow no-break spaces): « 83,33 € ». */
const euros = (text: string) => new RegExp(`${text}\\s€`);

describe('invoicing in Chromium (sandbox provider)', () => {
  it('a customer pays an order on the sandbox checkout page', async () => {
    const created = await api<{ id: string }>('POST', '/api/sales/orders', {
      customer: { kind: 'person', name: 'Camille Facture', email: 'camille.facture@example.fr' },
      quote: { sku: 'DEP-SERVICE-001' },
    });
    expect(created.status).toBe(201);
    orderId = created.body.id;
    publicToken = (await api<{ order: { publicToken: string } }>('GET', `/api/sales/orders/${orderId}`)).body.order.publicToken;

    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/commande/${publicToken}`);
    await page.getByRole('button', { name: /^Payer 100,00\s€$/ }).click();
    await page.waitForURL(/\/sandbox\/checkout\//, { timeout: 20_000 });
    await page.getByRole('button', { name: /^Utiliser la carte 4242424242424242/ }).click();
    await page.getByRole('button', { name: /^Payer 100,00\s€$/ }).click();
    await page.waitForURL(/\/commande\/[^/?]+\?paiement=ok$/, { timeout: 20_000 });
    await page.getByText('Paiement reçu').waitFor({ timeout: 45_000 });
    await context.close();
  });

  it('the invoice appears in the list as sent, with the page totals; its page shows the legal content and downloads the PDF', async () => {
    // Issued by a job once the payment is confirmed, then rendered and mailed by another.
    await expect.poll(async () => (await invoices()).find((i) => i.orderId === orderId && i.kind === 'invoice')?.status, { timeout: 60_000, interval: 1_000 }).toBe('sent');
    const invoice = (await invoices()).find((i) => i.orderId === orderId && i.kind === 'invoice')!;
    invoiceNumber = invoice.number;
    invoiceId = invoice.id;
    expect(invoiceNumber).toMatch(/^F-\d{4}-\d{6}$/);

    const page = await signedInPage();
    await page.getByRole('link', { name: 'Factures', exact: true }).click();
    await page.waitForURL(/\/app\/factures$/);
    const row = page.locator(`tr[data-invoice="${invoiceNumber}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator('[data-status="sent"]').textContent()).toBe('Envoyée');
    expect(await row.textContent()).toContain('Camille Facture');
    const totals = page.getByTestId('invoice-totals');
    await expect.poll(async () => (await totals.textContent()) ?? '').toMatch(/Factures \(1\) : 83,33\s€ HT · 16,67\s€ TVA · 100,00\s€ TTC/);

    // The kind filter: no credit note yet.
    await page.getByText('Avoirs', { exact: true }).click();
    await page.getByText('Aucun document ne correspond à ces filtres.').waitFor();
    await page.getByText('Tous', { exact: true }).first().click();

    await row.getByRole('link', { name: invoiceNumber }).click();
    await page.waitForURL(new RegExp(`/app/factures/${invoiceId}$`));
    await expect.poll(() => page.getByTestId('invoice-number').textContent()).toBe(`Facture ${invoiceNumber}`);
    const sums = (await page.getByTestId('invoice-totals').textContent()) ?? '';
    expect(sums).toMatch(/Total HT\s*83,33\s€/);
    expect(sums).toMatch(/Total TVA\s*16,67\s€/);
    expect(sums).toMatch(/Total TTC\s*100,00\s€/);
    const vat = page.locator('tr[data-vat-rate="2000"]');
    expect(await vat.count()).toBe(1);
    const vatText = (await vat.textContent()) ?? '';
    expect(vatText).toMatch(/TVA 20\s%/);
    expect(vatText).toMatch(euros('83,33'));
    expect(vatText).toMatch(euros('16,67'));
    // Seller and buyer, the order's reference and the legal notes.
    await page.getByText('Camille Facture').first().waitFor();
    await page.getByText('USGP', { exact: false }).first().waitFor();
    expect(await page.getByRole('link', { name: /^CMD-\d{4}-\d{6}$/ }).count()).toBe(1);
    await page.getByText('Indemnité forfaitaire pour frais de recouvrement : 40 €.').waitFor();

    // The PDF, fetched through the API client and saved under the server's name.
    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().endsWith(`/api/invoicing/invoices/${invoiceId}/pdf`)),
      page.getByRole('button', { name: 'Télécharger le PDF' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(download.suggestedFilename()).toBe(`${invoiceNumber}.pdf`);
    expect(fs.readFileSync((await download.path())!).subarray(0, 4).toString('latin1')).toBe('%PDF');
    // EUR: the Factur-X XML is downloadable on its own too.
    expect(await page.getByRole('button', { name: 'XML Factur-X' }).count()).toBe(1);

    // Resend to another address: the server's refusal of a malformed one lands on the field.
    await page.getByRole('button', { name: 'Renvoyer', exact: true }).click();
    const resend = page.getByRole('dialog');
    const to = resend.getByLabel(/^Destinataire/);
    await to.fill('pas-une-adresse');
    await resend.getByRole('button', { name: 'Renvoyer', exact: true }).click();
    await expect.poll(async () => (await to.getAttribute('aria-invalid')) ?? 'false').toBe('true');
    await to.fill('compta@example.fr');
    await resend.getByText(`${invoiceNumber} sera envoyé à compta@example.fr.`).waitFor();
    await resend.getByRole('button', { name: 'Renvoyer', exact: true }).click();
    await page.getByText(`${invoiceNumber} envoyé à compta@example.fr.`).waitFor();
    await resend.waitFor({ state: 'detached' });
    await page.close();
  });

  it('a partial credit note is asked through the modal and arrives linked to the invoice', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/factures/${invoiceId}`);
    await page.getByRole('button', { name: 'Émettre un avoir' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Au plus 100,00\s€ : le TTC de la facture/).waitFor();
    const amount = dialog.getByLabel(/^Montant de l’avoir/);
    // More than the invoice: refused on the field before anything is sent.
    await amount.fill('150');
    await dialog.getByRole('button', { name: /^Rembourser et émettre/ }).click();
    await dialog.getByText(/^Au plus 100,00\s€$/).waitFor();
    // Thirty euros typed as a decimal: 3 000 minor units, explained before it is confirmed.
    await amount.fill('30,00');
    await dialog.getByText(/30,00\s€ seront remboursés à Camille Facture sur la carte utilisée pour payer/).waitFor();
    await dialog.getByText('dès que le prestataire de paiement confirme le remboursement', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: /^Rembourser 30,00\s€ et émettre l’avoir$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Avoir en attente').waitFor();

    // The refund goes to the provider by a job; its charge.refunded webhook issues the credit note; the page follows.
    const related = page.locator('[data-related][data-kind="credit_note"]');
    await related.waitFor({ timeout: 90_000 });
    expect(await related.textContent()).toContain('avoir sur cette facture');
    expect(await related.textContent()).toMatch(euros('30,00'));
    await page.getByText('Avoir en attente').waitFor({ state: 'detached' });
    const credit = (await invoices()).find((i) => i.kind === 'credit_note' && i.orderId === orderId)!;
    expect(credit).toMatchObject({ creditedInvoiceId: invoiceId, totalInclTax: 3_000 });
    expect(credit.number).toMatch(/^AV-\d{4}-\d{6}$/);
    await expect.poll(async () => (await page.getByTestId('invoice-totals').textContent()) ?? '').toMatch(/Crédité par avoir\s*30,00\s€/);

    // The credit note's own page points back to the invoice it corrects.
    await related.getByRole('link', { name: credit.number }).click();
    await page.waitForURL(new RegExp(`/app/factures/${credit.id}$`));
    await expect.poll(() => page.getByTestId('invoice-number').textContent()).toBe(`Avoir ${credit.number}`);
    const sums = (await page.getByTestId('invoice-totals').textContent()) ?? '';
    expect(sums).toMatch(/Total HT\s*25,00\s€/);
    expect(sums).toMatch(/Total TVA\s*5,00\s€/);
    expect(sums).toMatch(/Total TTC\s*30,00\s€/);
    expect(await page.getByRole('button', { name: 'Émettre un avoir' }).count()).toBe(0);
    await page.getByRole('link', { name: invoiceNumber }).first().click();
    await page.waitForURL(new RegExp(`/app/factures/${invoiceId}$`));

    // The order page lists both documents, linked.
    await page.goto(`${session.server.url}/app/commandes/${orderId}`);
    await page.locator(`tr[data-invoice="${invoiceNumber}"]`).waitFor({ timeout: 20_000 });
    await page.locator(`tr[data-invoice="${credit.number}"]`).waitFor({ timeout: 20_000 });

    // The list filtered to credit notes shows only them; « Effacer les filtres » brings the invoices back.
    await page.goto(`${session.server.url}/app/factures`);
    await page.locator(`tr[data-invoice="${invoiceNumber}"]`).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'Effacer les filtres' }).count()).toBe(0);
    await page.getByText('Avoirs', { exact: true }).click();
    await page.locator(`tr[data-invoice="${invoiceNumber}"]`).waitFor({ state: 'detached' });
    await page.locator(`tr[data-invoice="${credit.number}"]`).waitFor();
    expect(await page.locator('tr[data-kind="invoice"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.locator(`tr[data-invoice="${invoiceNumber}"]`).waitFor();
    expect(await page.getByRole('button', { name: 'Effacer les filtres' }).count()).toBe(0);
    await page.close();
  });

  it('the customer sees both documents on their order page and downloads them', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/commande/${publicToken}`);
    const section = page.getByRole('region', { name: 'Vos factures' });
    await section.waitFor();
    const invoice = section.locator(`[data-invoice="${invoiceNumber}"]`);
    const creditNote = section.locator('[data-kind="credit_note"]');
    await invoice.waitFor();
    await creditNote.waitFor();
    expect(await invoice.textContent()).toContain(`Facture ${invoiceNumber}`);
    expect(await creditNote.textContent()).toMatch(/Avoir AV-\d{4}-\d{6}/);
    for (const item of [invoice, creditNote]) {
      const link = item.getByRole('link', { name: 'Télécharger' });
      await link.waitFor({ timeout: 30_000 });
      const href = await link.getAttribute('href');
      expect(href).toMatch(new RegExp(`^/api/public/orders/${publicToken}/invoices/[0-9a-f-]{36}/pdf$`));
      // A plain link: no session, the token is the capability.
      const pdf = await fetch(`${session.server.url}${href}`);
      expect(pdf.status).toBe(200);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
    await context.close();
  });

  it('the invoicing settings show the server’s refusals on their fields', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/factures`);
    await page.getByRole('tab', { name: 'Réglages' }).click();
    await page.waitForURL(/\/app\/factures\/reglages/);
    await page.getByRole('combobox', { name: 'Société' }).click();
    await page.getByRole('option', { name: 'USGP' }).click();
    const prefix = page.getByLabel(/^Préfixe des factures/);
    await expect.poll(() => prefix.inputValue()).toBe('F');
    await expect.poll(() => page.getByLabel(/^Immatriculation/).inputValue()).toBe('RCS Montpellier');
    await prefix.fill('F_2026!');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('majuscules, chiffres et tirets, 12 caractères au plus', { exact: true }).waitFor();
    expect(await prefix.getAttribute('aria-invalid')).toBe('true');
    await prefix.fill('FAC');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages de facturation enregistrés.').waitFor();
    const companies = (await api<{ items: { id: string; legalName: string }[] }>('GET', '/api/identity/companies')).body.items;
    const usgp = companies.find((c) => c.legalName === 'USGP')!;
    expect((await api<{ invoicePrefix: string }>('GET', `/api/invoicing/settings/${usgp.id}`)).body.invoicePrefix).toBe('FAC');

    // The company's page leads to its invoicing settings.
    await page.goto(`${session.server.url}/app/societes/${usgp.id}`);
    await page.getByRole('link', { name: 'Réglages de facturation →' }).click();
    await page.waitForURL(new RegExp(`/app/factures/reglages\\?societe=${usgp.id}$`));
    await expect.poll(() => page.getByLabel(/^Préfixe des factures/).inputValue()).toBe('FAC');
    await page.close();
  });
});
