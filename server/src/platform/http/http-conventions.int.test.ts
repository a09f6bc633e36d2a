import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import type { App } from '../module.ts';
import { ProblemError } from './problem.ts';

let test: TestRuntime;
let app: App;
let admin: SignedIn;

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  app = await test.app();
  admin = await signIn(app, 'admin@winvest.demo');
});
afterAll(() => test.close());

describe('HTTP conventions', () => {
  it('serves a valid OpenAPI 3.1 document and an interactive reference', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/platform/mail']));

    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers a malformed body with 400 problem+json naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/platform/mail/test',
      headers: admin.headers,
      payload: { to: 'not-an-email', language: 'de' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({ type: 'https://comptoir.dev/problems/validation', status: 400, title: expect.any(String) });
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.language', 'body.to']);
  });

  it('answers unparseable JSON with 400 problem+json, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/platform/mail/test',
      headers: { 'content-type': 'application/json', ...admin.headers },
      payload: '{"to": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'body', message: 'Malformed JSON' }]);
  });

  it('answers an unsupported media type with 415 problem+json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/platform/mail/test',
      headers: { 'content-type': 'application/x-unknown', ...admin.headers },
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().type).toBe('https://comptoir.dev/problems/unsupported-media-type');
  });

  it('answers unknown routes with 404 and wrong methods with 405 + Allow, both problem+json', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().type).toBe('https://comptoir.dev/problems/not-found');

    const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/platform/mail' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET');
    expect(wrongMethod.json().type).toBe('https://comptoir.dev/problems/method-not-allowed');
  });

  it('echoes a valid x-request-id and mints one otherwise', async () => {
    const echoed = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const minted = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'trace-9' } });
    expect(problem.json().requestId).toBe('trace-9');
  });

  it('sets security headers (helmet, computed once: the same set on answers, problems and refusals)', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    // Exactly what @fastify/helmet sent with this configuration before the headers were precomputed.
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self';frame-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/healthz', '/api/nope', '/api/catalog/products']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.headers, url).toMatchObject(expected);
      expect(answer.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('reports health and readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', jobs: 'ok' });
  });

  it('turns thrown errors into problems and hides internals of a 500', async () => {
    const local = await startTestRuntime();
    try {
      const probeApp = await local.app();
      probeApp.get('/api/test/conflict', { config: { public: true } }, async () => {
        throw new ProblemError('conflict', 'Already there', { errors: [{ field: 'body.sku', message: 'taken' }] });
      });
      probeApp.get('/api/test/crash', { config: { public: true } }, async () => {
        throw new Error('secret connection string postgres://x');
      });
      probeApp.get('/api/test/typed', { schema: { querystring: z.object({ n: z.coerce.number().int() }) }, config: { public: true } }, async () => 'ok');
      const conflict = await probeApp.inject({ method: 'GET', url: '/api/test/conflict' });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json()).toMatchObject({ detail: 'Already there', errors: [{ field: 'body.sku' }] });
      const crash = await probeApp.inject({ method: 'GET', url: '/api/test/crash' });
      expect(crash.statusCode).toBe(500);
      expect(crash.body).not.toContain('postgres://');
      expect(crash.headers['content-security-policy']).toContain("default-src 'self'");
      expect(crash.headers['x-frame-options']).toBe('SAMEORIGIN');
      const typed = await probeApp.inject({ method: 'GET', url: '/api/test/typed?n=x' });
      expect(typed.json().errors[0].field).toBe('query.n');
    } finally {
      await local.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const limited = await startTestRuntime({ config: { RATE_LIMIT_MAX: '3' } });
    try {
      const limitedApp = await limited.app();
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof limitedApp.inject>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await limitedApp.inject({ method: 'GET', url: '/api/platform/mail' });
        statuses.push(last.statusCode);
      }
      // Anonymous callers are refused (401) and still counted by the limiter.
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(last!.headers['content-type']).toContain('application/problem+json');
      expect(last!.headers['retry-after']).toBeDefined();
      expect(last!.json().type).toBe('https://comptoir.dev/problems/rate-limited');
    } finally {
      await limited.close();
    }
  });
});
