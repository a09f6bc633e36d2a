import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { seedCatalogDemo } from '../../catalog/seed/seed-catalog-demo.ts';
import { mailMessages } from '../../platform/schema.ts';
import type { App } from '../../platform/module.ts';
import { orders } from '../../sales/schema.ts';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../test/support/identity-fixtures.ts';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';

/**
 * A running Comptoir for payment tests: workers on, listening on a loopback port so the sandbox delivers its signed
 * webhooks over real HTTP to the real endpoint, with the demo workspaces and catalog.
 */
/** The order detail answer as JSON; tests read it field by field. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed HTTP answer, checked by the assertions that read it
export type OrderDetailJson = Record<string, any>;

export interface PaymentsHarness {
  test: TestRuntime;
  app: App;
  baseUrl: string;
  signIn(email: string): Promise<SignedIn>;
  createOrder(actor: SignedIn, body: object): Promise<{ id: string; number: string; totalInclTax: number; status: string }>;
  checkout(actor: SignedIn, orderId: string): Promise<{ kind: string; url: string | null; status: string }>;
  pay(checkoutUrl: string, cardNumber: string): Promise<{ statusCode: number; body: { redirectUrl?: string; detail?: string } }>;
  order(actor: SignedIn, orderId: string): Promise<OrderDetailJson>;
  waitForOrder(actor: SignedIn, orderId: string, status: string): Promise<OrderDetailJson>;
  mailsTo(to: string, template: string): Promise<number>;
  close(): Promise<void>;
}

export async function startPaymentsHarness(options: { clock?: { now(): Date } } = {}): Promise<PaymentsHarness> {
  const test = await startTestRuntime({ work: true, config: { JOBS_POLL_SECONDS: '0.5', JOBS_RETRY_DELAY_SECONDS: '1' }, ...(options.clock ? { clock: options.clock } : {}) });
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  const app = await test.app();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  test.runtime.config.SANDBOX_WEBHOOK_URL = `${baseUrl}/api/payments/webhooks/sandbox`;

  const harness: PaymentsHarness = {
    test,
    app,
    baseUrl,
    signIn: (email) => signIn(app, email),
    async createOrder(actor, body) {
      const response = await app.inject({ method: 'POST', url: '/api/sales/orders', headers: actor.headers, payload: body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    async checkout(actor, orderId) {
      const response = await app.inject({ method: 'POST', url: `/api/sales/orders/${orderId}/checkout`, headers: actor.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    async pay(checkoutUrl, cardNumber) {
      const sessionId = checkoutUrl.split('/').at(-1)!;
      const response = await app.inject({ method: 'POST', url: `/api/public/sandbox/checkout/${sessionId}/pay`, payload: { cardNumber } });
      return { statusCode: response.statusCode, body: response.json() };
    },
    async order(actor, orderId) {
      const response = await app.inject({ method: 'GET', url: `/api/sales/orders/${orderId}`, headers: actor.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    async waitForOrder(actor, orderId, status) {
      return eventually(async () => {
        const detail = await harness.order(actor, orderId);
        return detail.order.status === status ? detail : undefined;
      }, `order ${orderId} to be ${status}`);
    },
    async mailsTo(to, template) {
      const rows = await test.runtime.db
        .select({ id: mailMessages.id })
        .from(mailMessages)
        .where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template)));
      return rows.length;
    },
    async close() {
      await app.close();
      await test.close();
    },
  };
  return harness;
}

export async function orderRow(harness: PaymentsHarness, orderId: string) {
  const [row] = await harness.test.runtime.db.select().from(orders).where(eq(orders.id, orderId));
  return row!;
}
