import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeS3Server, startFakeS3Server } from './fake-s3-server.test-helper.ts';
import { FileIntegrityError, FileNotFoundError, InvalidFileKeyError, sha256Hex } from './file-storage.ts';
import { objectKey, S3Storage } from './s3-storage.ts';

const bucket = 'comptoir-test';

describe('S3Storage against a fake S3 server', () => {
  let fake: FakeS3Server;
  let client: S3Client;
  let storage: S3Storage;

  beforeAll(async () => {
    fake = await startFakeS3Server();
    // Default checksum settings on purpose, as in production: S3Storage sends its own
    // x-amz-checksum-sha256 header, which makes the SDK skip computing one (and skip
    // aws-chunked framing, used only for streamed bodies). No WHEN_REQUIRED needed.
    client = new S3Client({
      endpoint: fake.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    storage = new S3Storage(
      { bucket, region: 'us-east-1', endpoint: fake.endpoint, forcePathStyle: true },
      client,
    );
  });

  afterAll(async () => {
    client?.destroy();
    await fake?.close();
  });

  beforeEach(() => fake.objects.clear());

  const invoice = Buffer.from('%PDF-1.7 facture n°42');

  it('round-trips content under sha256/<aa>/<sha256> with its content type and checksum', async () => {
    const stored = await storage.put(invoice, { contentType: 'application/pdf' });

    const sha256 = sha256Hex(invoice);
    expect(stored).toEqual({ sha256, size: invoice.byteLength, contentType: 'application/pdf' });
    const object = fake.objects.get(`${bucket}/sha256/${sha256.slice(0, 2)}/${sha256}`);
    expect(object?.body).toEqual(invoice);
    expect(object?.contentType).toBe('application/pdf');
    expect(object?.checksumSha256).toBe(createHash('sha256').update(invoice).digest('base64'));
    expect(await storage.get(sha256)).toEqual(invoice);
  });

  it('does not upload again when the object already exists', async () => {
    const first = await storage.put(invoice, { contentType: 'application/pdf' });
    const objectBefore = fake.objects.get(`${bucket}/${objectKey(first.sha256)}`);

    const second = await storage.put(invoice, { contentType: 'text/plain' });

    expect(second).toEqual(first);
    expect(fake.objects.get(`${bucket}/${objectKey(first.sha256)}`)).toBe(objectBefore);
  });

  it('reports stat, exists and delete consistently', async () => {
    const { sha256 } = await storage.put(invoice, { contentType: 'application/pdf' });
    expect(await storage.exists(sha256)).toBe(true);
    expect(await storage.stat(sha256)).toEqual({ sha256, size: invoice.byteLength, contentType: 'application/pdf' });

    await storage.delete(sha256);

    expect(await storage.exists(sha256)).toBe(false);
    expect(await storage.stat(sha256)).toBeUndefined();
    await expect(storage.delete(sha256)).resolves.toBeUndefined();
  });

  it('throws FileNotFoundError for a missing object', async () => {
    await expect(storage.get(sha256Hex(Buffer.from('never stored')))).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('throws FileIntegrityError when the stored object was tampered with', async () => {
    const { sha256 } = await storage.put(invoice);
    fake.objects.get(`${bucket}/${objectKey(sha256)}`)!.body = Buffer.from('tampered');

    const error = await storage.get(sha256).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileIntegrityError);
    expect(error).toMatchObject({ expected: sha256, actual: sha256Hex(Buffer.from('tampered')) });
  });

  it('rejects bad keys before any request is made', async () => {
    for (const key of ['../etc/passwd', 'A'.repeat(64), 'abc']) {
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
    }
  });

  it('(fake server) decodes the aws-chunked bodies the SDK sends for streamed uploads', async () => {
    // Not a path S3Storage takes, but it keeps the fake honest should anyone stream through it.
    const content = Buffer.alloc(100_000, 'z');
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'streamed',
        Body: Readable.from([content]),
        ContentLength: content.byteLength,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    const object = fake.objects.get(`${bucket}/streamed`);
    expect(object?.body).toEqual(content);
    expect(object?.checksumSha256).toBe(createHash('sha256').update(content).digest('base64'));
  });
});
