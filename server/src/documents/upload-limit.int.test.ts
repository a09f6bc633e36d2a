import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companies } from '../identity/schema.ts';
import type { App } from '../platform/module.ts';
import { seedDemoIdentity, signIn, type SignedIn } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { storedDocuments } from './schema.ts';

/** UPLOAD_MAX_MB reaches every place that decides: the policy the pages read, the service's check, the body limit. */
let test: TestRuntime;
let app: App;
let admin: SignedIn;
let companyId: string;

beforeAll(async () => {
  test = await startTestRuntime({ config: { UPLOAD_MAX_MB: '1' } });
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winwin.demo');
  const [company] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'WIN WIN Finance Sàrl'));
  companyId = company!.id;
});
afterAll(() => test?.close());

const pdfOf = (size: number) => {
  const bytes = Buffer.alloc(size);
  bytes.write('%PDF-1.7\n');
  return bytes;
};
const upload = (bytes: Buffer) =>
  app.inject({ method: 'POST', url: `/api/documents?ownerKind=prospect&ownerId=p-limit&filename=police.pdf&companyId=${companyId}`, headers: { ...admin.headers, 'content-type': 'application/pdf' }, payload: bytes });

describe('the configured upload limit', () => {
  it('is published, without signing in, for the upload pages', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/documents/upload-policy' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ maxBytes: 1024 * 1024, acceptedTypes: ['application/pdf', 'image/png', 'image/jpeg'] });
  });

  it('refuses a file just over it with a French 413 naming the file field, and one far over it before reading it all', async () => {
    const justOver = await upload(pdfOf(1024 * 1024 + 1));
    expect(justOver.statusCode).toBe(413);
    expect(justOver.headers['content-type']).toContain('application/problem+json');
    expect(justOver.json()).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });
    expect(justOver.json().detail).toContain('1 Mo');
    // Beyond the limit and its margin, the server stops reading the body: still a problem document.
    const farOver = await upload(pdfOf(3 * 1024 * 1024));
    expect(farOver.statusCode).toBe(413);
    expect(farOver.headers['content-type']).toContain('application/problem+json');
    expect(await test.runtime.db.select().from(storedDocuments)).toHaveLength(0);
  });

  it('accepts a file at the limit', async () => {
    const atLimit = await upload(pdfOf(1024 * 1024));
    expect(atLimit.statusCode, atLimit.body).toBe(201);
  });
});
