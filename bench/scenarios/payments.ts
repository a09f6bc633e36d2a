import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { seedCatalogDemo } from '../../server/src/catalog/seed/seed-catalog-demo.ts';
import { seedIdentityDemo } from '../../server/src/identity/seed/seed-identity-demo.ts';
import { type CheckoutRef, checkoutCompleted, paymentIntentSucceeded, stripeId, unix } from '../../server/src/payments/reliability/provider-events.ts';
import { sandboxWebhookSecretFor } from '../../server/src/payments/sandbox/sandbox-events.ts';
import { queryRows } from '../../server/src/platform/db/query-rows.ts';
import type { App, Runtime } from '../../server/src/platform/module.ts';
import { createRuntime } from '../../server/src/platform/runtime.ts';
import { withServer } from '../lib/baselines.ts';
import type { LoadResult } from '../lib/load.ts';
import { startProfileIfAsked } from '../lib/profile.ts';
import type { BenchRow } from '../lib/report.ts';
import type { Scenario } from '../lib/scenario.ts';

/** What the last payments run measured beyond the table: read by bench/run.ts for the notes. */
export const paymentsFigures: {
  events?: number;
  orders?: number;
  connections?: number;
  setupSeconds?: number;
  ingestSeconds?: number;
  drainSeconds?: number | null;
  /** First post → every consequence done (invoices and their PDFs, ledger entries, commissions, mails). */
  settledSeconds?: number | null;
  workerStartedAfterSeconds?: number;
  checks?: string[];
  worker?: string;
} = {};

const DRAIN_TARGET_SECONDS = 10;

/**
 * Issue #5 (seed 003 Annex H: « Webhooks en rafale : 5 000 événements reçus simultanément »): BENCH_WEBHOOK_EVENTS
 * (default 5,000) signed Stripe-format events — a `payment_intent.succeeded` and a `checkout.session.completed` for
 * each of half as many sandbox checkouts of one-off orders, shuffled — posted at once over 50 connections to
 * `POST /api/payments/webhooks/sandbox`. Measures ingest (requests/s, against the hello-world of the same run) and the
 * time from the first post until every event is applied by the job worker running in the same process (as
 * `comptoir start` does), then checks each was applied exactly once. Needs a fresh database (it seeds the demo).
 */
export const paymentsScenario: Scenario = {
  name: 'payments',
  async run({ runtime, app, baselines }) {
    const total = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5_000);
    const connections = Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 50);
    const orderCount = Math.ceil(total / 2);
    Object.assign(paymentsFigures, { events: total, orders: orderCount, connections });

    await seedIdentityDemo(runtime);
    await seedCatalogDemo(runtime);
    // The worker: the same process, the same database, the production job settings (JOBS_*), as `comptoir start` runs.
    // BENCH_WEBHOOK_WORKER=after: the worker is stopped during the burst and started once every event is stored, to
    // tell the cost of ingesting from the cost of applying.
    const workerAfter = process.env.BENCH_WEBHOOK_WORKER === 'after';
    const startWorker = () => createRuntime(runtime.config, { work: true, database: runtime.database, skipMigrations: true, logLevel: 'silent' });
    let worker = await startWorker();
    paymentsFigures.worker = `one process (API + worker, as \`comptoir start\`), WEBHOOK_WORKERS=${runtime.database.pglite ? 1 : runtime.config.WEBHOOK_WORKERS}, WEBHOOK_BATCH_SIZE=${runtime.config.WEBHOOK_BATCH_SIZE}, DATABASE_POOL_MAX=${runtime.config.DATABASE_POOL_MAX}${workerAfter ? '; the worker stopped during the burst and started once it was stored (BENCH_WEBHOOK_WORKER=after)' : ', applying while the burst arrives'}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-bench-webhooks-'));
    try {
      const setupStart = performance.now();
      const refs = await createCheckouts(runtime, app, orderCount);
      await waitForQuiet(worker);
      paymentsFigures.setupSeconds = round((performance.now() - setupStart) / 1000);
      console.log(`  ${orderCount} orders with open sandbox checkouts in ${paymentsFigures.setupSeconds} s`);

      // The events, shuffled (a fixed seed: two runs post the same sequence).
      const created = unix(new Date());
      const events = refs.flatMap((ref) => {
        const ids = { customer: stripeId('cus'), paymentIntent: stripeId('pi'), charge: stripeId('ch') };
        return [paymentIntentSucceeded(ref, ids, created), checkoutCompleted(ref, ids, created)];
      }).slice(0, total);
      shuffle(events, mulberry32(20261124));
      // Signed by the poster as each is sent (Stripe's scheme, the sandbox's secret): a bad signature would answer 400.
      const signingSecret = sandboxWebhookSecretFor(runtime);
      const requests = events.map((event) => ({ body: JSON.stringify(event), headers: { 'content-type': 'application/json' } }));
      const requestsFile = path.join(dir, 'requests.json');

      // Calibration: the same poster against a bare Fastify POST route, to show what the load generator itself reaches.
      const bare = Fastify({ logger: false, bodyLimit: 1_048_576 });
      bare.post('/', async () => ({ received: true }));
      const calibration = await withServer(bare, async (url) => {
        fs.writeFileSync(requestsFile, JSON.stringify({ url, connections, requests, signingSecret }));
        return postBurst(requestsFile);
      });

      const before = await counts(runtime);
      const { burst, drainedAt, settledAt } = await withServer(app, async (url) => {
        fs.writeFileSync(requestsFile, JSON.stringify({ url: `${url}/api/payments/webhooks/sandbox`, connections, requests, signingSecret }));
        if (workerAfter) await worker.close({ keepDatabase: true });
        // BENCH_PROFILE=file.cpuprofile: a CPU profile of this process from the first post to the drain (Chrome format).
        const profiling = await startProfileIfAsked();
        const drained = waitForDrain(runtime, created, total);
        const burst = await postBurst(requestsFile);
        if (workerAfter) {
          paymentsFigures.workerStartedAfterSeconds = round((Date.now() - burst.startedAt) / 1000);
          worker = await startWorker();
        }
        const drainedAt = await drained;
        await profiling?.stop();
        // Then the consequences, which run after the inbox (handler jobs and background queues yield to it).
        const settledAt = await waitForQuiet(worker);
        return { burst, drainedAt, settledAt };
      });
      paymentsFigures.settledSeconds = settledAt === null ? null : round((settledAt - burst.startedAt) / 1000);
      paymentsFigures.ingestSeconds = round((burst.endedAt - burst.startedAt) / 1000);
      paymentsFigures.drainSeconds = drainedAt === null ? null : round((drainedAt - burst.startedAt) / 1000);
      console.log(`  ${total} events posted in ${paymentsFigures.ingestSeconds} s, all applied ${paymentsFigures.drainSeconds ?? 'NOT'} s after the first post, consequences done after ${paymentsFigures.settledSeconds ?? 'NOT'} s${workerAfter ? ` (worker started after ${paymentsFigures.workerStartedAfterSeconds} s)` : ''}`);

      paymentsFigures.checks = await verify(runtime, { total, orderCount, created, burst, before, refs });
      for (const check of paymentsFigures.checks) console.log(`  check: ${check}`);

      const label = `${total} signed events, ${connections} connections`;
      const rows: BenchRow[] = [
        { scenario: `calibration: the burst poster → bare Fastify POST (${label})`, result: toLoadResult(calibration, total), baseline: baselines.hello },
        { scenario: `POST /api/payments/webhooks/sandbox: verify, store once, queue (${label})`, result: toLoadResult(burst, total), baseline: baselines.hello },
      ];
      return rows;
    } finally {
      // Its own connections (cache invalidation listener) go back to the pool the API's runtime closes.
      await worker.close({ keepDatabase: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The notes under the table: drain time against the target, what was checked, how it ran. */
export function paymentsNotes(): string[] {
  const f = paymentsFigures;
  if (!f.events) return [];
  const drain = f.drainSeconds === null || f.drainSeconds === undefined ? 'NOT drained within 10 minutes' : `${f.drainSeconds} s`;
  return [
    `Webhook burst (seed 003 Annex H): ${f.events} signed events (\`payment_intent.succeeded\` + \`checkout.session.completed\` for each of ${f.orders} sandbox checkouts of one-off orders, shuffled), signed as sent and posted once each over ${f.connections} keep-alive connections by a hand-rolled poster in a separate process (\`bench/lib/post-burst.mjs\`: autocannon replays its request list on every connection); setup (orders and checkouts through the API) ${f.setupSeconds} s, not measured.`,
    `Worker: ${f.worker}.`,
    `Ingest: all ${f.events} posted in ${f.ingestSeconds} s. **Drain** (first post → every event applied): ${drain} (target ≤ ${DRAIN_TARGET_SECONDS} s on this machine; the seed's SLA is 5 minutes)${f.workerStartedAfterSeconds === undefined ? '' : `; the worker started ${f.workerStartedAfterSeconds} s after the first post`}. Consequences (receipts delivered, invoices issued and rendered, ledger entries, commission lines, activations) all done ${f.settledSeconds ?? 'NOT within 5 minutes'}${f.settledSeconds ? ' s' : ''} after the first post.`,
    `Checks: ${(f.checks ?? []).join('; ')}.`,
  ];
}

interface BurstResult {
  startedAt: number;
  endedAt: number;
  statuses: Record<string, number>;
  errors: number;
  latency: { p50: number; p99: number; max: number };
}

function toLoadResult(burst: BurstResult, total: number): LoadResult {
  const ok = Object.entries(burst.statuses).reduce((sum, [status, n]) => sum + (status.startsWith('2') ? n : 0), 0);
  return {
    requestsPerSecond: Math.round(total / ((burst.endedAt - burst.startedAt) / 1000)),
    latencyP50Ms: burst.latency.p50,
    latencyP99Ms: burst.latency.p99,
    errors: burst.errors,
    non2xx: total - burst.errors - ok,
  };
}

async function postBurst(requestsFile: string): Promise<BurstResult> {
  const script = path.join(import.meta.dirname, '../lib/post-burst.mjs');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [script, requestsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`burst poster failed: ${stderr}`))));
  });
  return JSON.parse(output) as BurstResult;
}

/** N one-off orders (Depanssur, 100 €) with their open sandbox checkouts, through the API as a back-office user would. */
async function createCheckouts(runtime: Runtime, app: App, n: number): Promise<(CheckoutRef & { orderId: string })[]> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@winvest.demo', password: 'comptoir-demo' } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const headers = { authorization: `Bearer ${login.json().token as string}` };
  const orderIds: string[] = [];
  const width = runtime.database.kind === 'postgres' ? 8 : 1;
  let lastLog = performance.now();
  for (let i = 0; i < n; i += width) {
    const batch = Array.from({ length: Math.min(width, n - i) }, (_, j) => i + j);
    await Promise.all(
      batch.map(async (k) => {
        const order = await app.inject({ method: 'POST', url: '/api/sales/orders', headers, payload: { customer: { kind: 'person', name: `Client ${k}`, email: `rafale-${k}@bench.example` }, quote: { sku: 'DEP-SERVICE-001' } } });
        if (order.statusCode !== 201) throw new Error(`order failed: ${order.statusCode} ${order.body}`);
        const checkout = await app.inject({ method: 'POST', url: `/api/sales/orders/${order.json().id}/checkout`, headers });
        if (checkout.statusCode !== 200) throw new Error(`checkout failed: ${checkout.statusCode} ${checkout.body}`);
        orderIds.push(order.json().id);
      }),
    );
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      console.log(`  setup: ${orderIds.length}/${n} orders with checkouts`);
    }
  }
  const rows = await queryRows<{ order_id: string; id: string; checkout_session_id: string; amount: number; currency: string; workspace_id: string }>(
    runtime.db,
    sql`select p.order_id, p.id, p.checkout_session_id, p.amount, p.currency, p.workspace_id from payments.payment p
         where p.kind = 'checkout' and p.checkout_session_id is not null and p.order_id in ${orderIds}`,
  );
  if (rows.length !== n) throw new Error(`expected ${n} checkouts, found ${rows.length}`);
  return rows.map((row) => ({
    orderId: row.order_id,
    sessionId: row.checkout_session_id,
    amount: row.amount,
    currency: row.currency,
    metadata: { comptoir_order_id: row.order_id, comptoir_workspace_id: row.workspace_id, comptoir_payment_id: row.id },
  }));
}

/** Waits until every event is dispatched and its jobs done (and commission recomputes served); returns when, or null. */
async function waitForQuiet(worker: Runtime): Promise<number | null> {
  const queues = worker.jobs.registry.all().map((handler) => handler.name);
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const [row] = await queryRows<{ pending: number; jobs: number; recomputes: number }>(
      worker.db,
      sql`select (select count(*)::int from platform.outbox_event where dispatched_at is null) as pending,
                 (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active') and name in ${queues}) as jobs,
                 (select count(*)::int from commissions.recompute_request) as recomputes`,
    );
    if (row!.pending === 0 && row!.jobs === 0 && row!.recomputes === 0) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.warn('  jobs did not quiesce within 5 minutes');
  return null;
}


/** Polls until every event of the burst is applied; returns when (epoch ms), or null after 10 minutes. */
async function waitForDrain(runtime: Runtime, created: number, total: number): Promise<number | null> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const [row] = await queryRows<{ done: number }>(
      runtime.db,
      sql`select count(*)::int as done from payments.webhook_event where provider_created = ${created} and status in ('processed', 'ignored')`,
    );
    if (row!.done >= total) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

interface Counts {
  mails: number;
  paidEvents: number;
}

async function counts(runtime: Runtime): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    runtime.db,
    sql`select (select count(*)::int from platform.mail_message where template = 'payments.payment-received' and to_address like 'rafale-%@bench.example') as mails,
               (select count(*)::int from platform.outbox_event where topic = 'sales.order.paid') as "paidEvents"`,
  );
  return row!;
}

/** Exactly once, checked in the database: one inbox row per event, each applied once; one success and one receipt per order. */
async function verify(
  runtime: Runtime,
  run: { total: number; orderCount: number; created: number; burst: BurstResult; before: Counts; refs: { orderId: string }[] },
): Promise<string[]> {
  const checks: string[] = [];
  const check = (ok: boolean, text: string) => checks.push(`${ok ? 'ok' : 'FAILED'} ${text}`);
  const accepted = Object.entries(run.burst.statuses).reduce((sum, [status, n]) => sum + (status.startsWith('2') ? n : 0), 0);
  check(accepted === run.total, `${accepted}/${run.total} accepted (2xx), ${run.burst.errors} connection errors, statuses ${JSON.stringify(run.burst.statuses)}`);
  const [inbox] = await queryRows<{ rows: number; distinct_events: number; processed: number; max_attempts: number }>(
    runtime.db,
    sql`select count(*)::int as rows, count(distinct event_id)::int as distinct_events, count(*) filter (where status = 'processed')::int as processed,
               coalesce(max(attempts), 0)::int as max_attempts
          from payments.webhook_event where provider_created = ${run.created}`,
  );
  check(inbox!.rows === run.total && inbox!.distinct_events === run.total, `${inbox!.rows} inbox rows for ${inbox!.distinct_events} distinct events`);
  check(inbox!.processed === run.total && inbox!.max_attempts === 1, `${inbox!.processed} processed, each applied in ${inbox!.max_attempts === 1 ? 'exactly one attempt' : `up to ${inbox!.max_attempts} attempts`}`);
  const orderIds = run.refs.map((ref) => ref.orderId);
  const [orders] = await queryRows<{ paid: number; succeeded: number; payments: number }>(
    runtime.db,
    sql`select (select count(*)::int from sales."order" where id in ${orderIds} and status = 'paid' and paid_amount = total_incl_tax) as paid,
               (select count(*)::int from payments.payment where order_id in ${orderIds} and status = 'succeeded') as succeeded,
               (select count(*)::int from payments.payment where order_id in ${orderIds}) as payments`,
  );
  check(orders!.paid === run.orderCount && orders!.succeeded === run.orderCount && orders!.payments === run.orderCount, `${orders!.paid}/${run.orderCount} orders paid, ${orders!.succeeded} payments succeeded of ${orders!.payments}`);
  const after = await counts(runtime);
  const mails = after.mails - run.before.mails;
  const paidEvents = after.paidEvents - run.before.paidEvents;
  check(mails === run.orderCount && paidEvents === run.orderCount, `${mails} receipts and ${paidEvents} \`sales.order.paid\` events for ${run.orderCount} orders`);
  return checks;
}

const round = (value: number) => Math.round(value * 10) / 10;

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
