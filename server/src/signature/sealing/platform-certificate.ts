import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { P12Signer } from '@libpdf/core';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import type { Config } from '../../platform/config/config.ts';

export const DEMO_SEAL_NAME = 'Comptoir — scellement de démonstration';

export interface PlatformSeal {
  signer: P12Signer;
  /** Where the certificate came from: the configured P12, or the demo one generated under DATA_DIR. */
  source: 'configured' | 'generated';
  path: string;
  /** The signing certificate (DER) — what verification compares the embedded certificate with. */
  certificateDer: Uint8Array;
  /** The certificate's common name, printed on the certificate of completion. */
  commonName: string;
}

function commonNameOf(der: Uint8Array): string {
  try {
    const cert = pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
    const cn = cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
    return cn ? String(cn.value.valueBlock.value) : 'certificat de la plateforme';
  } catch {
    return 'certificat de la plateforme';
  }
}

const cache = new Map<string, Promise<PlatformSeal>>();

/**
 * The platform's sealing certificate: `SIGNATURE_P12_PATH` + `SIGNATURE_P12_PASSWORD` when configured; otherwise a
 * self-signed one generated once under `$DATA_DIR/signature/` and reused at every start (same certificate, so seals
 * made yesterday still verify as ours today).
 */
export function platformSeal(config: Pick<Config, 'dataDir' | 'SIGNATURE_P12_PATH' | 'SIGNATURE_P12_PASSWORD'>): Promise<PlatformSeal> {
  const key = `${config.SIGNATURE_P12_PATH ?? ''}|${config.dataDir}`;
  let seal = cache.get(key);
  if (!seal) {
    seal = loadSeal(config);
    cache.set(key, seal);
    seal.catch(() => cache.delete(key));
  }
  return seal;
}

async function loadSeal(config: Pick<Config, 'dataDir' | 'SIGNATURE_P12_PATH' | 'SIGNATURE_P12_PASSWORD'>): Promise<PlatformSeal> {
  if (config.SIGNATURE_P12_PATH) {
    const bytes = readFileSync(config.SIGNATURE_P12_PATH);
    const signer = await P12Signer.create(bytes, config.SIGNATURE_P12_PASSWORD ?? '');
    return { signer, source: 'configured', path: config.SIGNATURE_P12_PATH, certificateDer: signer.certificate, commonName: commonNameOf(signer.certificate) };
  }
  const dir = path.join(config.dataDir, 'signature');
  const p12Path = path.join(dir, 'demo-seal.p12');
  const passwordPath = path.join(dir, 'demo-seal.password');
  if (!existsSync(p12Path) || !existsSync(passwordPath)) {
    mkdirSync(dir, { recursive: true });
    const password = randomBytes(18).toString('base64url');
    const p12 = generateSelfSignedP12(DEMO_SEAL_NAME, password);
    // Written next to each other, then renamed: a crash never leaves a P12 without its password.
    writeFileSync(`${passwordPath}.tmp`, password, { mode: 0o600 });
    writeFileSync(`${p12Path}.tmp`, p12, { mode: 0o600 });
    renameSync(`${passwordPath}.tmp`, passwordPath);
    renameSync(`${p12Path}.tmp`, p12Path);
    chmodSync(p12Path, 0o600);
  }
  const signer = await P12Signer.create(readFileSync(p12Path), readFileSync(passwordPath, 'utf8').trim());
  return { signer, source: 'generated', path: p12Path, certificateDer: signer.certificate, commonName: commonNameOf(signer.certificate) };
}

/** A PKCS#12 holding a fresh RSA-2048 key and its self-signed certificate (10 years), for demos and tests. */
export function generateSelfSignedP12(commonName: string, password: string, now = new Date()): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const attributes = [
    { shortName: 'C', value: 'CH' },
    { shortName: 'O', value: 'Comptoir' },
    // A UTF8String (forge encodes the value), so the accents survive.
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as number },
  ];
  cert.setSubject(attributes);
  cert.setIssuer(attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: 'aes256', friendlyName: 'comptoir-seal' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
