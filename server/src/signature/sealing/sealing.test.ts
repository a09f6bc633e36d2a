import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../documents/templates/registry.ts';
import { renderCompletionCertificate } from './completion-certificate.ts';
import { stampSignature } from './finalize-document.ts';
import { DEMO_SEAL_NAME, generateSelfSignedP12, platformSeal } from './platform-certificate.ts';
import { sealPdf } from './seal-pdf.ts';
import { verifyPdfSignature } from './verify-pdf-signature.ts';

/** The sealing chain without a database: template → stamp → certificate → seal → verify (in-process and pdfsig). */
describe('sealing', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));

  it('generates the demo certificate once and reuses it; a configured P12 is used as is', async () => {
    const first = await platformSeal({ dataDir, SIGNATURE_P12_PATH: undefined, SIGNATURE_P12_PASSWORD: undefined });
    expect(first.source).toBe('generated');
    const p12 = fs.readFileSync(first.path);
    const again = await platformSeal({ dataDir: `${dataDir}/`, SIGNATURE_P12_PATH: undefined, SIGNATURE_P12_PASSWORD: undefined });
    expect(Buffer.from(again.certificateDer).equals(Buffer.from(first.certificateDer))).toBe(true);
    expect(fs.readFileSync(again.path).equals(p12)).toBe(true);

    const configured = path.join(dataDir, 'configured.p12');
    fs.writeFileSync(configured, generateSelfSignedP12('Configured Seal SA', 'secret'));
    const seal = await platformSeal({ dataDir, SIGNATURE_P12_PATH: configured, SIGNATURE_P12_PASSWORD: 'secret' });
    expect(seal.source).toBe('configured');
    expect(seal.commonName).toBe('Configured Seal SA');
    expect(first.commonName).toBe(DEMO_SEAL_NAME);
    await expect(platformSeal({ dataDir: `${dataDir}/x`, SIGNATURE_P12_PATH: configured, SIGNATURE_P12_PASSWORD: 'wrong' })).rejects.toThrow();
  });

  it('seals a stamped document that pdfsig and the in-process verifier both accept, and both reject after a byte changes', async () => {
    const seal = await platformSeal({ dataDir, SIGNATURE_P12_PATH: undefined, SIGNATURE_P12_PASSWORD: undefined });
    const rendered = await renderTemplate('winwin-mandate', { client: { kind: 'particulier', name: 'Éloïse Test', email: 'e@example.ch', age: 20 }, annualPrice: 8_500, startDate: '2026-12-01' }, { now: new Date('2026-11-24T00:00:00Z') });
    const again = await renderTemplate('winwin-mandate', { client: { kind: 'particulier', name: 'Éloïse Test', email: 'e@example.ch', age: 20 }, annualPrice: 8_500, startDate: '2026-12-01' }, { now: new Date('2026-11-24T00:00:00Z') });
    expect(again.pdf.equals(rendered.pdf)).toBe(true);
    const signedAt = new Date('2026-11-24T09:30:00Z');
    const certificate = await renderCompletionCertificate({
      requestId: 'r-1',
      title: 'Mandat',
      documentFilename: rendered.filename,
      documentSha256: 'a'.repeat(64),
      signer: { name: 'Éloïse Test', email: 'e@example.ch' },
      verification: 'email_link',
      ip: '203.0.113.7',
      userAgent: 'UA',
      timeZone: 'Europe/Zurich',
      signedAt,
      strokesSha256: 'b'.repeat(64),
      events: [{ at: signedAt, label: 'Document signé' }],
      verifyUrl: 'http://localhost/verify/abc',
      sealName: DEMO_SEAL_NAME,
    });
    const strokes = { width: 300, height: 100, pointerType: 'pen', strokes: [Array.from({ length: 12 }, (_, i) => ({ x: i * 20, y: (i % 3) * 30, t: i }))] };
    const stamped = await stampSignature(rendered.pdf, strokes, rendered.signatureBox, certificate);
    const sealed = await sealPdf(stamped, seal, { reason: 'test', signingTime: signedAt });
    const file = path.join(dataDir, 'sealed.pdf');
    fs.writeFileSync(file, sealed);
    const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(out).toContain('Signature is Valid');
    expect(out).toContain(DEMO_SEAL_NAME);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('24.11.2026 09:30:00 UTC');

    const check = await verifyPdfSignature(sealed, seal.certificateDer);
    expect(check).toMatchObject({ present: true, cryptographicallyValid: true, coversWholeFile: true, signedByExpectedCertificate: true, signerCommonName: DEMO_SEAL_NAME });
    const other = await platformSeal({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'seal-other-')), SIGNATURE_P12_PATH: undefined, SIGNATURE_P12_PASSWORD: undefined });
    expect((await verifyPdfSignature(sealed, other.certificateDer)).signedByExpectedCertificate).toBe(false);

    const altered = Buffer.from(sealed);
    altered[200] = altered[200]! ^ 0x20;
    expect((await verifyPdfSignature(altered, seal.certificateDer)).cryptographicallyValid).toBe(false);
    const appended = Buffer.concat([sealed, Buffer.from('\n% appended\n')]);
    expect((await verifyPdfSignature(appended, seal.certificateDer)).coversWholeFile).toBe(false);
    expect((await verifyPdfSignature(rendered.pdf, seal.certificateDer)).present).toBe(false);
  });
});
