import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { sha256Hex } from '../../platform/files/file-storage.ts';
import { sealCertificates } from '../schema.ts';
import type { PlatformSeal } from './platform-certificate.ts';

/** Keeps the certificate that is sealing now (once), and returns its SHA-256 for the sealed request to point at. */
export async function recordSealCertificate(tx: DbOrTx, seal: Pick<PlatformSeal, 'certificateDer' | 'commonName'>): Promise<string> {
  const sha256 = sha256Hex(seal.certificateDer);
  await tx
    .insert(sealCertificates)
    .values({ sha256, derBase64: Buffer.from(seal.certificateDer).toString('base64'), commonName: seal.commonName })
    .onConflictDoNothing();
  return sha256;
}

/** The certificate (DER) that sealed a request, or undefined when it was not recorded. */
export async function sealCertificateDer(db: DbOrTx, sha256: string | null): Promise<Uint8Array | undefined> {
  if (!sha256) return undefined;
  const [row] = await db.select({ derBase64: sealCertificates.derBase64 }).from(sealCertificates).where(eq(sealCertificates.sha256, sha256));
  return row ? new Uint8Array(Buffer.from(row.derBase64, 'base64')) : undefined;
}
