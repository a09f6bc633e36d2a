import type { Config } from '../config/config.ts';
import type { FileStorage } from './file-storage.ts';
import { LocalDiskStorage } from './local-disk-storage.ts';
import { S3Storage, s3SettingsFromConfig } from './s3-storage.ts';

/** S3 when S3_BUCKET is set, otherwise plain files under DATA_DIR/files. */
export function createFileStorage(config: Config): FileStorage {
  switch (config.storage.kind) {
    case 'local':
      return new LocalDiskStorage(config.filesDir);
    case 's3':
      return new S3Storage(s3SettingsFromConfig(config, config.storage.bucket));
  }
}
