import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, fieldErrorsByName } from '../src/api.ts';
import { describeError } from '../src/errors.ts';
import { fr } from '../src/i18n/fr.ts';

// The API client is the contract between the web shell and the server; these tests pin
// the parts the UI relies on (problem+json parsing, CSRF echo, headers) without a browser.

type Call = { url: string; init: RequestInit };

function stubFetch(status: number, body: string, contentType: string): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': contentType } });
  });
  return calls;
}

const t = (key: keyof typeof fr) => fr[key];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('turns problem+json into an ApiError with status, title, detail and field errors', async () => {
    stubFetch(
      422,
      JSON.stringify({ type: 'about:blank', title: 'Requête invalide', status: 422, detail: 'Identifiants incorrects.', errors: [{ field: '/password', message: 'Trop court' }] }),
      'application/problem+json',
    );
    const error = await api.post('/api/auth/login', { email: 'a@b.fr' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.title).toBe('Requête invalide');
    expect(apiError.detail).toBe('Identifiants incorrects.');
    expect(fieldErrorsByName(apiError.errors)).toEqual({ password: 'Trop court' });
    expect(describeError(apiError, t)).toBe('Identifiants incorrects.');
  });

  it('sends the CSRF cookie as x-csrf-token on POST only, and no Content-Type without a body', async () => {
    vi.stubGlobal('document', { cookie: 'other=1; comptoir_csrf=abc%3D123' });
    const calls = stubFetch(200, '{"items":[]}', 'application/json; charset=utf-8');
    await api.get('/api/platform/jobs/dead');
    await api.post('/api/platform/jobs/dead/mail%2Fsend/1/replay');
    const [get, post] = calls.map((c) => c.init.headers as Record<string, string>);
    expect(get?.['x-csrf-token']).toBeUndefined();
    expect(post?.['x-csrf-token']).toBe('abc=123');
    expect(post?.['Content-Type']).toBeUndefined();
    expect(calls[1]?.init.credentials).toBe('include');
  });

  it('reports a non-JSON 2xx (SPA fallback for a missing route) as not available', async () => {
    stubFetch(200, '<!doctype html><html></html>', 'text/html');
    const error = await api.get('/api/platform/mail?limit=50').catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('unexpected-body');
    expect(describeError(error, t)).toBe(fr['errors.notAvailable']);
  });

  it('prefers a French fallback over a bare English reason phrase', async () => {
    stubFetch(404, JSON.stringify({ title: 'Not Found', status: 404 }), 'application/problem+json');
    const error = await api.post('/api/auth/login', {}).catch((e: unknown) => e);
    expect(describeError(error, t)).toBe(fr['errors.notAvailable']);
  });

  it('maps a failed connection to a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const error = await api.get('/api/platform/workspaces').catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('network');
    expect(describeError(error, t)).toBe(fr['errors.network']);
  });
});
