import { signalTableQueue, type TableQueue } from '../../platform/jobs/table-queue.ts';
import type { Services } from '../../platform/services.ts';
import { applyInboxBatch } from './apply-inbox-batch.ts';

export const WEBHOOK_INBOX_CHANNEL = 'comptoir_webhook_inbox';

/**
 * The webhook inbox as a queue (Lago's inbound-webhook inbox): `payments.webhook_event` rows received or due for a
 * retry are claimed in batches by `WEBHOOK_WORKERS` loops per worker process — one on the embedded database, which
 * has a single connection — and applied in the claiming transaction.
 */
export const webhookInboxQueue: TableQueue = {
  name: 'payments.webhook-inbox',
  channel: WEBHOOK_INBOX_CHANNEL,
  concurrency: (services) => (services.database.pglite ? 1 : services.config.WEBHOOK_WORKERS),
  drainOnce: (services) => applyInboxBatch(services, services.config.WEBHOOK_BATCH_SIZE),
};

/** Wakes the inbox workers of every process (after the caller's write committed). */
export function wakeWebhookInbox(services: Services): void {
  signalTableQueue(services.db, WEBHOOK_INBOX_CHANNEL);
}
