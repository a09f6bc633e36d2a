import { z } from 'zod';
import { requireWorkspaceWide } from '../../identity/access/guards.ts';
import { DeadJobNotFoundError, listDeadJobs, queueStats, replayDeadJob } from '../jobs/dead-letters.ts';
import { notFound } from '../http/problem.ts';
import type { App, Runtime } from '../module.ts';

const queueName = z.string().regex(/^[\w.-]+$/, 'letters, digits, dot, dash or underscore');

/** Admin view of the job system: queue depths, dead letters and their replay. */
export function jobsRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/platform/jobs/stats',
    {
      schema: {
        tags: ['platform'],
        summary: 'Depth of every handler queue and its dead-letter queue',
        response: {
          200: z.object({
            queues: z.array(
              z.object({
                name: z.string(),
                queued: z.number().int(),
                active: z.number().int(),
                deferred: z.number().int(),
                dead: z.number().int(),
                total: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireWorkspaceWide(request.auth, 'platform.operate');
      return { queues: await queueStats(runtime.jobs.boss, runtime.jobs.registry) };
    },
  );

  app.get(
    '/api/platform/jobs/dead',
    {
      schema: {
        tags: ['platform'],
        summary: 'Jobs whose retries ran out',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                queue: z.string(),
                createdAt: z.string(),
                data: z.unknown(),
                output: z.unknown(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'platform.operate');
      // Jobs are shared infrastructure: each workspace sees only the dead jobs of its own events.
      const dead = await listDeadJobs(runtime.jobs.boss, runtime.jobs.registry, request.query.limit);
      return {
        items: dead
          .filter((job) => job.data.event.workspaceId === auth.workspace.id)
          .map((job) => ({ id: job.id, queue: job.queue, createdAt: job.createdAt, data: job.data, output: job.output })),
      };
    },
  );

  app.post(
    '/api/platform/jobs/dead/:queue/:id/replay',
    {
      schema: {
        tags: ['platform'],
        summary: 'Send a dead job back to its queue with fresh retries',
        params: z.object({ queue: queueName, id: z.uuid() }),
        response: { 202: z.object({ replayed: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'platform.operate');
      const { queue, id } = request.params;
      if (!runtime.jobs.registry.get(queue.replace(/\.dead$/, ''))) throw notFound(`No queue ${queue}`);
      const dead = await listDeadJobs(runtime.jobs.boss, runtime.jobs.registry, 100_000);
      if (!dead.some((job) => job.id === id && job.data.event.workspaceId === auth.workspace.id)) throw notFound(`No dead job ${id}`);
      try {
        await replayDeadJob(runtime.jobs.boss, queue, id);
      } catch (error) {
        if (error instanceof DeadJobNotFoundError) throw notFound(error.message);
        throw error;
      }
      return reply.status(202).send({ replayed: true as const });
    },
  );
}
