import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileIntegrityError, FileNotFoundError, InvalidFileKeyError, sha256Hex } from './file-storage.ts';
import { LocalDiskStorage } from './local-disk-storage.ts';

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-files-'));
    storage = new LocalDiskStorage(root);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const invoice = Buffer.from('%PDF-1.7 facture n°42');

  it('stores content under its SHA-256 and reads it back', async () => {
    const stored = await storage.put(invoice, { contentType: 'application/pdf' });

    expect(stored).toEqual({ sha256: sha256Hex(invoice), size: invoice.byteLength, contentType: 'application/pdf' });
    expect(await storage.get(stored.sha256)).toEqual(invoice);
    const { sha256 } = stored;
    const expectedPath = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(await fs.readFile(expectedPath)).toEqual(invoice);
    expect(JSON.parse(await fs.readFile(`${expectedPath}.json`, 'utf8'))).toEqual({
      contentType: 'application/pdf',
      size: invoice.byteLength,
    });
  });

  it('accepts a plain Uint8Array and defaults the content type', async () => {
    const stored = await storage.put(new Uint8Array([0, 1, 2, 255]));
    expect(stored.contentType).toBe('application/octet-stream');
    expect(await storage.get(stored.sha256)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('is idempotent: a second put of the same bytes keeps the first copy untouched', async () => {
    const first = await storage.put(invoice, { contentType: 'application/pdf' });
    const blob = storage.blobPath(first.sha256);
    const before = await fs.stat(blob);

    const second = await storage.put(Buffer.from(invoice), { contentType: 'text/plain' });

    expect(second).toEqual(first);
    expect((await fs.stat(blob)).ino).toBe(before.ino);
    expect(await listFiles(root)).toHaveLength(2); // blob + sidecar
  });

  it('reports stat, exists and delete consistently', async () => {
    const { sha256 } = await storage.put(invoice, { contentType: 'application/pdf' });
    expect(await storage.exists(sha256)).toBe(true);
    expect(await storage.stat(sha256)).toEqual({ sha256, size: invoice.byteLength, contentType: 'application/pdf' });

    await storage.delete(sha256);

    expect(await storage.exists(sha256)).toBe(false);
    expect(await storage.stat(sha256)).toBeUndefined();
    await expect(storage.get(sha256)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(await listFiles(root)).toEqual([]);
    await expect(storage.delete(sha256)).resolves.toBeUndefined(); // absent is fine
  });

  it('throws FileNotFoundError for a well-formed key that was never stored', async () => {
    await expect(storage.get(sha256Hex(Buffer.from('nothing')))).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('detects a file corrupted on disk, and a new put of the original bytes repairs it', async () => {
    const { sha256 } = await storage.put(invoice);
    await fs.writeFile(storage.blobPath(sha256), 'tampered');

    const error = await storage.get(sha256).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileIntegrityError);
    expect(error).toMatchObject({ expected: sha256, actual: sha256Hex(Buffer.from('tampered')) });

    await storage.put(invoice);
    expect(await storage.get(sha256)).toEqual(invoice);
  });

  it.each([
    ['path traversal', '../etc/passwd'],
    ['uppercase hex', sha256Hex(Buffer.from('x')).toUpperCase()],
    ['too short', 'abcdef'],
  ])('rejects a bad key (%s) on every operation', async (_label, key) => {
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
  });

  it('survives concurrent puts of the same content without leaving temp files', async () => {
    const content = Buffer.alloc(64 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 12 }, () => storage.put(content)));

    const sha256 = sha256Hex(content);
    expect(new Set(results.map((result) => result.sha256))).toEqual(new Set([sha256]));
    expect(await storage.get(sha256)).toEqual(content);
    expect((await listFiles(root)).map((file) => path.basename(file)).sort()).toEqual([sha256, `${sha256}.json`]);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
