import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { queryRows } from '../../platform/db/query-rows.ts';
import type { Services } from '../../platform/services.ts';
import type { PaymentProvider } from '../provider/payment-provider.ts';
import { inboxLockKey } from '../rules/inbox-lock-key.ts';
import { wakeWebhookInbox } from './webhook-inbox.queue.ts';

/**
 * The inbox's front door: the signature is checked on the raw body by the provider (a bad one throws before anything
 * is stored), then the event is stored once per (provider, event id) — one statement, committed before the provider
 * gets its 2xx. The stored row is the work item: the inbox workers claim it (`apply-inbox-batch.ts`); a duplicate
 * delivery stores nothing.
 */
export async function ingestWebhook(services: Services, provider: PaymentProvider, rawBody: Buffer, signature: string | undefined): Promise<{ eventId: string; duplicate: boolean }> {
  const event = provider.parseWebhook(rawBody, signature);
  const stored = await queryRows<{ id: string }>(
    services.db,
    sql`insert into payments.webhook_event (id, provider, event_id, type, payload, provider_created, lock_key)
        values (${uuidv7()}, ${provider.name}, ${event.id}, ${event.type}, ${JSON.stringify(event)}::jsonb, ${event.created}, ${inboxLockKey(event)})
        on conflict (provider, event_id) do nothing
        returning id`,
  );
  if (stored.length > 0) wakeWebhookInbox(services);
  return { eventId: event.id, duplicate: stored.length === 0 };
}
