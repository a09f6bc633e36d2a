import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import '../setup/provided.ts';
import { CHROMIUM_PATH } from '../setup/engines.ts';
import { type RunningComptoir, spawnComptoir } from './spawn-comptoir.ts';

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

export interface BrowserSession {
  server: RunningComptoir;
  browser: Browser;
  /** Fills and submits the sign-in form with the demo password. */
  signInThroughForm(page: Page, email: string): Promise<void>;
  /** A bearer token for the API, through the real login endpoint. */
  apiSignIn(email: string): Promise<string>;
  /** Calls the API with a bearer token: the status and the parsed body (null when the body is empty). */
  apiCall<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** A real `comptoir start` on a fresh embedded database, and Chromium to drive it. */
export async function startBrowserSession(): Promise<BrowserSession> {
  expect(inject('chromium')).toBe(true);
  const webDist = path.resolve(import.meta.dirname, '../../../web/dist/index.html');
  if (!fs.existsSync(webDist)) throw new Error('web/dist is missing: run the tests through `npm test`, which builds it.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-browser-'));
  // A real port, not 0: the server builds its public URL from PORT, and the sandbox provider sends the browser to
  // that URL (hosted checkout, success and cancel pages) and posts its webhooks to it.
  const server = await spawnComptoir(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()), PUBLIC_URL: '', SANDBOX_WEBHOOK_URL: '', PAYMENTS_PROVIDER: 'sandbox', DATABASE_URL: '' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async signInThroughForm(page, email) {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel(/e-mail/i).fill(email);
      await page.getByLabel(/^Mot de passe/).fill('comptoir-demo');
      await page.getByRole('button', { name: 'Se connecter' }).click();
    },
    async apiSignIn(email) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'comptoir-demo' }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { token: string }).token;
    },
    async apiCall<T>(token: string, method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async close() {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it; the server binds it moments later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
