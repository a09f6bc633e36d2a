import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Our own engine, passed explicitly: pkijs' global engine is shared with (and may be replaced by) @libpdf/core. */
const engine = new pkijs.CryptoEngine({ name: 'comptoir-verify', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

export interface PdfSignatureCheck {
  /** A signature dictionary was found and parsed. */
  present: boolean;
  /** The CMS signature verifies over the signed byte ranges. */
  cryptographicallyValid: boolean;
  /** The signed ranges cover the whole file: nothing was appended or left out. */
  coversWholeFile: boolean;
  /** The signer's certificate is the expected one (DER equality). */
  signedByExpectedCertificate: boolean;
  signerCommonName: string | null;
  signingTime: Date | null;
  problem?: string;
}

const notSigned = (problem: string): PdfSignatureCheck => ({
  present: false,
  cryptographicallyValid: false,
  coversWholeFile: false,
  signedByExpectedCertificate: false,
  signerCommonName: null,
  signingTime: null,
  problem,
});

/**
 * Checks the last signature of a PDF the way a reader does: the /ByteRange digest against the CMS signed attributes,
 * the CMS signature against the signer certificate's key — and additionally that the signature covers the whole file
 * and that the certificate is the platform's. Offline and in-process; `pdfsig` gives the same answer (tests compare).
 */
export async function verifyPdfSignature(bytes: Uint8Array, expectedCertificateDer: Uint8Array): Promise<PdfSignatureCheck> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges.at(-1);
  if (!last) return notSigned('Aucune signature dans ce PDF.');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length) return notSigned('Plage signée incohérente.');
  const contents = text.slice(b, c);
  const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(contents)?.[1]?.replace(/\s/g, '');
  if (!hex) return notSigned('Contenu de signature illisible.');
  const der = Buffer.from(hex, 'hex');
  const signed = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  const coversWholeFile = c + d === bytes.length;
  try {
    const parsed = asn1js.fromBER(new Uint8Array(der).buffer);
    if (parsed.offset === -1) return notSigned('Signature CMS illisible.');
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const certificates = (signedData.certificates ?? []).filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
    const signerInfo = signedData.signerInfos[0];
    if (!signerInfo) return notSigned('Signature CMS sans signataire.');
    const signerCert = certificates.find((cert) => matchesSigner(cert, signerInfo)) ?? certificates[0];
    const signerDer = signerCert ? new Uint8Array(signerCert.toSchema().toBER(false)) : null;
    const signedByExpectedCertificate = !!signerDer && Buffer.from(signerDer).equals(Buffer.from(expectedCertificateDer));
    let cryptographicallyValid = false;
    try {
      cryptographicallyValid = (await signedData.verify({ signer: 0, data: new Uint8Array(signed).buffer, checkChain: false }, engine)) === true;
    } catch {
      cryptographicallyValid = false;
    }
    // pkijs checks the messageDigest attribute against `data`; make the digest check explicit all the same.
    const digestAttribute = signerInfo.signedAttrs?.attributes.find((attr) => attr.type === '1.2.840.113549.1.9.4');
    const claimed = digestAttribute ? Buffer.from((digestAttribute.values[0] as asn1js.OctetString).valueBlock.valueHexView) : null;
    const actual = createHash('sha256').update(signed).digest();
    if (!claimed?.equals(actual)) cryptographicallyValid = false;
    const timeAttribute = signerInfo.signedAttrs?.attributes.find((attr) => attr.type === '1.2.840.113549.1.9.5');
    const signingTime = timeAttribute ? ((timeAttribute.values[0] as asn1js.UTCTime).toDate?.() ?? null) : null;
    return {
      present: true,
      cryptographicallyValid,
      coversWholeFile,
      signedByExpectedCertificate,
      signerCommonName: signerCert ? commonName(signerCert) : null,
      signingTime,
      ...(cryptographicallyValid ? {} : { problem: 'La signature ne correspond pas au contenu : le document a été modifié.' }),
    };
  } catch (error) {
    return notSigned(`Signature illisible (${(error as Error).message}).`);
  }
}

function matchesSigner(cert: pkijs.Certificate, signerInfo: pkijs.SignerInfo): boolean {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) return cert.serialNumber.isEqual(sid.serialNumber) && cert.issuer.isEqual(sid.issuer);
  return false;
}

function commonName(cert: pkijs.Certificate): string | null {
  const cn = cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : null;
}
