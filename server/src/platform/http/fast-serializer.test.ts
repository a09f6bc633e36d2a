import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from './fast-serializer.ts';

const compile = (schema: z.ZodType) => {
  const def = { schema, method: 'GET', url: '/x', httpStatus: '200' };
  return { fast: fastSerializerCompiler(def), zod: zodSerializerCompiler(def) };
};

describe('fastSerializerCompiler', () => {
  const schema = z.object({
    id: z.uuid(),
    total: z.number().int(),
    ratio: z.number(),
    name: z.string(),
    short: z.string().nullable(),
    usage: z.string().optional(),
    kind: z.enum(['incl', 'excl']),
    lines: z.array(z.object({ code: z.string().nullable(), amount: z.number().int(), note: z.string().optional() })),
    tags: z.array(z.string()),
  });

  it('writes exactly what the zod serializer writes, unknown properties left out', () => {
    const { fast, zod } = compile(schema);
    const data = {
      id: '01a20b50-85e1-731a-bd0d-27c9e2728424',
      total: 990,
      ratio: 0.5,
      name: 'Offre « TV » — 29,90 €\n"citée"',
      short: null,
      kind: 'incl',
      lines: [
        { code: null, amount: 825, secret: 'x' },
        { code: 'B', amount: -3, note: 'remise' },
      ],
      tags: [],
      internal: { password: 'never' },
    };
    expect(fast(data)).toBe(zod(data));
    expect(fast(data)).not.toContain('never');
    expect(JSON.parse(fast({ ...data, usage: '12.5' })).usage).toBe('12.5');
  });

  it('falls back to zod for what JSON Schema cannot express (same answers, same refusals)', () => {
    const dated = compile(z.object({ at: z.date() }));
    const at = { at: new Date('2026-03-01T00:00:00Z') };
    expect(dated.fast(at)).toBe(dated.zod(at));
    const big = compile(z.object({ n: z.bigint() }));
    expect(() => big.fast({ n: 1 })).toThrow();
    expect(() => big.zod({ n: 1 })).toThrow();
  });
});
