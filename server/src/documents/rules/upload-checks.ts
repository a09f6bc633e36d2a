/**
 * What an uploaded file is, read from its first bytes (never from its name or the browser's declared type), and
 * whether it may be stored: pure, so the limits and messages are tested without I/O.
 */
export const ACCEPTED_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

export type SniffedType = AcceptedType | 'image/heic' | 'image/gif' | 'image/webp' | 'image/tiff' | 'application/zip' | 'unknown';

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

export function sniffType(bytes: Uint8Array): SniffedType {
  // "%PDF-" may follow a little junk (some scanners): the PDF spec tolerates it within the first 1024 bytes.
  const head = ascii(bytes, 0, 1024);
  if (head.startsWith('%PDF-') || (head.indexOf('%PDF-') > 0 && head.indexOf('%PDF-') < 1024)) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)/.test(ascii(bytes, 8, 12))) return 'image/heic';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return 'unknown';
}

export interface UploadProblem {
  kind: 'payloadTooLarge' | 'unsupportedMediaType' | 'validation';
  field: string;
  message: string;
  code: 'file_too_large' | 'file_empty' | 'file_type' | 'file_heic' | 'filename';
}

export type UploadCheck = { ok: true; contentType: AcceptedType } | { ok: false; problem: UploadProblem };

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} Mo`;
}

/**
 * The checks, in the order a person should hear about them; the message names the field and says what to do.
 * `maxBytes` is the configured limit (`UPLOAD_MAX_MB`, `config.uploadMaxBytes`).
 */
export function checkUpload(input: { filename: string; bytes: Uint8Array }, maxBytes: number): UploadCheck {
  const field = 'file';
  const filename = typeof input.filename === 'string' ? input.filename.trim() : '';
  if (!filename || filename.length > 255 || [...filename].some((c) => c.charCodeAt(0) < 0x20 || c === '/' || c === '\\')) {
    return { ok: false, problem: { kind: 'validation', field: 'filename', code: 'filename', message: 'Nom de fichier invalide : 1 à 255 caractères, sans barre oblique ni caractère de contrôle.' } };
  }
  if (input.bytes.length === 0) {
    return { ok: false, problem: { kind: 'validation', field, code: 'file_empty', message: `Le fichier « ${filename} » est vide.` } };
  }
  if (input.bytes.length > maxBytes) {
    return {
      ok: false,
      problem: { kind: 'payloadTooLarge', field, code: 'file_too_large', message: `Le fichier « ${filename} » dépasse la taille maximale de ${formatMegabytes(maxBytes)} (${formatMegabytes(input.bytes.length)}).` },
    };
  }
  const sniffed = sniffType(input.bytes);
  if (sniffed === 'image/heic') {
    return {
      ok: false,
      problem: {
        kind: 'unsupportedMediaType',
        field,
        code: 'file_heic',
        message: `Le fichier « ${filename} » est une photo HEIC (iPhone), que nous ne lisons pas encore : exportez-la en JPEG (Réglages › Appareil photo › Formats › « Le plus compatible ») ou envoyez un PDF.`,
      },
    };
  }
  if (!(ACCEPTED_TYPES as readonly string[]).includes(sniffed)) {
    return {
      ok: false,
      problem: { kind: 'unsupportedMediaType', field, code: 'file_type', message: `Le fichier « ${filename} » n’est ni un PDF, ni une image PNG ou JPEG : envoyez la police en PDF ou en photo (PNG, JPEG).` },
    };
  }
  return { ok: true, contentType: sniffed as AcceptedType };
}
