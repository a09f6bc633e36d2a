import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  assertContentMatchesKey,
  assertValidFileKey,
  DEFAULT_CONTENT_TYPE,
  FileIntegrityError,
  FileNotFoundError,
  type FileStorage,
  type StoredFile,
  sha256Hex,
} from './file-storage.ts';

/** What the `<sha256>.json` sidecar holds: the blob alone cannot tell its content type. */
interface Sidecar {
  contentType: string;
  size: number;
}

/**
 * Blobs live in `<root>/<aa>/<bb>/<sha256>` (two fan-out levels keep directories
 * small) with a `<sha256>.json` sidecar. The blob is what makes a file exist; the
 * sidecar is written first so a crash between the two leaves no blob without metadata.
 */
export class LocalDiskStorage implements FileStorage {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {}

  async put(content: Buffer | Uint8Array, options: { contentType?: string } = {}): Promise<StoredFile> {
    const sha256 = sha256Hex(content);
    const existing = await this.statIfIntact(sha256);
    if (existing) return existing;

    const stored: StoredFile = {
      sha256,
      size: content.byteLength,
      contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
    };
    const dir = this.directoryOf(sha256);
    await fs.mkdir(dir, { recursive: true });
    const sidecar: Sidecar = { contentType: stored.contentType, size: stored.size };
    await writeAtomically(this.sidecarPath(sha256), JSON.stringify(sidecar));
    await writeAtomically(this.blobPath(sha256), content);
    await syncDirectory(dir);
    return stored;
  }

  async get(sha256: string): Promise<Buffer> {
    assertValidFileKey(sha256);
    const content = await readOrUndefined(this.blobPath(sha256));
    if (content === undefined) throw new FileNotFoundError(sha256);
    assertContentMatchesKey(sha256, content);
    return content;
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== undefined;
  }

  async stat(sha256: string): Promise<StoredFile | undefined> {
    assertValidFileKey(sha256);
    let size: number;
    try {
      size = (await fs.stat(this.blobPath(sha256))).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const sidecar = await this.readSidecar(sha256);
    // The blob's real size wins over the sidecar's: it is what get() will return.
    return { sha256, size, contentType: sidecar?.contentType ?? DEFAULT_CONTENT_TYPE };
  }

  async delete(sha256: string): Promise<void> {
    assertValidFileKey(sha256);
    // Blob first: once it is gone the file no longer exists, even if we crash before the sidecar.
    await fs.rm(this.blobPath(sha256), { force: true });
    await fs.rm(this.sidecarPath(sha256), { force: true });
  }

  blobPath(sha256: string): string {
    assertValidFileKey(sha256);
    return path.join(this.directoryOf(sha256), sha256);
  }

  private sidecarPath(sha256: string): string {
    return `${this.blobPath(sha256)}.json`;
  }

  private directoryOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
  }

  /**
   * A repeated put skips the write only if the copy on disk still hashes right and
   * has its sidecar; otherwise it is rewritten, so re-uploading heals a damaged file.
   */
  private async statIfIntact(sha256: string): Promise<StoredFile | undefined> {
    const sidecar = await this.readSidecar(sha256);
    if (!sidecar) return undefined;
    try {
      const content = await this.get(sha256);
      return { sha256, size: content.byteLength, contentType: sidecar.contentType };
    } catch (error) {
      if (error instanceof FileNotFoundError || error instanceof FileIntegrityError) return undefined;
      throw error;
    }
  }

  private async readSidecar(sha256: string): Promise<Sidecar | undefined> {
    const raw = await readOrUndefined(this.sidecarPath(sha256));
    if (raw === undefined) return undefined;
    try {
      const parsed = JSON.parse(raw.toString('utf8')) as Partial<Sidecar>;
      if (typeof parsed.contentType !== 'string' || typeof parsed.size !== 'number') return undefined;
      return { contentType: parsed.contentType, size: parsed.size };
    } catch {
      return undefined; // A damaged sidecar is treated as missing; put() rewrites it.
    }
  }
}

/**
 * Write to a uniquely named temp file in the same directory, fsync, then rename:
 * rename is atomic within a file system, so readers and crashes only ever see the
 * old state or the complete new file. Unique temp names let concurrent puts of
 * the same content proceed without stepping on each other.
 */
async function writeAtomically(target: string, content: Buffer | Uint8Array | string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Makes the renames themselves durable. Some platforms cannot fsync a directory; that is not fatal. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort only (e.g. Windows refuses to open directories).
  } finally {
    await handle?.close();
  }
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
