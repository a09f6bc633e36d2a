/**
 * Identifiers people type: workspace slugs (they appear in URLs, /w/<slug>)
 * and e-mail addresses.
 */

/** Path segments and sub-domains the application uses or may use itself. */
export const RESERVED_WORKSPACE_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'app',
  'w',
  'admin',
  'static',
  'assets',
  'docs',
  'healthz',
  'readyz',
]);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** 2–40 of a–z, 0–9 and single hyphens, no hyphen at either end, not reserved. */
export function isValidWorkspaceSlug(slug: string): boolean {
  return slug.length >= 2 && slug.length <= 40 && SLUG.test(slug) && !RESERVED_WORKSPACE_SLUGS.has(slug);
}

/**
 * Trim and lower-case. Dots and +tags are kept: only Gmail ignores dots, and
 * stripping "+tag" would merge addresses that other providers deliver to
 * different mailboxes. Lower-casing the local part is, strictly, not allowed by
 * RFC 5321 §2.4, but no mainstream provider is case-sensitive and it stops
 * duplicate accounts differing only by case.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A sanity check, not RFC 5322 validation (only sending a message proves an
 * address): one "@", a local part of at most 64 octets and a domain of at most
 * 255 (RFC 5321 §4.5.3.1), no whitespace or control characters, a domain made
 * of dot-separated labels that do not start or end with a hyphen, with a
 * top-level label of at least two letters. Internationalised domains and
 * local parts (RFC 6530) are accepted.
 */
export function isPlausibleEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1 || email.indexOf('@') !== at) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const octets = (text: string) => Buffer.byteLength(text, 'utf8');
  if (octets(local) > 64 || octets(domain) > 255 || octets(email) > 254) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f"(),:;<>[\\\]]/u.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const labelPattern = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
  if (!labels.every((label) => labelPattern.test(label))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1]!);
}
