import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/test-runtime.ts';
import type { SignedIn } from '../../../test/support/identity-fixtures.ts';
import { mailMessages } from '../../platform/schema.ts';
import { customers, orders, subscriptions } from '../../sales/schema.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import type { SandboxSession } from '../sandbox/sandbox-checkout.ts';
import { sandboxWebhookSecretFor } from '../sandbox/sandbox-events.ts';
import { getObject } from '../sandbox/sandbox-store.ts';
import { paymentAttempts, webhookEvents } from '../schema.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../test/payments-harness.ts';
import { applyInboxBatch } from '../webhooks/apply-inbox-batch.ts';
import { accepted, deliver, stripeId, subscriptionLifecycle, unix } from './provider-events.ts';

/**
 * Issue #5, reliability: the events of a subscription's life, delivered in any order (and one of them twice), end in the
 * same state. Each ordering gets a fresh WIN WIN mandate order; its events are posted one at a time and each is handled
 * (applied, or failed because what it names is not known yet) before the next is posted, so the ordering is the order of
 * application. Events that failed are then retried by the inbox (`applyInboxBatch` claims them once due, on a test clock moved past
 * their back-off), as the scheduled task does in production.
 */
const DAY = 86_400;
const REFUND = 5_000;
const EVENT_NAMES = ['completed', 'created', 'invoicePaid', 'refunded', 'deleted'] as const;
type EventName = (typeof EVENT_NAMES)[number];

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
let h: PaymentsHarness;
let winwin: SignedIn;
let secret: string;
// One timeline for every ordering, so the final states compare literally.
const start = unix(new Date()) - 3_600;
const times = { start, periodEnd: start + 365 * DAY, refundedAt: start + 600, cancelledAt: start + 1_200 };

beforeAll(async () => {
  h = await startPaymentsHarness({ clock });
  winwin = await h.signIn('admin@winwin.demo');
  secret = sandboxWebhookSecretFor(h.test.runtime);
});
afterAll(() => h?.close());

interface Run {
  orderId: string;
  email: string;
  ids: { customer: string; subscription: string; invoice: string; paymentIntent: string; charge: string; session: string };
  events: Record<EventName, ProviderEvent>;
}

let runs = 0;
/** How many times the inbox had to retry an event that came before what it names (the reverse ordering always does). */
let retried = 0;
async function freshSubscriptionCheckout(): Promise<Run> {
  const email = `ordre-${++runs}@example.ch`;
  const order = await h.createOrder(winwin, {
    customer: { kind: 'person', name: 'Noé Favre', email, country: 'CH' },
    quote: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 30 } },
  });
  expect(order.totalInclTax).toBe(18_500);
  const checkout = await h.checkout(winwin, order.id);
  const session = (await getObject<SandboxSession>(h.test.runtime.db, checkout.url!.split('/').at(-1)!))!;
  expect(session.mode).toBe('subscription');
  const ids = { customer: stripeId('cus'), subscription: stripeId('sub'), invoice: stripeId('in'), paymentIntent: stripeId('pi'), charge: stripeId('ch') };
  const ref = { sessionId: session.id, amount: session.amount_total, currency: session.currency, metadata: session.metadata };
  return { orderId: order.id, email, ids: { ...ids, session: session.id }, events: subscriptionLifecycle(ref, ids, times, REFUND) };
}

async function inboxRow(eventId: string) {
  const [row] = await h.test.runtime.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId));
  return row;
}

async function post(event: ProviderEvent): Promise<void> {
  const delivery = await deliver(h.baseUrl, event, secret, unix(clock.now()));
  expect(accepted(delivery), JSON.stringify(delivery)).toBe(true);
}

/** Posts the events in this order, each handled before the next is sent; then lets the inbox retry what failed. */
async function playOut(run: Run, ordering: readonly EventName[]): Promise<void> {
  for (const name of ordering) {
    const event = run.events[name];
    await post(event);
    await eventually(async () => {
      const row = await inboxRow(event.id);
      return row && row.status !== 'received';
    }, `${name} to be handled`);
  }
  const eventIds = Object.values(run.events).map((e) => e.id);
  for (let sweep = 0; ; sweep++) {
    const rows = await h.test.runtime.db.select().from(webhookEvents).where(sql`${webhookEvents.eventId} in ${eventIds}`);
    expect(rows).toHaveLength(EVENT_NAMES.length);
    if (rows.every((row) => row.status === 'processed' || row.status === 'ignored')) return;
    expect(sweep, `events still failing after ${sweep} sweeps: ${JSON.stringify(rows.map((r) => [r.type, r.status, r.lastError]))}`).toBeLessThan(4);
    const waiting = rows.filter((row) => row.status === 'failed');
    for (const row of waiting) expect(row.lastError).toMatch(/^waiting: /);
    retried += waiting.length;
    // The back-off elapses (the first retry is 30 s after the failure): the inbox claims what is due again.
    offsetMs += 10 * 60_000;
    await applyInboxBatch(h.test.runtime, 50);
    await eventually(async () => {
      const again = await Promise.all(waiting.map((row) => inboxRow(row.eventId)));
      return again.every((row) => row && row.status !== 'received' && row.attempts > waiting.find((w) => w.id === row.id)!.attempts);
    }, 'the retried events to be handled');
  }
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** The final state of one run, with its provider ids replaced by their names so runs compare literally. */
async function finalState(run: Run) {
  const db = h.test.runtime.db;
  const name = (value: string | null) => (value === null ? null : (Object.entries(run.ids).find(([, id]) => id === value)?.[0] ?? `unknown ${value}`));
  const [order] = await db.select().from(orders).where(eq(orders.id, run.orderId));
  const [customer] = await db.select().from(customers).where(eq(customers.id, order!.customerId));
  const subs = await db.select().from(subscriptions).where(eq(subscriptions.orderId, run.orderId));
  const payments = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, run.orderId));
  const inbox = await db.select().from(webhookEvents).where(sql`${webhookEvents.eventId} in ${Object.values(run.events).map((e) => e.id)}`);
  const mails = await db.select({ template: mailMessages.template }).from(mailMessages).where(eq(mailMessages.toAddress, run.email));
  return {
    order: { status: order!.status, paidAmount: order!.paidAmount, refundedAmount: order!.refundedAmount, paidAt: iso(order!.paidAt), lastPaymentError: order!.lastPaymentError },
    providerCustomer: name(customer!.providerCustomerId),
    subscriptions: subs.map((s) => ({
      status: s.status,
      paidPeriods: s.paidPeriods,
      providerSubscriptionId: name(s.providerSubscriptionId),
      currentPeriodEnd: iso(s.currentPeriodEnd),
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      cancelledAt: iso(s.cancelledAt),
      cancelledBy: s.cancelledBy,
      suspendedAt: iso(s.suspendedAt),
    })),
    payments: payments.map((p) => ({
      kind: p.kind,
      status: p.status,
      amount: p.amount,
      refundedAmount: p.refundedAmount,
      checkoutSession: name(p.checkoutSessionId),
      paymentIntent: name(p.paymentIntentId),
      invoice: name(p.invoiceId),
      succeededAt: iso(p.succeededAt),
      failedAt: iso(p.failedAt),
      expiredAt: iso(p.expiredAt),
    })),
    inbox: inbox.map((row) => `${row.type} ${row.status}`).sort(),
    // The payments module's own mails; invoices and credit notes are mailed by the invoicing module's jobs, on their own time.
    mails: mails.map((m) => m.template).filter((template) => template.startsWith('payments.')).sort(),
  };
}

describe('subscription events shuffled into any order', () => {
  it('end in the same state (property over orderings, one fresh order each)', { timeout: 600_000 }, async () => {
    const states: { ordering: string; state: Awaited<ReturnType<typeof finalState>> }[] = [];
    const ordering = fc.shuffledSubarray([...EVENT_NAMES], { minLength: EVENT_NAMES.length, maxLength: EVENT_NAMES.length });
    // Stripe may also deliver an event twice: one of them, at some point, comes again.
    const scenario = fc.record({ ordering, again: fc.constantFrom(...EVENT_NAMES), at: fc.nat(EVENT_NAMES.length) });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ ordering, again, at }) => {
        const sequence = [...ordering.slice(0, at), again, ...ordering.slice(at)];
        const run = await freshSubscriptionCheckout();
        await playOut(run, sequence);
        states.push({ ordering: sequence.join(' → '), state: await finalState(run) });
      }),
      {
        numRuns: 8,
        endOnFailure: true,
        // The natural order and its exact reverse (cancellation and refund before anything is paid) always run.
        examples: [
          [{ ordering: ['created', 'invoicePaid', 'completed', 'refunded', 'deleted'], again: 'completed', at: 3 }],
          [{ ordering: ['deleted', 'refunded', 'completed', 'invoicePaid', 'created'], again: 'deleted', at: 5 }],
        ],
      },
    );
    expect(new Set(states.map((s) => s.ordering)).size).toBeGreaterThanOrEqual(5);
    expect(retried).toBeGreaterThan(0);

    const expected = {
      order: { status: 'partially_refunded', paidAmount: 18_500, refundedAmount: REFUND, paidAt: new Date(times.start * 1000).toISOString(), lastPaymentError: null },
      providerCustomer: 'customer',
      subscriptions: [
        {
          status: 'cancelled',
          paidPeriods: 1,
          providerSubscriptionId: 'subscription',
          currentPeriodEnd: new Date(times.periodEnd * 1000).toISOString(),
          cancelAtPeriodEnd: false,
          cancelledAt: new Date(times.cancelledAt * 1000).toISOString(),
          cancelledBy: 'provider',
          suspendedAt: null,
        },
      ],
      payments: [
        {
          kind: 'checkout',
          status: 'succeeded',
          amount: 18_500,
          refundedAmount: REFUND,
          checkoutSession: 'session',
          paymentIntent: 'paymentIntent',
          invoice: 'invoice',
          succeededAt: new Date(times.start * 1000).toISOString(),
          failedAt: null,
          expiredAt: null,
        },
      ],
      inbox: ['charge.refunded processed', 'checkout.session.completed processed', 'customer.subscription.created processed', 'customer.subscription.deleted processed', 'invoice.paid processed'],
      mails: ['payments.payment-received', 'payments.refund-issued', 'payments.subscription-ended'],
    };
    for (const { ordering, state } of states) expect(state, ordering).toEqual(expected);
  });
});
