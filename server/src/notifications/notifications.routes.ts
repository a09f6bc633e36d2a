import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type AuthenticatedContext, companyScope } from '../identity/access/auth-context.ts';
import { requireAuthenticated } from '../identity/access/guards.ts';
import { isPermission, type Permission } from '../identity/permissions.ts';
import type { App, Runtime } from '../platform/module.ts';
import { ProblemError } from '../platform/http/problem.ts';
import { notificationReads, notifications } from './schema.ts';

const tags = ['notifications'];

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  companyId: z.uuid(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** Notifications the user may see: of their workspace, on a company where they hold the notification's permission. */
function visibleTo(auth: AuthenticatedContext, permissions: readonly Permission[]): SQL {
  const clauses = permissions.map((permission) => {
    const scope = companyScope(auth, permission);
    if (scope.all) return eq(notifications.permission, permission);
    if (scope.companyIds.length === 0) return undefined;
    return and(eq(notifications.permission, permission), inArray(notifications.companyId, scope.companyIds));
  });
  const allowed = clauses.filter((c): c is SQL => c !== undefined);
  return and(eq(notifications.workspaceId, auth.workspace.id), allowed.length ? or(...allowed)! : eq(notifications.id, '00000000-0000-0000-0000-000000000000'))!;
}

export function notificationsRoutes(app: App, runtime: Runtime): void {
  const userOf = (auth: AuthenticatedContext) => {
    if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Les notifications sont celles d’un utilisateur.');
    return auth.user.id;
  };
  const distinctPermissions = async (workspaceId: string) =>
    (await runtime.db.selectDistinct({ permission: notifications.permission }).from(notifications).where(eq(notifications.workspaceId, workspaceId)))
      .map((r) => r.permission)
      .filter(isPermission);

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'The signed-in user’s notifications, newest first, with the unread count',
        querystring: z.object({ unread: z.coerce.boolean().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(notificationSchema), unread: z.number().int() }) },
      },
    },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const userId = userOf(auth);
      const scope = visibleTo(auth, await distinctPermissions(auth.workspace.id));
      const readJoin = and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, userId));
      const unreadOnly = and(scope, isNull(notificationReads.userId));
      const [rows, [unread]] = await Promise.all([
        runtime.db
          .select({ n: notifications, readAt: notificationReads.readAt })
          .from(notifications)
          .leftJoin(notificationReads, readJoin)
          .where(request.query.unread ? unreadOnly : scope)
          .orderBy(desc(notifications.createdAt))
          .limit(request.query.limit),
        runtime.db.select({ value: count() }).from(notifications).leftJoin(notificationReads, readJoin).where(unreadOnly),
      ]);
      return {
        items: rows.map(({ n, readAt }) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, companyId: n.companyId, createdAt: n.createdAt.toISOString(), read: readAt !== null })),
        unread: unread!.value,
      };
    },
  );

  app.post(
    '/api/notifications/:notificationId/read',
    { schema: { tags, summary: 'Mark one notification read', params: z.object({ notificationId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const userId = userOf(auth);
      const [found] = await runtime.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.id, request.params.notificationId), visibleTo(auth, await distinctPermissions(auth.workspace.id))));
      if (!found) throw new ProblemError('notFound', 'Notification introuvable.');
      await runtime.db.insert(notificationReads).values({ notificationId: found.id, userId }).onConflictDoNothing();
      return reply.code(204).send(null);
    },
  );

  app.post('/api/notifications/read-all', { schema: { tags, summary: 'Mark every visible notification read', response: { 204: z.null() } } }, async (request, reply) => {
    const { auth } = request;
    requireAuthenticated(auth);
    const userId = userOf(auth);
    const visible = await runtime.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(visibleTo(auth, await distinctPermissions(auth.workspace.id)));
    if (visible.length) await runtime.db.insert(notificationReads).values(visible.map((v) => ({ notificationId: v.id, userId }))).onConflictDoNothing();
    return reply.code(204).send(null);
  });
}
