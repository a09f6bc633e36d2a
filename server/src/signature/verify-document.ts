import { eq } from 'drizzle-orm';
import { sha256Hex } from '../platform/files/file-storage.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { Services } from '../platform/services.ts';
import { signatureRequests } from './schema.ts';
import { utcStamp } from './sealing/completion-certificate.ts';
import { platformSeal } from './sealing/platform-certificate.ts';
import { sealCertificateDer } from './sealing/seal-certificates.ts';
import { verifyPdfSignature } from './sealing/verify-pdf-signature.ts';

export interface VerificationReport {
  /** Both checks hold: the file is one Comptoir sealed, byte for byte, and its seal verifies. */
  valid: boolean;
  /** The file's SHA-256 is the sealed file of one of our signed requests. */
  issuedByComptoir: boolean;
  signature: { present: boolean; valid: boolean; coversWholeFile: boolean; platformCertificate: boolean; signerCommonName: string | null };
  sha256: string;
  request: { title: string; signerName: string; signedAt: Date; documentSha256: string; sealedSha256: string; verifyToken: string } | null;
  message: string;
}

/** Upload-to-verify: is this PDF one Comptoir sealed, and unaltered? Changing any byte fails both checks. */
export async function verifyUploadedPdf(services: Services, bytes: Uint8Array): Promise<VerificationReport> {
  const sha256 = sha256Hex(bytes);
  const [row] = await services.db.select().from(signatureRequests).where(eq(signatureRequests.sealedSha256, sha256));
  // Checked against the certificate that sealed this file (a renewed platform certificate does not void earlier seals);
  // the current one for a file we do not know or a seal made before certificates were recorded.
  const expected = (await sealCertificateDer(services.db, row?.sealCertificateSha256 ?? null)) ?? (await platformSeal(services.config)).certificateDer;
  const check = await verifyPdfSignature(bytes, expected);
  const issuedByComptoir = !!row && row.status === 'signed';
  const signatureOk = check.present && check.cryptographicallyValid && check.coversWholeFile && check.signedByExpectedCertificate;
  const valid = issuedByComptoir && signatureOk;
  const message = valid
    ? `Document authentique : signé par ${row!.signerName}, scellé par Comptoir le ${utcStamp(row!.signedAt!)} et non modifié depuis.`
    : !check.present
      ? 'Ce PDF ne porte aucun cachet électronique : ce n’est pas un document scellé par Comptoir.'
      : !check.cryptographicallyValid
        ? 'Le cachet ne correspond plus au contenu : le document a été modifié après sa signature.'
        : !check.signedByExpectedCertificate
          ? 'Ce PDF est signé, mais pas par le certificat de Comptoir.'
          : !check.coversWholeFile
            ? 'Du contenu a été ajouté après le cachet : le document a été modifié.'
            : 'Ce fichier n’est pas un document scellé émis par Comptoir (empreinte inconnue).';
  return {
    valid,
    issuedByComptoir,
    signature: { present: check.present, valid: check.cryptographicallyValid, coversWholeFile: check.coversWholeFile, platformCertificate: check.signedByExpectedCertificate, signerCommonName: check.signerCommonName },
    sha256,
    request: valid ? publicRequest(row!) : null,
    message,
  };
}

/** `/verify/{token}`: the request behind a QR code, and whether its stored sealed file still verifies. */
export async function verifyByToken(services: Services, token: string) {
  const [row] = await services.db.select().from(signatureRequests).where(eq(signatureRequests.verifyToken, token));
  if (!row) throw new ProblemError('notFound', 'Aucun document ne correspond à ce lien de vérification.');
  if (row.status !== 'signed' || !row.sealedSha256) {
    return { status: row.status, valid: false, title: row.title, signerName: row.signerName, signedAt: null, documentSha256: row.documentSha256, sealedSha256: null, message: 'Ce document n’a pas (encore) été signé.' };
  }
  const bytes = await services.files.get(row.sealedSha256);
  const report = await verifyUploadedPdf(services, bytes);
  return {
    status: row.status,
    valid: report.valid,
    title: row.title,
    signerName: row.signerName,
    signedAt: row.signedAt,
    documentSha256: row.documentSha256,
    sealedSha256: row.sealedSha256,
    message: report.valid ? `Document signé par ${row.signerName} et scellé par Comptoir. Pour vérifier votre exemplaire, déposez-le sur la page de vérification : son empreinte doit être ${row.sealedSha256}.` : report.message,
  };
}

function publicRequest(row: typeof signatureRequests.$inferSelect) {
  return { title: row.title, signerName: row.signerName, signedAt: row.signedAt!, documentSha256: row.documentSha256, sealedSha256: row.sealedSha256!, verifyToken: row.verifyToken };
}

