import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compareCodePoints } from './canonical-json.ts';
import { reorderKeys } from './json-test-helpers.ts';

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], aa: 'x' })).toBe(
      '{"a":[3,{"c":null,"d":true}],"aa":"x","b":1}',
    );
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts integer-like keys as strings, not in JavaScript property order', () => {
    expect(canonicalJson({ 2: 'two', 10: 'ten', a: 'a' })).toBe('{"10":"ten","2":"two","a":"a"}');
  });

  it('sorts by code point, not by UTF-16 unit', () => {
    // U+FB01 < U+1F600, but the surrogate 0xD83D of U+1F600 sorts before 0xFB01 as UTF-16.
    const value = { '😀': 2, 'ﬁ': 1, é: 0 };
    expect(canonicalJson(value)).toBe('{"é":0,"ﬁ":1,"😀":2}');
    expect(Object.keys(value).sort()).toEqual(['é', '😀', 'ﬁ']);
    expect(compareCodePoints('ﬁ', '😀')).toBeLessThan(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'ab')).toBe(0);
  });

  it('omits undefined properties', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.678Z') })).toBe('{"at":"2025-01-02T03:04:05.678Z"}');
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1.0, 0.1, -0, 1e21, 1e-7, -5])).toBe('[1,0.1,0,1e+21,1e-7,-5]');
    expect(canonicalJson('é"\\\n\u0001\ud800')).toBe('"é\\"\\\\\\n\\u0001\\ud800"');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    bare.y = 2;
    expect(canonicalJson(bare)).toBe('{"y":2,"z":1}');
  });

  it('writes a value shared twice (not a cycle) both times', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['-Infinity', [Number.NEGATIVE_INFINITY]],
    ['bigint', { n: 10n }],
    ['function', { f: () => 1 }],
    ['symbol', Symbol('s')],
    ['top-level undefined', undefined],
    ['undefined array item', [1, undefined]],
    ['sparse array', Object.assign([1], { 2: 3 })],
    ['Map', new Map([['a', 1]])],
    ['class instance', new (class Point { x = 1 })()],
    ['invalid date', new Date(Number.NaN)],
  ])('throws on %s', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow();
  });

  it('throws on a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });

  it('is valid JSON with the same meaning as the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => canonicalJson(reorderKeys(value, seed)) === canonicalJson(value)),
    );
  });

  it('is a fixed point: canonicalising the parsed output gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        return canonicalJson(JSON.parse(once)) === once;
      }),
    );
  });
});
