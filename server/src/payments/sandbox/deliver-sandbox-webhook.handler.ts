import { defineHandler } from '../../platform/jobs/handlers.ts';
import { signWebhookPayload } from '../provider/webhook-signature.ts';
import { SANDBOX_EVENT_TOPIC, sandboxWebhookSecretFor } from './sandbox-events.ts';
import { getObject, unixSeconds } from './sandbox-store.ts';

/**
 * Posts a sandbox event to Comptoir's webhook endpoint, signed like Stripe. A non-2xx answer throws, so the job is
 * retried with back-off — what Stripe does for three days. The inbox makes a repeated delivery harmless. The post is
 * made outside any transaction: the endpoint writes to the same database.
 */
export const deliverSandboxWebhookHandler = defineHandler<{ eventId: string }>({
  name: 'payments.deliver-sandbox-webhook',
  topics: [SANDBOX_EVENT_TOPIC],
  async perform({ event, services }) {
    const stored = await getObject(services.db, event.payload.eventId);
    if (!stored) return;
    const body = JSON.stringify(stored);
    const url = services.config.SANDBOX_WEBHOOK_URL ?? `${services.config.publicUrl}/api/payments/webhooks/sandbox`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signWebhookPayload(body, sandboxWebhookSecretFor(services), unixSeconds(services.clock.now())) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Webhook ${stored.id} refused by ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  },
  async handle() {
    // Delivered: claiming the effect key is all that is left to record.
  },
});
