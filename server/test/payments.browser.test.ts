import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #5 in Chromium, on the sandbox provider: a customer pays an order on the hosted checkout page (a declined
// card first), the back-office refunds part of it through the confirmation modal, and the webhook inbox lists the
// provider's events and replays one. Every step goes through the real server, its jobs and its signed webhooks.

let session: BrowserSession;
let token: string;
let orderId: string;
beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winvest.demo');
});
afterAll(() => session?.close());

const api = <T>(method: string, path: string, body?: unknown) => session.apiCall<T>(token, method, path, body);

interface Detail {
  order: { id: string; status: string; publicToken: string; paidAmount: number; refundedAmount: number };
  events: { id: string; type: string; status: string }[];
}

const detail = async () => (await api<Detail>('GET', `/api/sales/orders/${orderId}`)).body;

async function signedInPage(): Promise<Page> {
  const page = await session.browser.newPage();
  await session.signInThroughForm(page, 'admin@winvest.demo');
  await page.waitForURL(/\/app/);
  return page;
}

describe('payments in Chromium (sandbox provider)', () => {
  it('a customer pays an order on the sandbox checkout page: declined card first, then the good one', async () => {
    const created = await api<{ id: string; status: string }>('POST', '/api/sales/orders', {
      customer: { kind: 'person', name: 'Camille Navigateur', email: 'camille.navigateur@example.fr' },
      quote: { sku: 'DEP-SERVICE-001' },
    });
    expect(created.status).toBe(201);
    orderId = created.body.id;
    const { publicToken } = (await detail()).order;

    // A fresh browser context: the customer is not signed in anywhere.
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/commande/${publicToken}`);
    await page.getByText('Vendue par', { exact: false }).waitFor();
    await page.getByRole('button', { name: /^Payer 100,00\s€$/ }).click();

    await page.waitForURL(/\/sandbox\/checkout\/cs_test_[A-Za-z0-9]{24}$/, { timeout: 20_000 });
    await page.getByText('Bac à sable — aucun paiement réel').waitFor();
    expect(await page.getByTestId('checkout-amount').textContent()).toMatch(/100,00\s€/);

    // The declined test card: the message is shown and the page stays payable.
    await page.getByRole('button', { name: /^Utiliser la carte 4000000000000002/ }).click();
    expect(await page.getByLabel('Numéro de carte').inputValue()).toBe('4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Payer 100,00\s€$/ }).click();
    await page.getByText('Paiement refusé').waitFor();
    expect(await page.getByText('Your card was declined.').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/sandbox\/checkout\//);

    // The card that pays: back to the customer's page, which waits for the webhook and then says "payée".
    await page.getByRole('button', { name: /^Utiliser la carte 4242424242424242/ }).click();
    await page.getByRole('button', { name: /^Payer 100,00\s€$/ }).click();
    await page.waitForURL(/\/commande\/[^/?]+\?paiement=ok$/, { timeout: 20_000 });
    await page.getByText('Paiement reçu').waitFor({ timeout: 45_000 });
    await expect.poll(() => page.getByText(/La commande .* est payée/).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Payer/ }).count()).toBe(0);
    expect((await detail()).order.status).toBe('paid');
    await context.close();
  });

  it('the back-office refunds part of it through the confirmation modal: the order becomes partially refunded', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/commandes`);
    // The only order of this fresh database, opened from the list.
    const row = page.locator('tr[data-order]').first();
    await row.waitFor();
    await row.getByRole('button').click();
    await page.waitForURL(new RegExp(`/app/commandes/${orderId}$`));
    await page.getByText('Chronologie des événements').waitFor();
    await expect.poll(() => page.getByText('checkout.session.completed').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Rembourser', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Remboursable au plus : 100,00', { exact: false }).waitFor();
    await dialog.getByText('Partiel', { exact: true }).click();
    const amount = dialog.getByLabel(/^Montant à rembourser/);
    // More than was paid: refused on the field, before anything is sent.
    await amount.fill('150');
    await dialog.getByRole('button', { name: /^Rembourser/ }).click();
    await dialog.getByText(/^Au plus 100,00\s€$/).waitFor();
    // Forty euros typed as a decimal: 4 000 minor units, confirmed in words first.
    await amount.fill('40,00');
    await dialog.getByText(/40,00\s€ seront remboursés à Camille Navigateur/).waitFor();
    await dialog.getByRole('button', { name: /^Rembourser 40,00\s€$/ }).click();
    await dialog.waitFor({ state: 'detached' });

    // The refund is sent by a job and confirmed by the provider's charge.refunded webhook; the page follows.
    await page.getByText('Partiellement remboursée').first().waitFor({ timeout: 45_000 });
    const after = await detail();
    expect(after.order.status).toBe('partially_refunded');
    expect(after.order.refundedAmount).toBe(4_000);
    await expect.poll(() => page.getByText('charge.refunded').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('the webhook inbox lists the events with their counts, shows a payload and replays an event harmlessly', async () => {
    const page = await signedInPage();
    // Through the module's tabs: « Paiements » is selected on the list, « Webhooks » once its page is shown.
    await page.goto(`${session.server.url}/app/paiements`);
    await expect.poll(() => page.getByRole('tab', { name: 'Paiements' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/app\/paiements\/webhooks$/);
    expect(await page.getByRole('tab', { name: 'Webhooks' }).getAttribute('aria-selected')).toBe('true');
    const completed = page.locator('tr[data-event-type="checkout.session.completed"]');
    await completed.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('tr[data-event-type="charge.refunded"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/^Traité \(\d+\)$/).count()).toBe(1);

    // The status filter narrows the table to processed events.
    await page.getByText(/^Traité \(\d+\)$/).click();
    await expect.poll(() => page.locator('tr[data-event-type] [data-status]:not([data-status="processed"])').count()).toBe(0);
    expect(await page.locator('tr[data-event-type] [data-status="processed"]').count()).toBeGreaterThan(0);

    await completed.first().click();
    const drawer = page.getByRole('dialog');
    await expect.poll(async () => (await drawer.getByTestId('webhook-payload').textContent()) ?? '').toContain('"checkout.session.completed"');
    await drawer.getByRole('button', { name: 'Rejouer' }).click();
    await page.getByText('Événement remis en file', { exact: false }).waitFor();

    // Applied again by its job: processed once more, and nothing was paid twice.
    const events = (await detail()).events.filter((e) => e.type === 'checkout.session.completed');
    expect(events).toHaveLength(1);
    await expect.poll(async () => (await detail()).events.find((e) => e.id === events[0]!.id)?.status, { timeout: 30_000 }).toBe('processed');
    const after = await detail();
    expect(after.order.paidAmount).toBe(10_000);
    expect(after.order.status).toBe('partially_refunded');
    await page.close();
  });

  it('an order that does not exist: the problem in French, a retry, and the way back to the orders', async () => {
    const page = await signedInPage();
    await page.goto(`${session.server.url}/app/commandes/0190a000-0000-7000-8000-000000000000`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
    await page.getByRole('link', { name: /Toutes les commandes/ }).click();
    await page.waitForURL(/\/app\/commandes$/);
    await page.getByRole('heading', { name: 'Commandes' }).first().waitFor();
    await page.close();
  });
});
