import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createFileStorage } from './create-file-storage.ts';
import { LocalDiskStorage } from './local-disk-storage.ts';
import { S3Storage } from './s3-storage.ts';

describe('createFileStorage', () => {
  const dataDir = path.join(os.tmpdir(), 'comptoir-config-test');

  it('uses the local disk under DATA_DIR/files when no bucket is configured', () => {
    const storage = createFileStorage(loadConfig({ DATA_DIR: dataDir }));
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect(storage.kind).toBe('local');
    expect((storage as LocalDiskStorage).root).toBe(path.join(dataDir, 'files'));
  });

  it('uses S3 when S3_BUCKET is set', () => {
    const storage = createFileStorage(
      loadConfig({ DATA_DIR: dataDir, S3_BUCKET: 'invoices', S3_ENDPOINT: 'http://127.0.0.1:9000' }),
    );
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage.kind).toBe('s3');
    expect((storage as S3Storage).bucket).toBe('invoices');
  });
});
