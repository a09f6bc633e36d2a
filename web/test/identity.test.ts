import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrorsByPath } from '../src/api.ts';
import { isProblem } from '../src/errors.ts';
import { auditQueryString } from '../src/identityApi.ts';
import { diffRecords } from '../src/pages/admin/auditDiff.ts';
import { summarizeUserAgent } from '../src/pages/security/userAgent.ts';
import { safeRedirect } from '../src/session.ts';

describe('identity screens: pure helpers', () => {
  it('keeps every message of a field and strips the body prefix', () => {
    expect(
      fieldErrorsByPath([
        { field: 'body.password', message: 'trop court' },
        { field: 'body.password', message: 'trop courant' },
        { field: 'body.addresses.0.city', message: 'requis' },
        { field: '/siren', message: 'SIREN invalide' },
      ]),
    ).toEqual({ password: ['trop court', 'trop courant'], 'addresses.0.city': ['requis'], siren: ['SIREN invalide'] });
  });

  it('recognises problem types by their kebab-case kind', () => {
    const error = new ApiError('http', 401, { type: 'https://comptoir.dev/problems/mfa-required' });
    expect(isProblem(error, 'mfa-required')).toBe(true);
    expect(isProblem(error, 'invalid-credentials')).toBe(false);
    expect(isProblem(new Error('x'), 'mfa-required')).toBe(false);
  });

  it('only redirects to back-office paths after sign-in', () => {
    expect(safeRedirect('/app/utilisateurs')).toBe('/app/utilisateurs');
    expect(safeRedirect('/app')).toBe('/app');
    expect(safeRedirect('https://evil.example/app')).toBeUndefined();
    expect(safeRedirect('//evil.example')).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
  });

  it('builds audit query strings without empty filters', () => {
    expect(auditQueryString({ actor: 'léa', table: '' }, { limit: 50, before: undefined })).toBe('?actor=l%C3%A9a&limit=50');
    expect(auditQueryString({})).toBe('');
  });

  it('diffs audit snapshots key by key', () => {
    expect(diffRecords({ a: 1, b: { x: 1 }, gone: true }, { a: 1, b: { x: 2 }, added: 'y' })).toEqual([
      { key: 'a', before: 1, after: 1, change: 'same' },
      { key: 'b', before: { x: 1 }, after: { x: 2 }, change: 'changed' },
      { key: 'gone', before: true, after: undefined, change: 'removed' },
      { key: 'added', before: undefined, after: 'y', change: 'added' },
    ]);
    expect(diffRecords(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, change: 'added' }]);
  });

  it('summarises user agents', () => {
    expect(summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0')).toBe('Firefox · Linux');
    expect(summarizeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15')).toBe('Safari · macOS');
    expect(summarizeUserAgent(null)).toBeNull();
  });
});
