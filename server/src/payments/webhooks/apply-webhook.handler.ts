import { eq } from 'drizzle-orm';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { webhookEvents } from '../schema.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { nextInboxAttemptAt } from '../rules/inbox-backoff.ts';
import { applyProviderEvent, EventNotReadyError } from './apply-provider-event.ts';
import { WEBHOOK_RECEIVED_TOPIC } from './ingest-webhook.ts';

/**
 * Applies a stored webhook event. The inbox row is locked first, so two jobs for one event (a replay racing the first
 * delivery) run one after the other, and a processed or ignored event is never applied again. A failure is kept on the
 * row (status failed, error, next attempt with back-off) inside a savepoint, so the inbox always says what happened;
 * the retry task picks it up when due.
 */
export const applyWebhookHandler = defineHandler<{ inboxId: string }>({
  name: 'payments.apply-webhook-event',
  topics: [WEBHOOK_RECEIVED_TOPIC],
  async handle({ tx, event, services }) {
    const [row] = await tx.select().from(webhookEvents).where(eq(webhookEvents.id, event.payload.inboxId)).for('update');
    if (!row || row.status === 'processed' || row.status === 'ignored') return;
    const now = services.clock.now();
    const attempts = row.attempts + 1;
    const cause = { auth: { kind: 'anonymous' as const, requestId: event.requestId ?? '' }, actorLabel: `webhook ${row.provider} ${row.eventId}` };
    try {
      const outcome = await tx.transaction((savepoint) => applyProviderEvent(savepoint, services, row.provider, row.payload as unknown as ProviderEvent, cause));
      await tx
        .update(webhookEvents)
        .set({ status: outcome.status, attempts, outcome: outcome.summary.slice(0, 500), workspaceId: outcome.workspaceId, orderId: outcome.orderId, processedAt: now, lastError: null, nextAttemptAt: null })
        .where(eq(webhookEvents.id, row.id));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      services.log.warn({ err: error, inboxId: row.id, eventId: row.eventId }, 'webhook event failed; it will be retried');
      await tx
        .update(webhookEvents)
        .set({ status: 'failed', attempts, lastError: `${error instanceof EventNotReadyError ? 'waiting: ' : ''}${message}`.slice(0, 1000), nextAttemptAt: nextInboxAttemptAt(now, attempts) })
        .where(eq(webhookEvents.id, row.id));
    }
  },
});
