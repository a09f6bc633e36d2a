import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../../server/src/platform/db/database.ts';
import { type DetailedLoadResult, type LoadResult, measureLoad, measureLoadDetailed } from './load.ts';

/** A bare Fastify server: the ceiling any Comptoir endpoint is compared with. */
export async function measureHelloWorld(): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  return withServer(app, (url) => measureLoad(`${url}/`));
}

/** A bare Fastify route running `SELECT 1` on the driver itself, with no ORM and no plugins. */
export async function measureRawSelectOne(database: Database): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  const run = database.pglite
    ? () => database.pglite!.query('select 1 as one')
    : () => database.pool!.query('select 1 as one');
  app.get('/', async () => {
    const result = await run();
    return { one: (result.rows[0] as { one: number }).one };
  });
  return withServer(app, (url) => measureLoad(`${url}/`));
}

/**
 * The ceiling of one route on this machine: a bare Fastify server (no plugins, no hooks) that parses the same
 * POST bodies and answers each with a stored copy of a real answer. No endpoint of ours can beat it; when it is
 * itself below a target ratio, the target is out of reach on this machine whatever the route does.
 */
export async function measureStoredAnswer(path: string, answer: string, requests: { method: string; path: string; body?: string }[], headers: Record<string, string>): Promise<DetailedLoadResult> {
  const app = Fastify({ logger: false });
  app.post(path, async (_request, reply) => reply.type('application/json; charset=utf-8').send(answer));
  return withServer(app, (url) => measureLoadDetailed(url, { headers, requests }));
}

export async function withServer<T>(app: FastifyInstance, action: (url: string) => Promise<T>): Promise<T> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await action(url);
  } finally {
    await app.close();
  }
}
