import type { DbOrTx } from '../../platform/db/database.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { putObject, type SandboxObject, sandboxId, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';

/** The sandbox's signing secret, derived from the encryption key: stable across restarts, never stored. */
export function sandboxWebhookSecretFor(services: Services): string {
  return `whsec_${services.secrets.deriveSecret('sandbox-webhook')}`;
}

export const SANDBOX_EVENT_TOPIC = 'payments.sandbox.event_created';
/** Matches the Stripe SDK the Stripe adapter uses, so both speak the same version. */
export const SANDBOX_API_VERSION = '2026-10-28.endive';

/**
 * Records a Stripe-format event in the sandbox and queues its delivery. Delivery is a job posting the signed event to
 * Comptoir's own webhook endpoint, retried with back-off like Stripe's, so the inbox is exercised exactly as in
 * production.
 */
export async function emitSandboxEvent(tx: DbOrTx, services: Services, type: string, object: SandboxObject, account: string | null = null): Promise<ProviderEvent> {
  const event: ProviderEvent = {
    id: sandboxId('evt'),
    object: 'event',
    type,
    created: unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(object))),
    livemode: false,
    api_version: SANDBOX_API_VERSION,
    account,
    data: { object: structuredClone(object) },
  };
  await putObject(tx, event as unknown as SandboxObject);
  await recordEvent(tx, { topic: SANDBOX_EVENT_TOPIC, payload: { eventId: event.id } });
  return event;
}
