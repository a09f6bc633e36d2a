import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #7 in Chromium: a signer opens their link, sees the recap and the document's SHA-256, ticks the consent, draws
// a signature with the mouse on the canvas (« Signer » stays disabled while it is empty, « Effacer » empties it), signs;
// the sealed file then passes the upload-to-verify page, and the back-office shows the request as signed.

let session: BrowserSession;
let token: string;
beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn('admin@winwin.demo');
});
afterAll(() => session?.close());

const api = <T>(method: string, path: string, body?: unknown) => session.apiCall<T>(token, method, path, body);

describe('signature in Chromium', () => {
  it('draws a signature with the mouse, signs, and the sealed PDF verifies', async () => {
    const created = await api<{ id: string; signUrl: string; documentSha256: string }>('POST', '/api/signature/requests', {
      title: 'Mandat de gestion — Noé Navigateur',
      template: 'winwin-mandate',
      data: { client: { kind: 'entreprise', name: 'Navigateur Sàrl', representative: 'Noé Navigateur', email: 'noe@example.ch', employees: 4 }, annualPrice: 46_000, startDate: '2026-12-01' },
      signer: { name: 'Noé Navigateur', email: 'noe@example.ch' },
      verification: 'email_link',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const signPath = new URL(created.body.signUrl).pathname;

    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${signPath}`);
    await page.getByText('Mandat de gestion — Noé Navigateur').waitFor();
    await page.getByText('CHF 460.00 par an').waitFor();
    expect(await page.getByTestId('document-sha256').textContent()).toBe(created.body.documentSha256);
    const signButton = page.getByRole('button', { name: 'Signer', exact: true });
    await page.getByRole('checkbox').check();
    expect(await signButton.isDisabled()).toBe(true);

    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const draw = async () => {
      await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
      await page.mouse.down();
      for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 20), box.y + box.height * (i % 2 === 0 ? 0.7 : 0.3), { steps: 2 });
      await page.mouse.up();
    };
    await draw();
    expect(await signButton.isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Effacer' }).click();
    expect(await signButton.isDisabled()).toBe(true);
    await draw();
    await signButton.click();
    await page.getByText('Document signé', { exact: true }).waitFor({ timeout: 30_000 });
    const sealedSha256 = (await page.getByTestId('sealed-sha256').textContent())!.trim();
    expect(sealedSha256).toMatch(/^[0-9a-f]{64}$/);

    // The back-office sees it signed, with the evidence of a mouse drawing.
    const detail = await api<{ status: string; evidence: { pointerType: string; pointCount: number; timeZone: string; sealedSha256: string } }>('GET', `/api/signature/requests/${created.body.id}`);
    expect(detail.body.status).toBe('signed');
    expect(detail.body.evidence).toMatchObject({ pointerType: 'mouse', sealedSha256 });
    expect(detail.body.evidence.pointCount).toBeGreaterThan(20);

    // Upload-to-verify with the sealed file, then with one byte changed.
    const sealed = await fetch(`${session.server.url}/api/signature/requests/${created.body.id}/sealed`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await sealed.arrayBuffer());
    const dir = fs.mkdtempSync('/tmp/sig-browser-');
    fs.writeFileSync(`${dir}/signe.pdf`, bytes);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(`${dir}/modifie.pdf`, bytes);
    await page.goto(`${session.server.url}/verify`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('verify-file').click();
    await (await chooser).setFiles(`${dir}/signe.pdf`);
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByText('Document authentique et intact').waitFor();
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByTestId('verify-file').click();
    await (await chooser2).setFiles(`${dir}/modifie.pdf`);
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByText('Document non vérifié').waitFor();
    await context.close();

    // The back-office list and detail, signed in through the form.
    const admin = await session.browser.newPage();
    await session.signInThroughForm(admin, 'admin@winwin.demo');
    await admin.waitForURL(/\/app/);
    await admin.goto(`${session.server.url}/app/signature`);
    await admin.getByRole('link', { name: 'Mandat de gestion — Noé Navigateur' }).click();
    await admin.getByTestId('signature-evidence').waitFor();
    expect(await admin.getByTestId('signature-status').first().textContent()).toBe('Signée');
    await admin.close();
  });

  it('asks for the one-time code before the pad, then signs with a finger; the QR code page says the document is authentic', async () => {
    const created = await api<{ id: string; signUrl: string; verifyToken: string }>('POST', '/api/signature/requests', {
      title: 'Mandat de gestion — Olga Code',
      template: 'winwin-mandate',
      data: { client: { kind: 'particulier', name: 'Olga Code', email: 'olga@example.ch', age: 19 }, annualPrice: 8_500, startDate: '2026-12-01' },
      signer: { name: 'Olga Code', email: 'olga@example.ch' },
      verification: 'email_link_otp',
      returnUrl: `${session.server.url}/verify`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${new URL(created.body.signUrl).pathname}`);
    await page.getByText('CHF 85.00 par an').waitFor();
    expect(await page.getByTestId('signature-pad').count()).toBe(0);
    await page.getByRole('button', { name: 'Recevoir le code' }).click();
    await page.getByText(/Code envoyé à/).waitFor();
    const mails = await api<{ items: { to: string; subject: string; template: string }[] }>('GET', '/api/platform/mail?limit=50');
    const code = /(\d{6})/.exec(mails.body.items.find((m) => m.template === 'signature.otp' && m.to === 'olga@example.ch')!.subject)![1]!;
    await page.getByLabel('Code reçu par e-mail').first().click();
    await page.keyboard.type(code);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.getByText('Code vérifié.').waitFor();
    await page.getByRole('checkbox').check();
    // With a finger this time: raw touch events through the DevTools protocol become pointer events of type "touch".
    const box = (await page.getByTestId('signature-pad').boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const at = (i: number) => [{ x: box.x + 30 + i * 20, y: box.y + 40 + (i % 3) * 40 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
    for (let i = 1; i <= 12; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.getByRole('button', { name: 'Signer', exact: true }).click();
    // Signed with a return URL: the signer lands there.
    await page.waitForURL(/\/verify$/, { timeout: 30_000 });
    const detail = await api<{ evidence: { pointerType: string; verification: string; otpVerifiedAt: string | null } }>('GET', `/api/signature/requests/${created.body.id}`);
    expect(detail.body.evidence).toMatchObject({ pointerType: 'touch', verification: 'email_link_otp' });
    expect(detail.body.evidence.otpVerifiedAt).not.toBeNull();
    await page.goto(`${session.server.url}/verify/${created.body.verifyToken}`);
    await page.getByText('Document authentique et intact').waitFor();
    await page.getByText(/^Signé par Olga Code le /).waitFor();
    await context.close();
  });
});
