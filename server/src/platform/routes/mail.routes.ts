import { and, count, desc, eq } from 'drizzle-orm';
import { requireWorkspaceWide } from '../../identity/access/guards.ts';
import { z } from 'zod';
import { notFound } from '../http/problem.ts';
import { testMessageTemplate } from '../mail/templates.ts';
import type { App, Runtime } from '../module.ts';
import { mailMessages } from '../schema.ts';

const mailSummary = z.object({
  id: z.uuid(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  template: z.string(),
  language: z.enum(['fr', 'en']),
  status: z.enum(['queued', 'kept', 'sent', 'failed']),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
const mailDetail = mailSummary.extend({ text: z.string(), html: z.string() });

type Row = typeof mailMessages.$inferSelect;
const summary = (row: Row) => ({
  id: row.id,
  to: row.toAddress,
  from: row.fromAddress,
  subject: row.subject,
  template: row.template,
  language: row.language,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
});

/** The mailbox: every message of the workspace that Comptoir sent or kept in its local outbox. */
export function mailRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/platform/mail',
    {
      schema: {
        tags: ['platform'],
        summary: 'List sent and kept messages, newest first',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(mailSummary), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'platform.operate');
      const { limit, offset } = request.query;
      const inWorkspace = eq(mailMessages.workspaceId, auth.workspace.id);
      const rows = await runtime.db
        .select()
        .from(mailMessages)
        .where(inWorkspace)
        .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
        .limit(limit)
        .offset(offset);
      const [total] = await runtime.db.select({ value: count() }).from(mailMessages).where(inWorkspace);
      return { items: rows.map(summary), total: total?.value ?? 0 };
    },
  );

  app.get(
    '/api/platform/mail/:id',
    {
      schema: {
        tags: ['platform'],
        summary: 'One message with its text and HTML bodies',
        params: z.object({ id: z.uuid() }),
        response: { 200: mailDetail },
      },
    },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'platform.operate');
      const [row] = await runtime.db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.id, request.params.id), eq(mailMessages.workspaceId, auth.workspace.id)));
      if (!row) throw notFound(`No message ${request.params.id}`);
      return { ...summary(row), text: row.textBody, html: row.htmlBody };
    },
  );

  app.post(
    '/api/platform/mail/test',
    {
      schema: {
        tags: ['platform'],
        summary: 'Queue a test message (checks the mail path end to end)',
        body: z.object({ to: z.email(), language: z.enum(['fr', 'en']).optional(), recipientName: z.string().max(100).optional() }),
        response: { 202: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'platform.operate');
      const { to, language, recipientName } = request.body;
      const id = await runtime.db.transaction((tx) =>
        runtime.mail.queue(tx, {
          template: testMessageTemplate,
          data: { recipientName, sentAt: runtime.clock.now().toISOString() },
          to,
          language,
          workspaceId: auth.workspace.id,
          requestId: String(request.id),
        }),
      );
      return reply.status(202).send({ id });
    },
  );
}
