import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './setup/provided.ts';
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

  it('shows a message kept in the local outbox on the mailbox page', async () => {
    const queued = await fetch(`${server.url}/api/platform/mail/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'lea@example.fr' }),
    });
    expect(queued.status).toBe(202);
    const page = await browser.newPage();
    await page.goto(`${server.url}/app/mail`);
    await expect.poll(() => page.getByText('lea@example.fr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Message de test Comptoir').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('serves the interactive API reference', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/api/docs`);
    await expect.poll(() => page.getByText('Comptoir API').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
