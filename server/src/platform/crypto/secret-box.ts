import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';

/**
 * Encrypts secrets at rest (TOTP seeds, partner credentials) with AES-256-GCM.
 * Ciphertexts name their key (`v1.<key id>.<iv>.<tag>.<data>`), so keys can be
 * rotated: new writes use the current key, old ciphertexts still open with a
 * previous one until they are re-encrypted.
 */
export class SecretBox {
  readonly #current: { id: string; key: Buffer };
  readonly #byId: Map<string, Buffer>;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    if (currentKey.length !== 32) throw new Error('The encryption key must be 32 bytes');
    this.#current = { id: keyId(currentKey), key: currentKey };
    this.#byId = new Map([currentKey, ...previousKeys].map((key) => [keyId(key), key]));
  }

  get currentKeyId(): string {
    return this.#current.id;
  }

  seal(plaintext: string, associatedData = ''): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#current.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.#current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, associatedData = ''): string {
    const [version, id, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !id || !iv || !tag || data === undefined) throw new Error('Not a sealed secret');
    const key = this.#byId.get(id);
    if (!key) throw new Error(`Sealed with unknown key ${id}: add it to ENCRYPTION_KEYS_PREVIOUS`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * A stable secret for one purpose (e.g. the sandbox's webhook signing secret), derived from the current key so it
   * needs no storage and never equals the key itself.
   */
  deriveSecret(purpose: string): string {
    return crypto.createHmac('sha256', this.#current.key).update(`comptoir:${purpose}`).digest('base64url');
  }

  /** True when the ciphertext was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.#current.id;
  }
}

function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * ENCRYPTION_KEY when set (required when several hosts share a database); otherwise a
 * key generated once into DATA_DIR/secret.key, readable by its owner only.
 */
export function secretBoxFromConfig(config: Config): SecretBox {
  const previous = config.ENCRYPTION_KEYS_PREVIOUS.map((key) => Buffer.from(key, 'base64'));
  if (config.ENCRYPTION_KEY) return new SecretBox(Buffer.from(config.ENCRYPTION_KEY, 'base64'), previous);
  const file = path.join(config.dataDir, 'secret.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), previous);
}
