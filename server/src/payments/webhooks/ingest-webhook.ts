import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import type { PaymentProvider } from '../provider/payment-provider.ts';
import { webhookEvents } from '../schema.ts';

export const WEBHOOK_RECEIVED_TOPIC = 'payments.webhook.received';

/**
 * The inbox's front door: the signature is checked on the raw body by the provider (a bad one throws before anything
 * is stored), then the event is stored once per (provider, event id) together with the job that will apply it, in one
 * transaction. Only after that commit does the provider get its 2xx; a duplicate delivery stores and queues nothing.
 */
export async function ingestWebhook(services: Services, provider: PaymentProvider, rawBody: Buffer, signature: string | undefined): Promise<{ eventId: string; duplicate: boolean }> {
  const event = provider.parseWebhook(rawBody, signature);
  return services.db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(webhookEvents)
      .values({
        provider: provider.name,
        eventId: event.id,
        type: event.type,
        payload: event as unknown as Record<string, unknown>,
        providerCreated: event.created,
      })
      .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.eventId] })
      .returning({ id: webhookEvents.id });
    if (stored) await recordEvent(tx, { topic: WEBHOOK_RECEIVED_TOPIC, payload: { inboxId: stored.id }, actor: `${provider.name}:${event.id}` });
    return { eventId: event.id, duplicate: !stored };
  });
}
