import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireWorkspaceWide } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { WebhookSignatureError } from '../provider/payment-provider.ts';
import { providerNamed } from '../provider/provider-registry.ts';
import { WEBHOOK_STATUSES, webhookEvents } from '../schema.ts';
import { ingestWebhook } from './ingest-webhook.ts';
import { wakeWebhookInbox } from './webhook-inbox.queue.ts';

const tags = ['payments'];
const eventSummary = z.object({
  id: z.uuid(),
  provider: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(WEBHOOK_STATUSES),
  attempts: z.number().int(),
  orderId: z.uuid().nullable(),
  outcome: z.string().nullable(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  nextAttemptAt: z.date().nullable(),
});
const params = z.object({ webhookEventId: z.uuid() });

export function webhooksRoutes(app: App, runtime: Runtime): void {
  // The raw body is what the signature covers: this route reads it untouched, in its own encapsulated scope.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/payments/webhooks/:provider',
      {
        schema: {
          tags,
          summary: 'Provider webhooks (Stripe format): signature checked on the raw body, stored once, applied by a job',
          params: z.object({ provider: z.enum(['stripe', 'sandbox']) }),
          response: { 200: z.object({ received: z.literal(true), eventId: z.string(), duplicate: z.boolean() }) },
        },
        config: { public: true, rateLimit: false },
      },
      async (request) => {
        const provider = providerNamed(runtime, request.params.provider);
        if (!provider) throw new ProblemError('notFound', `The ${request.params.provider} provider is not the one in use.`);
        if (!Buffer.isBuffer(request.body)) throw new ProblemError('unsupportedMediaType', 'Send the event as application/json.');
        try {
          return { received: true as const, ...(await ingestWebhook(runtime, provider, request.body, request.headers['stripe-signature'] as string | undefined)) };
        } catch (error) {
          if (error instanceof WebhookSignatureError || error instanceof SyntaxError) {
            throw new ProblemError('badRequest', `Webhook refused: ${error.message}`, { code: 'invalid_signature' });
          }
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/payments/webhook-events',
    {
      schema: {
        tags,
        summary: 'The webhook inbox of the workspace, newest first',
        querystring: z.object({
          status: z.enum(WEBHOOK_STATUSES).optional(),
          type: z.string().max(80).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(eventSummary), total: z.number().int(), counts: z.record(z.string(), z.number().int()) }) },
      },
    },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.read');
      const conditions: SQL[] = [eq(webhookEvents.workspaceId, auth.workspace.id)];
      if (request.query.status) conditions.push(eq(webhookEvents.status, request.query.status));
      if (request.query.type) conditions.push(eq(webhookEvents.type, request.query.type));
      const [items, [total], byStatus] = await Promise.all([
        runtime.db
          .select()
          .from(webhookEvents)
          .where(and(...conditions))
          .orderBy(desc(webhookEvents.receivedAt))
          .limit(request.query.limit)
          .offset(request.query.offset),
        runtime.db.select({ value: count() }).from(webhookEvents).where(and(...conditions)),
        runtime.db.select({ status: webhookEvents.status, value: count() }).from(webhookEvents).where(eq(webhookEvents.workspaceId, auth.workspace.id)).groupBy(webhookEvents.status),
      ]);
      return { items, total: total!.value, counts: Object.fromEntries(byStatus.map((row) => [row.status, row.value])) };
    },
  );

  app.get(
    '/api/payments/webhook-events/:webhookEventId',
    { schema: { tags, summary: 'One inbox event with its payload', params, response: { 200: eventSummary.extend({ payload: z.record(z.string(), z.unknown()) }) } } },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.read');
      const [row] = await runtime.db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.id, request.params.webhookEventId), eq(webhookEvents.workspaceId, auth.workspace.id)));
      if (!row) throw new ProblemError('notFound', 'Événement introuvable.');
      return row;
    },
  );

  app.post(
    '/api/payments/webhook-events/:webhookEventId/replay',
    { schema: { tags, summary: 'Apply an event again (safe: every effect is idempotent)', params, response: { 202: eventSummary } } },
    async (request, reply) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.refund');
      const row = await runtime.db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(webhookEvents)
          .where(and(eq(webhookEvents.id, request.params.webhookEventId), eq(webhookEvents.workspaceId, auth.workspace.id)))
          .for('update');
        if (!before) throw new ProblemError('notFound', 'Événement introuvable.');
        const [after] = await tx
          .update(webhookEvents)
          .set({ status: 'received', nextAttemptAt: null, queuedAt: runtime.clock.now() })
          .where(eq(webhookEvents.id, before.id))
          .returning();
        await appendAudit(tx, auth, { action: 'replay', tableName: 'payments.webhook_event', recordId: before.id, before: { status: before.status }, after: { status: 'received' } });
        return after!;
      });
      // Received again: the inbox workers apply it like a new delivery.
      wakeWebhookInbox(runtime);
      return reply.status(202).send(row);
    },
  );
}
