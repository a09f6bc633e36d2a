import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUpload as checkUploadWithin, sniffType } from './upload-checks.ts';

/** The default of UPLOAD_MAX_MB. */
const LIMIT = 10 * 1024 * 1024;
const checkUpload = (input: { filename: string; bytes: Uint8Array }, maxBytes = LIMIT) => checkUploadWithin(input, maxBytes);

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('magic bytes', () => {
  it.each([
    [bytes('%PDF-1.7\n'), 'application/pdf'],
    [bytes(0xef, 0xbb, 0xbf, '%PDF-1.4'), 'application/pdf'],
    [bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'image/png'],
    [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    [bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0), 'image/heic'],
    [bytes(0, 0, 0, 0x18, 'ftypmif1', 0, 0), 'image/heic'],
    [bytes('GIF89a'), 'image/gif'],
    [bytes('RIFF', 0, 0, 0, 0, 'WEBP'), 'image/webp'],
    [bytes('PK', 3, 4), 'application/zip'],
    [bytes('hello'), 'unknown'],
    [bytes(), 'unknown'],
  ])('%# sniffs %s', (content, type) => {
    expect(sniffType(content)).toBe(type);
  });
});

describe('upload checks', () => {
  const pdf = bytes('%PDF-1.7\n%…');

  it('accepts a PDF, a PNG and a JPEG by content, whatever the name says', () => {
    expect(checkUpload({ filename: 'police.jpg', bytes: pdf })).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkUpload({ filename: 'scan', bytes: bytes(0xff, 0xd8, 0xff, 0xdb) })).toEqual({ ok: true, contentType: 'image/jpeg' });
  });

  it('refuses a file over the limit with 413 and the limit in the message', () => {
    const check = checkUpload({ filename: 'gros.pdf', bytes: new Uint8Array(11) }, 10);
    expect(check).toMatchObject({ ok: false, problem: { kind: 'payloadTooLarge', field: 'file', code: 'file_too_large' } });
    const big = checkUpload({ filename: 'gros.pdf', bytes: new Uint8Array(LIMIT + 1) });
    expect(big.ok === false && big.problem.message).toContain('10 Mo');
  });

  it('accepts a file exactly at the limit', () => {
    const content = new Uint8Array(LIMIT);
    content.set(pdf);
    expect(checkUpload({ filename: 'juste.pdf', bytes: content }).ok).toBe(true);
  });

  it('explains HEIC photos and how to export them', () => {
    const check = checkUpload({ filename: 'IMG_0001.HEIC', bytes: bytes(0, 0, 0, 0x18, 'ftypheic') });
    expect(check).toMatchObject({ ok: false, problem: { kind: 'unsupportedMediaType', code: 'file_heic' } });
    expect(check.ok === false && check.problem.message).toMatch(/HEIC.*JPEG/);
  });

  it('refuses other types, empty files and bad names, naming the field', () => {
    expect(checkUpload({ filename: 'virus.exe', bytes: bytes('MZ', 0x90) })).toMatchObject({ ok: false, problem: { field: 'file', code: 'file_type' } });
    expect(checkUpload({ filename: 'vide.pdf', bytes: bytes() })).toMatchObject({ ok: false, problem: { field: 'file', code: 'file_empty' } });
    expect(checkUpload({ filename: '../etc/passwd', bytes: pdf })).toMatchObject({ ok: false, problem: { field: 'filename' } });
    expect(checkUpload({ filename: '  ', bytes: pdf })).toMatchObject({ ok: false, problem: { field: 'filename' } });
  });

  it('never throws and always answers ok or a French message (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 100 }), (filename, content, max) => {
        const check = checkUpload({ filename, bytes: content }, max);
        if (!check.ok) expect(check.problem.message.length).toBeGreaterThan(10);
        else expect(content.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
