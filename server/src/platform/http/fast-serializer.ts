import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * For the hottest routes (the quote, the catalog search — issue #4): the response's zod schema,
 * turned into JSON Schema once at start-up and compiled by fast-json-stringify, instead of zod
 * re-checking and re-building every answer before JSON.stringify (about 70 µs for a page of 20
 * products). The answer is the same — only the schema's properties, in its order — but types are
 * no longer re-checked at run time: use it on routes whose service returns the TypeScript type of
 * the schema. A schema JSON Schema cannot express falls back to the zod serializer.
 */
export function fastSerializerCompiler<T>(routeSchema: Parameters<FastifySerializerCompiler<T>>[0]): (data: unknown) => string {
  try {
    const json = z.toJSONSchema(routeSchema.schema as z.ZodType, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJson(json as Parameters<typeof fastJson>[0]);
  } catch {
    return zodSerializerCompiler(routeSchema as Parameters<typeof zodSerializerCompiler>[0]);
  }
}
