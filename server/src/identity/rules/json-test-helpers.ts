/** Helpers shared by the canonical JSON and audit hash tests (test code only). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Rebuilds a JSON value with every object's keys inserted in another (seeded, pseudo-random) order. */
export function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, seed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  let state = seed;
  for (let i = entries.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, reorderKeys(item, seed + 1)]));
}

/** Paths to every leaf (primitive) of a JSON value. */
export function leafPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  }
  return [path];
}

/** A copy of `value` with the leaf at `path` replaced by a different primitive. */
export function withChangedLeaf(value: Json, path: (string | number)[]): Json {
  if (path.length === 0) {
    if (value === null) return 0;
    if (typeof value === 'boolean') return !value;
    if (typeof value === 'number') return value === 0 ? 1 : Number.isSafeInteger(value) ? value + 1 : value / 2;
    if (typeof value === 'string') return `${value}x`;
    throw new Error('not a leaf');
  }
  const [head, ...rest] = path;
  const copy = structuredClone(value) as Record<string | number, Json>;
  copy[head!] = withChangedLeaf(copy[head!]!, rest);
  return copy as Json;
}
