import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/identity/rules/totp.ts';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(() => session?.close());

describe('web shell in Chromium', () => {
  it('renders the sign-in page with its French title', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/`);
    await page.waitForURL(/\/connexion$/);
    await expect.poll(() => page.title()).toBe('Connexion — Comptoir');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByLabel(/e-mail/i).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('signs in with a password and shows the workspace mailbox', async () => {
    const admin = await session.apiSignIn('admin@winvest.demo');
    const queued = await fetch(`${session.server.url}/api/platform/mail/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ to: 'lea@example.fr' }),
    });
    expect(queued.status).toBe(202);
    const page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
    await page.goto(`${session.server.url}/app/mail`);
    await expect.poll(() => page.getByText('lea@example.fr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Message de test Comptoir').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('signs in with MFA: password, then the code of the authenticator app', async () => {
    // Enrol TOTP for a demo admin through the API, as the "my security" page does.
    const token = await session.apiSignIn('admin@mecaformation.demo');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolment = (await (await fetch(`${session.server.url}/api/auth/mfa/enrollment`, { method: 'POST', headers: { authorization: auth.authorization } })).json()) as { secret: string };
    const confirm = await fetch(`${session.server.url}/api/auth/mfa/enrollment/confirm`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: totpCode(enrolment.secret, Date.now()) }),
    });
    expect(confirm.status).toBe(200);

    const page = await session.browser.newPage();
    await session.signInThroughForm(page, 'admin@mecaformation.demo');
    const codeField = page.getByLabel('Code à 6 chiffres');
    await codeField.waitFor();
    // The enrolment used the current 30-s step, which is never accepted twice: use the next one.
    await codeField.fill(totpCode(enrolment.secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(/\/app/);
    await page.goto(`${session.server.url}/app/utilisateurs`);
    await expect.poll(() => page.getByText('trainer@mecaformation.demo').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('serves the interactive API reference', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/api/docs`);
    await expect.poll(() => page.getByText('Comptoir API').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
