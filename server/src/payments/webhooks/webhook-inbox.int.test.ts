import { count, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/schema.ts';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { signWebhookPayload } from '../provider/webhook-signature.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import { webhookEvents } from '../schema.ts';
import { requeueDueWebhooks } from './retry-webhooks.task.ts';

/** The inbox's door: what is refused (and leaves no trace), what is stored once, and the sweep of due retries. */
let sandbox: TestRuntime;
let stripe: TestRuntime;
const STRIPE_SECRET = 'whsec_test_inbox';

beforeAll(async () => {
  sandbox = await startTestRuntime();
  stripe = await startTestRuntime({ config: { STRIPE_SECRET_KEY: 'sk_test_inbox', STRIPE_WEBHOOK_SECRET: `whsec_other, ${STRIPE_SECRET}` } });
});
afterAll(async () => {
  await sandbox?.close();
  await stripe?.close();
});

const event = (id: string, type = 'customer.created') => JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'cus_1', object: 'customer' } } });
const now = () => Math.floor(Date.now() / 1000);
const stored = async (runtime: TestRuntime) => (await runtime.runtime.db.select({ n: count() }).from(webhookEvents))[0]!.n;

async function post(runtime: TestRuntime, provider: string, body: string, signature?: string) {
  const app = await runtime.app();
  return app.inject({ method: 'POST', url: `/api/payments/webhooks/${provider}`, headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, payload: body });
}

describe('webhook inbox', () => {
  it('refuses a missing, wrong, tampered or stale signature with 400 and stores nothing', async () => {
    const secret = sandboxWebhookSecretFor(sandbox.runtime);
    const body = event('evt_refused');
    const cases = [
      undefined,
      signWebhookPayload(body, 'whsec_wrong', now()),
      signWebhookPayload(event('evt_other'), secret, now()),
      signWebhookPayload(body, secret, now() - 3600),
      't=abc,v1=zz',
    ];
    for (const signature of cases) {
      const response = await post(sandbox, 'sandbox', body, signature);
      expect(response.statusCode, String(signature)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('invalid_signature');
    }
    expect(await stored(sandbox)).toBe(0);
  });

  it('stores an event once and queues it once; a duplicate answers 200 with duplicate: true', async () => {
    const secret = sandboxWebhookSecretFor(sandbox.runtime);
    const body = event('evt_once');
    const first = await post(sandbox, 'sandbox', body, signWebhookPayload(body, secret, now()));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true, eventId: 'evt_once', duplicate: false });
    const again = await post(sandbox, 'sandbox', body, signWebhookPayload(body, secret, now()));
    expect(again.json()).toEqual({ received: true, eventId: 'evt_once', duplicate: true });
    const rows = await sandbox.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, 'evt_once'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('received');
    const jobs = await sandbox.runtime.db.select().from(outboxEvents).where(eq(outboxEvents.topic, 'payments.webhook.received'));
    expect(jobs.filter((j) => (j.payload as { inboxId: string }).inboxId === rows[0]!.id)).toHaveLength(1);
  });

  it('answers 404 for the provider not in use, and accepts Stripe-signed events on the Stripe endpoint (any configured secret)', async () => {
    const body = event('evt_stripe');
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET });
    expect((await post(sandbox, 'stripe', body, header)).statusCode).toBe(404);
    expect((await post(stripe, 'sandbox', body, header)).statusCode).toBe(404);
    const accepted = await post(stripe, 'stripe', body, header);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await stored(stripe)).toBe(1);
  });

  it('re-queues failed events whose back-off elapsed and received events left unapplied, and nothing else', async () => {
    const db = sandbox.runtime.db;
    const past = new Date(Date.now() - 60 * 60_000);
    const base = { provider: 'sandbox', type: 'x', payload: {}, providerCreated: 1 };
    await db.insert(webhookEvents).values([
      { ...base, eventId: 'evt_due', status: 'failed', nextAttemptAt: past },
      { ...base, eventId: 'evt_later', status: 'failed', nextAttemptAt: new Date(Date.now() + 60 * 60_000) },
      { ...base, eventId: 'evt_gave_up', status: 'failed', nextAttemptAt: null },
      { ...base, eventId: 'evt_stuck', status: 'received', queuedAt: past },
      { ...base, eventId: 'evt_done', status: 'processed', queuedAt: past },
    ]);
    expect(await requeueDueWebhooks(sandbox.runtime)).toBe(2);
    expect(await requeueDueWebhooks(sandbox.runtime)).toBe(0);
  });
});
