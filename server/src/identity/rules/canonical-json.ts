/**
 * Deterministic JSON for hashing: the same value always gives the same bytes.
 * In the spirit of RFC 8785 (JSON Canonicalization Scheme) — no whitespace,
 * sorted keys, numbers and strings as ECMAScript's JSON.stringify writes them —
 * except that keys are sorted by Unicode code point (RFC 8785 sorts by UTF-16
 * unit; the two differ only for keys mixing astral characters with U+E000–U+FFFF).
 *
 * Anything whose JSON form would be lossy or ambiguous throws instead of being
 * silently changed: NaN/Infinity (JSON.stringify writes null), bigint, functions,
 * symbols, undefined array items, Map/Set/class instances, cycles. `undefined`
 * object properties are omitted, as an absent key; Date becomes its ISO string.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      return writeObject(value, ancestors);
    default:
      throw new TypeError(`canonicalJson: cannot represent a ${typeof value}`);
  }
}

function writeObject(value: object, ancestors: Set<object>): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (ancestors.has(value)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(value);
  let json: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) throw new TypeError(`canonicalJson: undefined array item at index ${i}`);
      items.push(write(value[i], ancestors));
    }
    json = `[${items.join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`canonicalJson: not a plain object (${value.constructor?.name ?? 'unknown'})`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareCodePoints)
      .map((key) => `${JSON.stringify(key)}:${write(record[key], ancestors)}`);
    json = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return json;
}

/** Orders strings by Unicode code point (the default sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}
