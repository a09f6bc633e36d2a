import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../identity/schema.ts';
import type { SignedIn } from '../../test/support/identity-fixtures.ts';
import { eventually } from '../../test/support/test-runtime.ts';
import { type PaymentsHarness, startPaymentsHarness } from './test/payments-harness.ts';

/**
 * Issue #5 §4: a renewal charged to the "fails later" card fails; Comptoir retries on its schedule (3, 7, 14 days after
 * the first failure), tells the customer and the company's admins each time, and at the end cancels or suspends as the
 * workspace chose — driven by the sandbox clock, webhooks and all.
 */
let h: PaymentsHarness;
let winwin: SignedIn;

beforeAll(async () => {
  h = await startPaymentsHarness();
  winwin = await h.signIn('admin@winwin.demo');
});
afterAll(() => h?.close());

async function subscribeWithFailingCard(email: string) {
  const order = await h.createOrder(winwin, { customer: { kind: 'person', name: 'Noé Favre', email, country: 'CH' }, quote: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 40 } } });
  const checkout = await h.checkout(winwin, order.id);
  expect((await h.pay(checkout.url!, '4000000000000341')).statusCode).toBe(200);
  await eventually(async () => (await h.order(winwin, order.id)).subscription?.status === 'active', 'an active subscription');
  return order;
}

const advance = async (days: number) => {
  const response = await h.app.inject({ method: 'POST', url: '/api/payments/sandbox/clock/advance', headers: winwin.headers, payload: { days } });
  expect(response.statusCode, response.body).toBe(200);
};

const attempts = async (orderId: string) => (await h.order(winwin, orderId)).dunning.map((a: { attempt: number; status: string }) => `${a.attempt}:${a.status}`);

describe('dunning', () => {
  it('retries three times with growing gaps, alerts each time, then cancels', async () => {
    const order = await subscribeWithFailingCard('echec@example.ch');
    await advance(366);
    await eventually(async () => (await h.order(winwin, order.id)).subscription.status === 'past_due', 'past due after the failed renewal');
    expect(await eventually(async () => ((await attempts(order.id)).length === 2 ? attempts(order.id) : undefined), 'the first retry scheduled')).toEqual(['1:failed', '2:scheduled']);
    await eventually(async () => (await h.mailsTo('echec@example.ch', 'payments.payment-failed')) === 1, 'the customer told');
    expect(await h.mailsTo('admin@winwin.demo', 'payments.owner-alert')).toBeGreaterThanOrEqual(1);

    await advance(3);
    await eventually(async () => (await attempts(order.id)).join() === '1:failed,2:failed,3:scheduled', 'retry 2 failed, retry 3 scheduled');
    await advance(4);
    await eventually(async () => (await attempts(order.id)).join() === '1:failed,2:failed,3:failed,4:scheduled', 'retry 3 failed, retry 4 scheduled');
    const detail = await h.order(winwin, order.id);
    const [first, , , fourth] = detail.dunning;
    expect((new Date(fourth.scheduledAt).getTime() - new Date(first.scheduledAt).getTime()) / 86_400_000).toBeCloseTo(14, 0);

    await advance(7);
    const ended = await eventually(async () => {
      const d = await h.order(winwin, order.id);
      return d.subscription.status === 'cancelled' ? d : undefined;
    }, 'the subscription cancelled by dunning');
    expect(ended.subscription.cancelledBy).toBe('dunning');
    await eventually(async () => (await h.mailsTo('echec@example.ch', 'payments.subscription-ended')) === 1, 'the end-of-contract mail');
    expect(await h.mailsTo('echec@example.ch', 'payments.payment-failed')).toBe(4);
    // The provider was told too: its deletion webhook comes back and changes nothing more.
    await eventually(async () => (await h.order(winwin, order.id)).events.some((e: { type: string; status: string }) => e.type === 'customer.subscription.deleted' && e.status === 'processed'), 'the provider cancellation');
  });

  it('suspends instead when the workspace says so', async () => {
    const [row] = await h.test.runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'winwin'));
    await h.test.runtime.db
      .update(workspaces)
      .set({ settings: { ...row!.settings, dunning: { retryDays: [2], finalAction: 'suspend' } } })
      .where(eq(workspaces.id, row!.id));
    const order = await subscribeWithFailingCard('suspendu@example.ch');
    await advance(366);
    await eventually(async () => (await attempts(order.id)).join() === '1:failed,2:scheduled', 'one retry scheduled');
    await advance(2);
    const suspended = await eventually(async () => {
      const d = await h.order(winwin, order.id);
      return d.subscription.status === 'suspended' ? d : undefined;
    }, 'suspended after the last retry');
    expect(suspended.subscription.cancelledAt).toBeNull();
    await eventually(async () => (await h.mailsTo('suspendu@example.ch', 'payments.subscription-ended')) === 1, 'the suspension mail');
  });
});
