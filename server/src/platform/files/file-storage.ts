import { createHash } from 'node:crypto';

/**
 * Where Comptoir keeps binary documents (invoices, attachments). Storage is
 * content-addressed: a file's key is the SHA-256 of its bytes, so the same bytes
 * are stored once and any corruption is detectable on read.
 */
export interface StoredFile {
  sha256: string;
  size: number;
  contentType: string;
}

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Idempotent: storing bytes already present keeps the first copy and its content type. */
  put(content: Buffer | Uint8Array, options?: { contentType?: string }): Promise<StoredFile>;
  /** Throws FileNotFoundError when absent, FileIntegrityError when the bytes no longer match the key. */
  get(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<StoredFile | undefined>;
  /** No error when the file is already gone, so retention jobs can simply retry. */
  delete(sha256: string): Promise<void>;
}

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export class FileNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`No stored file with SHA-256 ${sha256}`);
    this.name = 'FileNotFoundError';
  }
}

export class FileIntegrityError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Stored file ${expected} is corrupted: its content now hashes to ${actual}`);
    this.name = 'FileIntegrityError';
  }
}

export class InvalidFileKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid file key ${JSON.stringify(key)}: expected 64 lowercase hexadecimal characters`);
    this.name = 'InvalidFileKeyError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Keys end up in file paths and object keys; only a strict hex digest can never escape its folder. */
export function assertValidFileKey(key: string): void {
  if (typeof key !== 'string' || !SHA256_HEX.test(key)) throw new InvalidFileKeyError(String(key));
}

export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Shared read-side check: both back ends refuse to hand out bytes that do not match their key. */
export function assertContentMatchesKey(sha256: string, content: Buffer | Uint8Array): void {
  const actual = sha256Hex(content);
  if (actual !== sha256) throw new FileIntegrityError(sha256, actual);
}
