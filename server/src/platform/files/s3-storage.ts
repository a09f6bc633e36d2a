import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../config/config.ts';
import {
  assertContentMatchesKey,
  assertValidFileKey,
  DEFAULT_CONTENT_TYPE,
  FileNotFoundError,
  type FileStorage,
  type StoredFile,
} from './file-storage.ts';

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
}

export function s3SettingsFromConfig(config: Config, bucket: string): S3Settings {
  return {
    bucket,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
}

/**
 * Objects live at `sha256/<aa>/<sha256>`: the prefix leaves room for other kinds of
 * objects in the same bucket, and the fan-out spreads keys over S3 partitions.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;

  /** `client` lets tests point at a fake server with their own client options. */
  constructor(settings: S3Settings, client?: S3Client) {
    this.bucket = settings.bucket;
    this.client = client ?? createS3Client(settings);
  }

  async put(content: Buffer | Uint8Array, options: { contentType?: string } = {}): Promise<StoredFile> {
    const digest = createHash('sha256').update(content).digest();
    const sha256 = digest.toString('hex');
    // Same key means same bytes, so an existing object need not be uploaded again.
    const existing = await this.stat(sha256);
    if (existing) return existing;

    const contentType = options.contentType ?? DEFAULT_CONTENT_TYPE;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey(sha256),
        Body: content,
        ContentType: contentType,
        ContentLength: content.byteLength,
        // S3 rejects the upload if the bytes it received do not hash to this value.
        ChecksumSHA256: digest.toString('base64'),
      }),
    );
    return { sha256, size: content.byteLength, contentType };
  }

  async get(sha256: string): Promise<Buffer> {
    assertValidFileKey(sha256);
    let content: Buffer;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
      if (!response.Body) throw new FileNotFoundError(sha256);
      content = Buffer.from(await response.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new FileNotFoundError(sha256);
      throw error;
    }
    // The bucket may be writable by others or replicated; trust only bytes that match the key.
    assertContentMatchesKey(sha256, content);
    return content;
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== undefined;
  }

  async stat(sha256: string): Promise<StoredFile | undefined> {
    assertValidFileKey(sha256);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
      return { sha256, size: head.ContentLength ?? 0, contentType: head.ContentType ?? DEFAULT_CONTENT_TYPE };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    assertValidFileKey(sha256);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
    } catch (error) {
      // S3 answers 204 for absent keys, but some compatible servers answer 404.
      if (!isNotFound(error)) throw error;
    }
  }
}

export function objectKey(sha256: string): string {
  assertValidFileKey(sha256);
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    // Without explicit keys the SDK's default chain (env, profile, instance role) applies.
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  });
}

/** GetObject reports `NoSuchKey`; HeadObject has no body, so only its status says `NotFound`. */
function isNotFound(error: unknown): boolean {
  if (error instanceof FileNotFoundError) return true;
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return (
    candidate?.name === 'NoSuchKey' ||
    candidate?.name === 'NotFound' ||
    candidate?.$metadata?.httpStatusCode === 404
  );
}
