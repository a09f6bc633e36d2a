import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './setup/provided.ts';
import { totpCode } from '../src/identity/rules/totp.ts';
import { CHROMIUM_PATH } from './setup/engines.ts';
import { type RunningComptoir, spawnComptoir } from './support/spawn-comptoir.ts';

/** Debian's Chromium, headless; `npx playwright install` cannot work on this network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-browser-'));
let server: RunningComptoir;
let browser: Browser;

beforeAll(async () => {
  expect(inject('chromium')).toBe(true);
  const webDist = path.resolve(import.meta.dirname, '../../web/dist/index.html');
  if (!fs.existsSync(webDist)) throw new Error('web/dist is missing: run the tests through `npm test`, which builds it.');
  server = await spawnComptoir(['start'], { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'comptoir-demo' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function signInThroughForm(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/^Mot de passe/).fill('comptoir-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('web shell in Chromium', () => {
  it('renders the sign-in page with its French title', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/connexion$/);
    await expect.poll(() => page.title()).toBe('Connexion — Comptoir');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByLabel(/e-mail/i).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('signs in with a password and shows the workspace mailbox', async () => {
    const admin = await apiSignIn('admin@winvest.demo');
    const queued = await fetch(`${server.url}/api/platform/mail/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ to: 'lea@example.fr' }),
    });
    expect(queued.status).toBe(202);
    const page = await browser.newPage();
    await signInThroughForm(page, 'admin@winvest.demo');
    await page.waitForURL(/\/app/);
    await page.goto(`${server.url}/app/mail`);
    await expect.poll(() => page.getByText('lea@example.fr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Message de test Comptoir').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('signs in with MFA: password, then the code of the authenticator app', async () => {
    // Enrol TOTP for a demo admin through the API, as the "my security" page does.
    const token = await apiSignIn('admin@mecaformation.demo');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolment = (await (await fetch(`${server.url}/api/auth/mfa/enrollment`, { method: 'POST', headers: { authorization: auth.authorization } })).json()) as { secret: string };
    const confirm = await fetch(`${server.url}/api/auth/mfa/enrollment/confirm`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: totpCode(enrolment.secret, Date.now()) }),
    });
    expect(confirm.status).toBe(200);

    const page = await browser.newPage();
    await signInThroughForm(page, 'admin@mecaformation.demo');
    const codeField = page.getByLabel('Code à 6 chiffres');
    await codeField.waitFor();
    // The enrolment used the current 30-s step, which is never accepted twice: use the next one.
    await codeField.fill(totpCode(enrolment.secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL(/\/app/);
    await page.goto(`${server.url}/app/utilisateurs`);
    await expect.poll(() => page.getByText('trainer@mecaformation.demo').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('serves the interactive API reference', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/api/docs`);
    await expect.poll(() => page.getByText('Comptoir API').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
