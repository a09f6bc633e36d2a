import { PDF } from '@libpdf/core';
import type { PlatformSeal } from './platform-certificate.ts';

/**
 * Seals a finished PDF with the platform's certificate: a PAdES B-B signature (ETSI.CAdES.detached, SHA-256) appended
 * as an incremental update, so the bytes before it — and whatever PDF/A marking they carry — stay as they were.
 */
export async function sealPdf(bytes: Uint8Array, seal: PlatformSeal, options: { reason: string; signingTime: Date; location?: string }): Promise<Uint8Array> {
  const pdf = await PDF.load(bytes);
  const result = await pdf.sign({
    signer: seal.signer,
    reason: options.reason,
    location: options.location ?? 'Comptoir',
    contactInfo: 'Comptoir',
    signingTime: options.signingTime,
    level: 'B-B',
    fieldName: 'ComptoirSeal',
  });
  return result.bytes;
}
