import { and, eq, lte, or } from 'drizzle-orm';
import type { ScheduledTask } from '../../platform/jobs/job-system.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { webhookEvents } from '../schema.ts';
import { WEBHOOK_RECEIVED_TOPIC } from './ingest-webhook.ts';

/** A received event whose job has not run after this long is considered lost (dead-lettered, queue purged). */
const STUCK_AFTER_MS = 10 * 60_000;

/**
 * Re-queues inbox events that are due: failed ones whose back-off elapsed, and received ones whose job never ran.
 * Rows are taken with SKIP LOCKED, so several workers share the sweep.
 */
export async function requeueDueWebhooks(services: Services, limit = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookEvents.id, provider: webhookEvents.provider, eventId: webhookEvents.eventId })
      .from(webhookEvents)
      .where(
        or(
          and(eq(webhookEvents.status, 'failed'), lte(webhookEvents.nextAttemptAt, now)),
          and(eq(webhookEvents.status, 'received'), lte(webhookEvents.queuedAt, new Date(now.getTime() - STUCK_AFTER_MS))),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of due) {
      await tx.update(webhookEvents).set({ nextAttemptAt: null, queuedAt: now }).where(eq(webhookEvents.id, row.id));
      await recordEvent(tx, { topic: WEBHOOK_RECEIVED_TOPIC, payload: { inboxId: row.id }, actor: `${row.provider}:${row.eventId} retry` });
    }
    return due.length;
  });
}

export const retryWebhooksTask: ScheduledTask = { name: 'payments.retry-webhooks', cron: '* * * * *', run: (services) => requeueDueWebhooks(services) };
