import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { notFound, ProblemError } from '../../platform/http/problem.ts';
import type { App, Runtime } from '../../platform/module.ts';
import type { AuthContext } from '../access/auth-context.ts';
import { loginEvents, sessions } from '../schema.ts';
import { revokeSession } from './sessions.ts';

const tags = ['auth'];

function personOnly(auth: AuthContext): Extract<AuthContext, { kind: 'user' }> {
  if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Only people have sessions.');
  return auth;
}

/** "My security": my open sessions (revocable) and my recent sign-ins. */
export function mySecurityRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: 'My open sessions',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.uuid(), createdAt: z.string(), lastSeenAt: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const auth = personOnly(request.auth);
      const rows = await runtime.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, auth.user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, runtime.clock.now())))
        .orderBy(desc(sessions.lastSeenAt));
      return {
        items: rows.map((row) => ({
          id: row.id,
          createdAt: row.createdAt.toISOString(),
          lastSeenAt: row.lastSeenAt.toISOString(),
          ip: row.ip,
          userAgent: row.userAgent,
          current: row.id === auth.session.id,
        })),
      };
    },
  );

  app.delete(
    '/api/auth/sessions/:sessionId',
    { schema: { tags, summary: 'End one of my sessions', params: z.object({ sessionId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const auth = personOnly(request.auth);
      const [row] = await runtime.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.id, request.params.sessionId), eq(sessions.userId, auth.user.id)));
      if (!row) throw notFound('Session not found.');
      await revokeSession(runtime.db, row.id, runtime.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/login-events',
    {
      schema: {
        tags,
        summary: 'My recent sign-in attempts',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
        response: {
          200: z.object({
            items: z.array(z.object({ occurredAt: z.string(), outcome: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => {
      const auth = personOnly(request.auth);
      const rows = await runtime.db
        .select()
        .from(loginEvents)
        .where(eq(loginEvents.userId, auth.user.id))
        .orderBy(desc(loginEvents.occurredAt))
        .limit(request.query.limit);
      return {
        items: rows.map((row) => ({ occurredAt: row.occurredAt.toISOString(), outcome: row.outcome, ip: row.ip, userAgent: row.userAgent })),
      };
    },
  );
}
