import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractionTimeoutError, readPolicyText, UnreadableDocumentError } from './read-policy-text.ts';
import { extractPolicyFields } from './rules/extract-policy-fields.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));

/** Reading real files offline: pdf.js for the text layer, tesseract.js with the packaged French model for scans. */
describe('readPolicyText', () => {
  it('reads a PDF’s text layer, accents and Swiss apostrophes included', async () => {
    const read = await readPolicyText(fixture('policy-text-layer.pdf'), 'application/pdf');
    expect(read.method).toBe('text_layer');
    expect(read.pages).toBe(1);
    expect(read.text).toContain('Police d’assurance ménage et responsabilité civile privée');
    expect(read.text).toContain('CHF 1’234.50');
  });

  it('OCRs a photo (PNG) offline, with word confidences that feed the field confidences', async () => {
    const read = await readPolicyText(fixture('policy-scan.png'), 'image/png');
    expect(read.method).toBe('ocr');
    expect(read.words!.length).toBeGreaterThan(15);
    const { fields } = extractPolicyFields(read.text, { words: read.words });
    expect(fields.insurer?.value).toBe('Helsana');
    expect(fields.policyNumber?.value).toBe('80.456.123');
    expect(fields.premium?.value).toEqual({ amount: 41_230, currency: 'CHF', period: 'month' });
    expect([fields.startDate?.value, fields.endDate?.value]).toEqual(['2026-01-01', '2026-12-31']);
    expect(fields.coverageType?.value).toBe('sante_lamal');
    // OCR never scores above the rule's own quality, and a clean scan stays well above the review threshold.
    expect(fields.policyNumber!.confidence).toBeLessThanOrEqual(95);
    expect(fields.policyNumber!.confidence).toBeGreaterThan(70);
  }, 120_000);

  it('rasterises a scanned PDF without a text layer and OCRs it', async () => {
    const read = await readPolicyText(fixture('policy-scan.pdf'), 'application/pdf');
    expect(read.method).toBe('ocr');
    expect(extractPolicyFields(read.text, { words: read.words }).fields.policyNumber?.value).toBe('80.456.123');
  }, 120_000);

  it('says a damaged PDF is unreadable', async () => {
    await expect(readPolicyText(new TextEncoder().encode('%PDF-1.7\n garbage'), 'application/pdf')).rejects.toBeInstanceOf(UnreadableDocumentError);
  });

  it('stops at the time limit', async () => {
    await expect(readPolicyText(fixture('policy-scan.png'), 'image/png', { timeoutMs: 50 })).rejects.toBeInstanceOf(ExtractionTimeoutError);
  });
});
