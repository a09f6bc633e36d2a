import { count, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { signWebhookPayload } from '../provider/webhook-signature.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import { webhookEvents } from '../schema.ts';
import { applyInboxBatch } from './apply-inbox-batch.ts';

/** The inbox's door (what is refused and leaves no trace, what is stored once) and the inbox as a queue: what is due. */
const engine = inject('dbEngine');
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
    // The row is the work item (this runtime runs no worker): received, with what it is about for the claim.
    expect(rows[0]).toMatchObject({ status: 'received', attempts: 0, lockKey: 'event:evt_once' });
  });

  it('stores a burst of concurrent deliveries together, each once, and says which copy was the duplicate', async () => {
    const secret = sandboxWebhookSecretFor(sandbox.runtime);
    const bodies = [...Array.from({ length: 20 }, (_, n) => event(`evt_burst_${n}`)), ...Array.from({ length: 3 }, () => event('evt_burst_twice'))];
    const answers = await Promise.all(bodies.map((body) => post(sandbox, 'sandbox', body, signWebhookPayload(body, secret, now()))));
    expect(answers.map((a) => a.statusCode)).toEqual(bodies.map(() => 200));
    const copies = answers.slice(20).map((a) => a.json().duplicate);
    expect(copies.filter((duplicate) => !duplicate)).toHaveLength(1);
    expect(answers.slice(0, 20).every((a) => a.json().duplicate === false)).toBe(true);
    const rows = await sandbox.runtime.db.select({ eventId: webhookEvents.eventId }).from(webhookEvents).where(inArray(webhookEvents.eventId, [...Array.from({ length: 20 }, (_, n) => `evt_burst_${n}`), 'evt_burst_twice']));
    expect(rows).toHaveLength(21);
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

  it('claims what is due — received, or failed past its back-off — applies it and records each outcome, nothing else', async () => {
    const db = sandbox.runtime.db;
    await db.delete(webhookEvents);
    const past = new Date(Date.now() - 60 * 60_000);
    const payload = (id: string, type = 'customer.created', object: Record<string, unknown> = { id: 'cus_1', object: 'customer' }) => ({ id, object: 'event', type, created: 1, livemode: false, data: { object } });
    const row = (eventId: string, extra: Partial<typeof webhookEvents.$inferInsert> = {}) => ({ provider: 'sandbox', eventId, type: 'customer.created', payload: payload(eventId), providerCreated: 1, ...extra });
    await db.insert(webhookEvents).values([
      row('evt_due', { status: 'failed', attempts: 1, nextAttemptAt: past }),
      row('evt_later', { status: 'failed', attempts: 1, nextAttemptAt: new Date(Date.now() + 60 * 60_000) }),
      row('evt_gave_up', { status: 'failed', attempts: 9, nextAttemptAt: null }),
      row('evt_new'),
      row('evt_done', { status: 'processed', attempts: 1 }),
      // A refund of a charge nobody knows yet: it fails in the batch, the others still land (applied one by one).
      row('evt_refund_early', { type: 'charge.refunded', payload: payload('evt_refund_early', 'charge.refunded', { id: 'ch_1', object: 'charge', amount: 100, amount_refunded: 100, currency: 'eur', payment_intent: 'pi_unknown', refunded: true, metadata: null }) }),
    ]);
    expect(await applyInboxBatch(sandbox.runtime, 50)).toBe(3);
    const byId = Object.fromEntries((await db.select().from(webhookEvents)).map((r) => [r.eventId, r]));
    expect(byId.evt_due).toMatchObject({ status: 'ignored', attempts: 2, lastError: null, nextAttemptAt: null, outcome: 'Event type customer.created is not used by Comptoir' });
    expect(byId.evt_new).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(byId.evt_new!.processedAt).toBeInstanceOf(Date);
    expect(byId.evt_refund_early).toMatchObject({ status: 'failed', attempts: 1, lastError: 'waiting: No payment known yet for pi_unknown' });
    expect(byId.evt_refund_early!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(byId.evt_later).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byId.evt_gave_up).toMatchObject({ status: 'failed', attempts: 9 });
    expect(byId.evt_done).toMatchObject({ status: 'processed', attempts: 1 });
    expect(await applyInboxBatch(sandbox.runtime, 50)).toBe(0);
  });

  it.runIf(engine === 'postgres')('never applies an event whose subject another batch holds; it stays due for the next batch', async () => {
    const db = sandbox.runtime.db;
    await db.delete(webhookEvents);
    const orderKey = 'order:0191f3b4-8a1e-7c2d-9e0f-1a2b3c4d5e6f';
    const row = (eventId: string, lockKey: string) => ({ provider: 'sandbox', eventId, type: 'customer.created', payload: { id: eventId, object: 'event', type: 'customer.created', created: 1, livemode: false, data: { object: { id: 'cus_1', object: 'customer' } } }, providerCreated: 1, lockKey });
    await db.insert(webhookEvents).values([row('evt_held_1', orderKey), row('evt_free', 'order:other'), row('evt_held_2', orderKey)]);
    // Another batch, on another connection, is applying that order's events.
    const other = new pg.Client({ connectionString: sandbox.testDb.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`select pg_advisory_xact_lock(hashtextextended('webhook-inbox:' || $1, 0))`, [orderKey]);
      expect(await applyInboxBatch(sandbox.runtime, 50)).toBe(1);
      const held = await db.select().from(webhookEvents).where(inArray(webhookEvents.eventId, ['evt_held_1', 'evt_held_2']));
      expect(held.map((r) => r.status)).toEqual(['received', 'received']);
      await other.query('commit');
    } finally {
      await other.end();
    }
    expect(await applyInboxBatch(sandbox.runtime, 50)).toBe(2);
    const all = await db.select().from(webhookEvents);
    expect(all.every((r) => r.status === 'ignored' && r.attempts === 1)).toBe(true);
  });
});
