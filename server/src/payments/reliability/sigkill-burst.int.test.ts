import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type RunningComptoir, spawnComptoir } from '../../../test/support/spawn-comptoir.ts';
import { createTestDatabase, eventually, type TestDatabase } from '../../../test/support/test-runtime.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import { accepted, checkoutCompleted, type Delivery, deliver, stripeId, unix } from './provider-events.ts';

/**
 * Issue #5, reliability: a real Comptoir process is killed (SIGKILL) while a burst of signed webhooks is being received
 * and applied, then started again on the same data. The provider re-posts every event it got no 2xx for, as Stripe
 * does; nothing acknowledged may be lost and nothing may be applied twice: each order is paid once with one receipt,
 * every inbox row ends processed, no event is stored twice.
 */
const ORDERS = 80;
/** Deliveries in flight at any time during the burst. */
const POSTERS = 4;
/** The process dies once its workers have applied this many events: the rest are being applied, stored or not sent yet. */
const KILL_AT_PROCESSED = 5;

const engine = inject('dbEngine');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-sigkill-'));
const encryptionKey = randomBytes(32).toString('base64');
const secret = sandboxWebhookSecretFor({ secrets: new SecretBox(Buffer.from(encryptionKey, 'base64')) } as Parameters<typeof sandboxWebhookSecretFor>[0]);
let testDb: TestDatabase | undefined;
let running: RunningComptoir | undefined;

afterAll(async () => {
  if (running?.child.exitCode === null && running.child.signalCode === null) await running.stop();
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function api<T>(baseUrl: string, method: string, url: string, token?: string, body?: object): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  return results;
}

/** What the kill left behind, for the log: inbox rows by status (a batch cut off by the kill left its rows received). */
async function stateAtKill(): Promise<string> {
  const database = testDb?.database ?? (await openDatabase(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' })));
  try {
    const inbox = await queryRows<{ status: string; n: number }>(database.db, sql`select status, count(*)::int as n from payments.webhook_event where type = 'checkout.session.completed' group by status order by status`);
    return `inbox ${JSON.stringify(Object.fromEntries(inbox.map((r) => [r.status, r.n])))}`;
  } finally {
    if (!testDb) await database.close();
  }
}

describe('SIGKILL during a burst of webhooks', () => {
  it('after a restart, every event is applied exactly once', { timeout: 900_000 }, async () => {
    if (engine === 'postgres') testDb = await createTestDatabase();
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: testDb?.url ?? '',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ENCRYPTION_KEY: encryptionKey,
      RATE_LIMIT_MAX: '0',
      JOBS_POLL_SECONDS: '0.5',
      JOBS_RETRY_DELAY_SECONDS: '1',
      LOG_LEVEL: 'error',
    };
    // `start` migrates and seeds the demo workspaces on the empty database.
    running = await spawnComptoir(['start'], env, 240_000);
    const baseUrl = running.url;
    const { token } = await api<{ token: string }>(baseUrl, 'POST', '/api/auth/login', undefined, { email: 'admin@winvest.demo', password: 'comptoir-demo' });
    const me = await api<{ workspace: { id: string } }>(baseUrl, 'GET', '/api/auth/me', token);

    // N one-off orders, each with its open checkout.
    const emails = Array.from({ length: ORDERS }, (_, n) => `rafale-${n}@example.fr`);
    const orders = await inBatches(emails, 4, async (email) => {
      const order = await api<{ id: string; totalInclTax: number }>(baseUrl, 'POST', '/api/sales/orders', token, {
        customer: { kind: 'person', name: 'Client Rafale', email },
        quote: { sku: 'DEP-SERVICE-001' },
      });
      const checkout = await api<{ url: string }>(baseUrl, 'POST', `/api/sales/orders/${order.id}/checkout`, token);
      const detail = await api<{ payments: { id: string; checkoutSessionId: string }[] }>(baseUrl, 'GET', `/api/sales/orders/${order.id}`, token);
      const sessionId = checkout.url.split('/').at(-1)!;
      expect(detail.payments[0]!.checkoutSessionId).toBe(sessionId);
      return { id: order.id, email, amount: order.totalInclTax, sessionId, paymentId: detail.payments[0]!.id };
    });
    const created = unix(new Date());
    const events: ProviderEvent[] = orders.map((order) =>
      checkoutCompleted(
        { sessionId: order.sessionId, amount: order.amount, currency: 'eur', metadata: { comptoir_order_id: order.id, comptoir_workspace_id: me.workspace.id, comptoir_payment_id: order.paymentId } },
        { customer: stripeId('cus'), paymentIntent: stripeId('pi') },
        created,
      ),
    );

    // The burst: a steady stream of deliveries, POSTERS at a time. Once the workers have applied KILL_AT_PROCESSED of
    // them (so jobs are running, and events are still arriving), the process is killed.
    const child = running.child;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const acknowledged = new Array<boolean>(ORDERS).fill(false);
    const firstRound: Delivery[] = new Array(ORDERS);
    let next = 0;
    const posters = Array.from({ length: POSTERS }, async () => {
      while (next < ORDERS) {
        const index = next++;
        firstRound[index] = await deliver(baseUrl, events[index]!, secret, unix(new Date()));
        acknowledged[index] = accepted(firstRound[index]!);
      }
    });
    const killer = (async () => {
      while (child.exitCode === null && child.signalCode === null) {
        const page = await api<{ total: number }>(baseUrl, 'GET', '/api/payments/webhook-events?status=processed&limit=1', token).catch(() => undefined);
        if (page && page.total >= KILL_AT_PROCESSED) {
          child.kill('SIGKILL');
          return page.total;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return undefined;
    })();
    await Promise.all(posters);
    const processedAtKill = await killer;
    expect(await exited).toBe('SIGKILL');
    // What the provider saw: 2xx, or no answer / an error. Anything other than 2xx or a dead connection is a bug.
    for (const delivery of firstRound) if (!accepted(delivery)) expect(delivery.status, JSON.stringify(delivery)).toBe(0);
    const unacknowledged = acknowledged.flatMap((ok, index) => (ok ? [] : [index]));
    console.log(`[sigkill] ${engine}: ${ORDERS - unacknowledged.length} events acknowledged before the kill (${processedAtKill} applied), ${unacknowledged.length} to re-post; at the kill: ${await stateAtKill()}`);

    // Restart on the same data; the provider retries what it got no 2xx for.
    running = await spawnComptoir(['serve'], env, 240_000);
    const secondRound = await Promise.all(unacknowledged.map((index) => deliver(running!.url, events[index]!, secret, unix(new Date()))));
    for (const delivery of secondRound) expect(accepted(delivery), JSON.stringify(delivery)).toBe(true);

    const restartedAt = Date.now();
    // Every event ends processed (jobs cut off by the kill are run again once the restarted workers see them).
    await eventually(
      async () => {
        const page = await api<{ total: number }>(running!.url, 'GET', '/api/payments/webhook-events?status=processed&limit=1', token);
        return page.total === ORDERS;
      },
      `the ${ORDERS} events to be processed`,
      600_000,
    );
    console.log(`[sigkill] ${engine}: all ${ORDERS} processed ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart`);
    expect(await running.stop()).toBe(0);
    running = undefined;

    // The stored truth, read once the process is gone (the embedded engine allows one process at a time).
    const database: Database = testDb?.database ?? (await openDatabase(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' })));
    try {
      const eventIds = events.map((event) => event.id);
      const orderIds = orders.map((order) => order.id);
      const inbox = await queryRows<{ event_id: string; status: string; n: number }>(
        database.db,
        sql`select event_id, status, count(*) over (partition by event_id)::int as n from payments.webhook_event where provider = 'sandbox' and event_id in ${eventIds}`,
      );
      expect(inbox).toHaveLength(ORDERS);
      expect(new Set(inbox.map((row) => row.event_id)).size).toBe(ORDERS);
      expect(inbox.filter((row) => row.status !== 'processed' || row.n !== 1)).toEqual([]);

      const perOrder = await queryRows<{ id: string; status: string; paid_amount: number; payments: number; succeeded: number; receipts: number; paid_events: number }>(
        database.db,
        sql`select o.id, o.status, o.paid_amount,
                   (select count(*)::int from payments.payment p where p.order_id = o.id) as payments,
                   (select count(*)::int from payments.payment p where p.order_id = o.id and p.status = 'succeeded') as succeeded,
                   (select count(*)::int from platform.mail_message m join sales.customer c on c.email = m.to_address
                      where c.id = o.customer_id and m.template = 'payments.payment-received') as receipts,
                   (select count(*)::int from platform.outbox_event e where e.topic = 'sales.order.paid' and e.payload->>'orderId' = o.id::text) as paid_events
              from sales."order" o where o.id in ${orderIds}`,
      );
      expect(perOrder).toHaveLength(ORDERS);
      const wrong = perOrder.filter((o) => o.status !== 'paid' || o.paid_amount !== 10_000 || o.payments !== 1 || o.succeeded !== 1 || o.receipts !== 1 || o.paid_events !== 1);
      expect(wrong).toEqual([]);
    } finally {
      if (!testDb) await database.close();
    }
  });
});
