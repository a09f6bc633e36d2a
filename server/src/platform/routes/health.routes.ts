import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemError } from '../http/problem.ts';
import type { App, Runtime } from '../module.ts';

const healthResponse = z.object({ status: z.literal('ok') });
const readyResponse = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
  jobs: z.literal('ok'),
});

export function healthRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/healthz',
    { schema: { tags: ['platform'], summary: 'The process is up', response: { 200: healthResponse } }, config: { rateLimit: false, public: true } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['platform'],
        summary: 'The database answers and the job system is started',
        response: { 200: readyResponse },
      },
      config: { rateLimit: false, public: true },
    },
    async (request) => {
      try {
        await runtime.db.execute(sql`select 1`);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        throw new ProblemError('unavailable', 'The database does not answer.');
      }
      if (!runtime.jobs.ready) throw new ProblemError('unavailable', 'The job system is not started.');
      return { status: 'ready' as const, database: runtime.database.kind, jobs: 'ok' as const };
    },
  );
}
