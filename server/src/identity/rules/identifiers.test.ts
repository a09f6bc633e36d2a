import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPlausibleEmail,
  isValidWorkspaceSlug,
  normaliseEmail,
  RESERVED_WORKSPACE_SLUGS,
} from './identifiers.ts';

describe('isValidWorkspaceSlug', () => {
  it.each(['ab', 'acme', 'boulangerie-dupont', 'cafe-du-4-septembre', '42', 'a1', 'x'.repeat(40)])('accepts %j', (slug) => {
    expect(isValidWorkspaceSlug(slug)).toBe(true);
  });

  it.each([
    ['too short', 'a'],
    ['empty', ''],
    ['too long', 'x'.repeat(41)],
    ['upper case', 'Acme'],
    ['leading hyphen', '-acme'],
    ['trailing hyphen', 'acme-'],
    ['double hyphen', 'acme--co'],
    ['underscore', 'acme_co'],
    ['accent', 'café'],
    ['space', 'acme co'],
    ['dot', 'acme.co'],
  ])('rejects %s: %j', (_why, slug) => {
    expect(isValidWorkspaceSlug(slug)).toBe(false);
  });

  it.each(['api', 'app', 'w', 'admin', 'static', 'assets', 'docs', 'healthz', 'readyz'])('reserves %j', (slug) => {
    expect(RESERVED_WORKSPACE_SLUGS.has(slug)).toBe(true);
    expect(isValidWorkspaceSlug(slug)).toBe(false);
  });

  it('accepts exactly the strings of the documented shape', () => {
    const segment = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const slug = segments.join('-');
        const expected = slug.length >= 2 && slug.length <= 40 && !RESERVED_WORKSPACE_SLUGS.has(slug);
        return isValidWorkspaceSlug(slug) === expected;
      }),
    );
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases, keeping dots and plus tags', () => {
    expect(normaliseEmail('  Jean.Dupont+Factures@Exemple.FR \n')).toBe('jean.dupont+factures@exemple.fr');
    expect(normaliseEmail('ZOÉ@exemple.ch')).toBe('zoé@exemple.ch');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (email) => normaliseEmail(normaliseEmail(email)) === normaliseEmail(email)));
  });
});

describe('isPlausibleEmail', () => {
  it.each([
    'alice@example.com',
    'jean.dupont+factures@exemple.fr',
    'o\'brien@example.ie',
    'a@b.co',
    'contact@sous.domaine.exemple.ch',
    'zoé@exemple.ch',
    'info@bücher.de',
    'x_y-z@my-domain.org',
  ])('accepts %j', (email) => {
    expect(isPlausibleEmail(email)).toBe(true);
  });

  it.each([
    ['no @', 'alice.example.com'],
    ['two @', 'alice@bob@example.com'],
    ['empty local part', '@example.com'],
    ['no domain', 'alice@'],
    ['no dot in domain', 'alice@localhost'],
    ['one-letter TLD', 'alice@example.c'],
    ['numeric TLD', 'alice@192.168.0.1'],
    ['space', 'alice smith@example.com'],
    ['leading space', ' alice@example.com'],
    ['newline', 'alice@example.com\n'],
    ['leading dot', '.alice@example.com'],
    ['double dot', 'alice..smith@example.com'],
    ['empty label', 'alice@example..com'],
    ['hyphen at label start', 'alice@-example.com'],
    ['hyphen at label end', 'alice@example-.com'],
    ['local part over 64 octets', `${'a'.repeat(65)}@example.com`],
    ['angle brackets', '<alice@example.com>'],
    ['display name', 'Alice <alice@example.com>'],
  ])('rejects %s: %j', (_why, email) => {
    expect(isPlausibleEmail(email)).toBe(false);
  });

  it('accepts a 64-octet local part', () => {
    expect(isPlausibleEmail(`${'a'.repeat(64)}@example.com`)).toBe(true);
  });
});
