/**
 * Drives the Stripe adapter through the real SDK against a local HTTP server that records what Stripe would receive
 * and answers with Stripe-shaped JSON. (nock 15 cannot intercept here: its @mswjs/interceptors needs Node 22.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.ts';
import { type CreateCheckoutInput, type PaymentProvider, WebhookSignatureError } from './payment-provider.ts';
import { METADATA } from './provider-event.ts';
import {
  createStripeProvider,
  STRIPE_API_VERSION,
  StripeProviderError,
  transferredPercent,
  withCheckoutSessionId,
} from './stripe-provider.ts';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET_KEY = 'sk_test_comptoir_secret_key';
const WEBHOOK_SECRET = 'whsec_comptoir_test';

interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The form-encoded body, decoded into `key[sub][0]=value` pairs exactly as Stripe parses them. */
  form: Record<string, string>;
}
type Answer = { status: number; body: unknown } | 'reset';

let server: http.Server;
let apiUrl: string;
let requests: Recorded[];
let answers: Answer[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form });
      const answer = answers.shift() ?? { status: 404, body: stripeError('invalid_request_error', 'No answer queued', 'resource_missing') };
      if (answer === 'reset') return void req.socket.destroy(); // what a dropped connection looks like to the client
      res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  answers = [];
});

function provider(env: Record<string, string> = {}): PaymentProvider {
  return createStripeProvider(
    loadConfig({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: apiUrl, ...env }),
  );
}

function stripeError(type: string, message: string, code?: string, extra: Record<string, string> = {}) {
  return { error: { type, message, ...(code ? { code } : {}), ...extra } };
}

const session = {
  id: 'cs_test_a1',
  object: 'checkout.session',
  url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
  expires_at: 1_893_456_000,
  status: 'open',
};
const metadata = { [METADATA.orderId]: 'ord_1', [METADATA.workspaceId]: 'ws_1', [METADATA.paymentId]: 'pay_1' };
const paymentCheckout: CreateCheckoutInput = {
  mode: 'payment',
  currency: 'EUR',
  lines: [
    { description: 'Assurance habitation — formule Sérénité', unitAmount: 12_000, quantity: 1 },
    { description: 'Frais de dossier', unitAmount: 1_500, quantity: 2 },
  ],
  customer: { email: 'chloe@example.fr', name: 'Chloé Martin' },
  successUrl: 'https://shop.example/paid',
  cancelUrl: 'https://shop.example/cart',
  metadata,
  destination: { accountId: 'acct_merchant', applicationFeeAmount: 1_500 },
  idempotencyKey: 'checkout:pay_1',
};

describe('Stripe provider: checkout', () => {
  it('creates a payment session with line items, metadata on session and payment intent, and a destination charge', async () => {
    answers.push({ status: 200, body: session });
    const ref = await provider().createCheckout(paymentCheckout);

    expect(ref).toEqual({ id: 'cs_test_a1', url: session.url, expiresAt: new Date(1_893_456_000_000) });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/checkout/sessions');
    expect(request!.headers['idempotency-key']).toBe('checkout:pay_1');
    expect(request!.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(request!.headers['stripe-version']).toBe('2026-10-28.endive');
    expect(request!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.form).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '12000',
      'line_items[0][price_data][product_data][name]': 'Assurance habitation — formule Sérénité',
      'line_items[1][quantity]': '2',
      'line_items[1][price_data][currency]': 'eur',
      'line_items[1][price_data][unit_amount]': '1500',
      'line_items[1][price_data][product_data][name]': 'Frais de dossier',
      customer_email: 'chloe@example.fr',
      success_url: 'https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example/cart',
      'metadata[comptoir_order_id]': 'ord_1',
      'metadata[comptoir_workspace_id]': 'ws_1',
      'metadata[comptoir_payment_id]': 'pay_1',
      'payment_intent_data[metadata][comptoir_order_id]': 'ord_1',
      'payment_intent_data[metadata][comptoir_workspace_id]': 'ws_1',
      'payment_intent_data[metadata][comptoir_payment_id]': 'pay_1',
      'payment_intent_data[application_fee_amount]': '1500',
      'payment_intent_data[transfer_data][destination]': 'acct_merchant',
    });
  });

  it('creates a subscription session: recurring prices, known customer, metadata on the subscription, merchant share', async () => {
    answers.push({ status: 200, body: { ...session, id: 'cs_test_sub' } });
    await provider().createCheckout({
      ...paymentCheckout,
      mode: 'subscription',
      currency: 'CHF',
      lines: [{ description: 'Abonnement mensuel', unitAmount: 4_000, quantity: 1 }],
      recurring: { interval: 'month', intervalCount: 1 },
      customer: { email: 'chloe@example.fr', name: 'Chloé Martin', providerCustomerId: 'cus_42' },
      successUrl: 'https://shop.example/paid?order=ord_1#done',
      destination: { accountId: 'acct_merchant', applicationFeeAmount: 400 },
      idempotencyKey: 'checkout:pay_2',
    });

    expect(requests[0]!.headers['idempotency-key']).toBe('checkout:pay_2');
    expect(requests[0]!.form).toEqual({
      mode: 'subscription',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'chf',
      'line_items[0][price_data][unit_amount]': '4000',
      'line_items[0][price_data][product_data][name]': 'Abonnement mensuel',
      'line_items[0][price_data][recurring][interval]': 'month',
      'line_items[0][price_data][recurring][interval_count]': '1',
      customer: 'cus_42',
      success_url: 'https://shop.example/paid?order=ord_1&session_id={CHECKOUT_SESSION_ID}#done',
      cancel_url: 'https://shop.example/cart',
      'metadata[comptoir_order_id]': 'ord_1',
      'metadata[comptoir_workspace_id]': 'ws_1',
      'metadata[comptoir_payment_id]': 'pay_1',
      'subscription_data[metadata][comptoir_order_id]': 'ord_1',
      'subscription_data[metadata][comptoir_workspace_id]': 'ws_1',
      'subscription_data[metadata][comptoir_payment_id]': 'pay_1',
      'subscription_data[transfer_data][destination]': 'acct_merchant',
      'subscription_data[transfer_data][amount_percent]': '90',
    });
  });

  it('adds no fee or destination with separate transfers (the merchant is paid at payout)', async () => {
    answers.push({ status: 200, body: session }, { status: 200, body: session });
    const separate = provider({ STRIPE_CONNECT_CHARGES: 'separate_transfers' });
    await separate.createCheckout(paymentCheckout);
    await separate.createCheckout({ ...paymentCheckout, mode: 'subscription', recurring: { interval: 'year', intervalCount: 1 } });

    const keys = requests.flatMap((request) => Object.keys(request.form));
    expect(keys.filter((key) => /application_fee|transfer_data/.test(key))).toEqual([]);
    expect(requests[0]!.form['payment_intent_data[metadata][comptoir_payment_id]']).toBe('pay_1');
    expect(requests[1]!.form['subscription_data[metadata][comptoir_payment_id]']).toBe('pay_1');
  });

  it('sends the same idempotency key again when retrying after a 500', async () => {
    answers.push({ status: 500, body: stripeError('api_error', 'Something went wrong on our end') }, { status: 200, body: session });
    const ref = await provider().createCheckout(paymentCheckout);

    expect(ref.id).toBe('cs_test_a1');
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual(['checkout:pay_1', 'checkout:pay_1']);
    expect(requests[1]!.form).toEqual(requests[0]!.form);
  });

  it('sends the same idempotency key again when retrying after a connection reset', async () => {
    answers.push('reset', { status: 200, body: { id: 're_1', object: 'refund', status: 'succeeded' } });
    const refund = await provider().refund({
      paymentIntentId: 'pi_1',
      amount: 500,
      reverseTransfer: false,
      refundApplicationFee: false,
      metadata: { [METADATA.refundId]: 'ref_1' },
      idempotencyKey: 'refund:ref_1',
    });

    expect(refund).toEqual({ id: 're_1', status: 'succeeded' });
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual(['refund:ref_1', 'refund:ref_1']);
  });

  it("surfaces Stripe's message and code, never the secret key", async () => {
    answers.push({ status: 400, body: stripeError('invalid_request_error', 'No such destination: acct_gone', 'resource_missing') });
    const error = await provider().createCheckout(paymentCheckout).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StripeProviderError);
    expect(error).toMatchObject({
      message: 'Stripe checkout failed: No such destination: acct_gone (resource_missing)',
      code: 'resource_missing',
      statusCode: 400,
      requestId: 'req_1',
    });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(requests).toHaveLength(1); // a 400 is not retried
  });

  it('rejects a subscription without a billing cycle before calling Stripe', async () => {
    await expect(provider().createCheckout({ ...paymentCheckout, mode: 'subscription' })).rejects.toThrow(/billing cycle/);
    expect(requests).toHaveLength(0);
  });
});

describe('Stripe provider: refunds, subscriptions, invoices', () => {
  const refund = { paymentIntentId: 'pi_1', amount: 2_500, metadata: { [METADATA.refundId]: 'ref_1' }, idempotencyKey: 'refund:ref_1' };

  it('sends the Connect flags only when asked and maps the status', async () => {
    answers.push({ status: 200, body: { id: 're_1', object: 'refund', status: 'pending' } });
    answers.push({ status: 200, body: { id: 're_2', object: 'refund', status: 'failed' } });
    const stripe = provider();
    const first = await stripe.refund({ ...refund, reason: 'requested_by_customer', reverseTransfer: true, refundApplicationFee: true });
    const second = await stripe.refund({ ...refund, reverseTransfer: false, refundApplicationFee: false, idempotencyKey: 'refund:ref_2' });

    expect([first, second]).toEqual([
      { id: 're_1', status: 'pending' },
      { id: 're_2', status: 'failed' },
    ]);
    expect(requests[0]!.path).toBe('/v1/refunds');
    expect(requests[0]!.headers['idempotency-key']).toBe('refund:ref_1');
    expect(requests[0]!.form).toEqual({
      payment_intent: 'pi_1',
      amount: '2500',
      reason: 'requested_by_customer',
      reverse_transfer: 'true',
      refund_application_fee: 'true',
      'metadata[comptoir_refund_id]': 'ref_1',
    });
    expect(requests[1]!.form).toEqual({ payment_intent: 'pi_1', amount: '2500', 'metadata[comptoir_refund_id]': 'ref_1' });
  });

  it('cancels at period end with an update, and now with a cancel', async () => {
    const subscription = { id: 'sub_1', object: 'subscription', status: 'active', cancel_at_period_end: true };
    answers.push({ status: 200, body: subscription }, { status: 200, body: { ...subscription, status: 'canceled' } });
    const stripe = provider();
    await stripe.cancelSubscription({ subscriptionId: 'sub_1', atPeriodEnd: true, idempotencyKey: 'cancel:sub_1:end' });
    await stripe.cancelSubscription({ subscriptionId: 'sub_1', atPeriodEnd: false, idempotencyKey: 'cancel:sub_1:now' });

    expect(requests.map(({ method, path, form }) => ({ method, path, form }))).toEqual([
      { method: 'POST', path: '/v1/subscriptions/sub_1', form: { cancel_at_period_end: 'true' } },
      { method: 'DELETE', path: '/v1/subscriptions/sub_1', form: {} },
    ]);
    expect(requests[0]!.headers['idempotency-key']).toBe('cancel:sub_1:end');
  });

  it('pays an invoice again: paid, declined (failed, not thrown), other errors thrown', async () => {
    answers.push({ status: 200, body: { id: 'in_1', object: 'invoice', status: 'paid' } });
    answers.push({
      status: 402,
      body: stripeError('card_error', 'Your card has insufficient funds.', 'card_declined', { decline_code: 'insufficient_funds' }),
    });
    answers.push({ status: 400, body: stripeError('invalid_request_error', 'Invoice is already paid', 'invoice_already_paid') });
    const stripe = provider();

    await expect(stripe.retryInvoice({ invoiceId: 'in_1', idempotencyKey: 'dunning:in_1:1' })).resolves.toEqual({ status: 'paid' });
    await expect(stripe.retryInvoice({ invoiceId: 'in_1', idempotencyKey: 'dunning:in_1:2' })).resolves.toEqual({ status: 'failed' });
    await expect(stripe.retryInvoice({ invoiceId: 'in_1', idempotencyKey: 'dunning:in_1:3' })).rejects.toThrow(
      'Stripe invoice payment failed: Invoice is already paid (invoice_already_paid)',
    );
    expect(requests.map((request) => [request.method, request.path, request.headers['idempotency-key']])).toEqual([
      ['POST', '/v1/invoices/in_1/pay', 'dunning:in_1:1'],
      ['POST', '/v1/invoices/in_1/pay', 'dunning:in_1:2'],
      ['POST', '/v1/invoices/in_1/pay', 'dunning:in_1:3'],
    ]);
  });
});

describe('Stripe provider: the payment intent of an invoice', () => {
  it('reads it from the invoice payments (recent API versions no longer put it on the invoice)', async () => {
    const payment = (id: string, status: string, intent: string | null) => ({
      id,
      object: 'invoice_payment',
      invoice: 'in_9',
      status,
      is_default: status === 'paid',
      amount_paid: status === 'paid' ? 18_500 : null,
      amount_requested: 18_500,
      currency: 'chf',
      livemode: false,
      created: 1_780_000_000,
      payment: intent ? { type: 'payment_intent', payment_intent: intent } : { type: 'payment_record', payment_record: 'prec_1' },
      status_transitions: { canceled_at: null, paid_at: status === 'paid' ? 1_780_000_100 : null },
    });
    answers.push({ status: 200, body: { object: 'list', url: '/v1/invoice_payments', has_more: false, data: [payment('inpay_1', 'paid', 'pi_renewal')] } });
    answers.push({ status: 200, body: { object: 'list', url: '/v1/invoice_payments', has_more: false, data: [payment('inpay_2', 'paid', null)] } });
    const stripe = provider();

    await expect(stripe.invoicePaymentIntent('in_9')).resolves.toBe('pi_renewal');
    await expect(stripe.invoicePaymentIntent('in_9')).resolves.toBeNull();
    expect(requests.map((request) => [request.method, request.path])).toEqual([
      ['GET', '/v1/invoice_payments?invoice=in_9&status=paid&limit=10'],
      ['GET', '/v1/invoice_payments?invoice=in_9&status=paid&limit=10'],
    ]);
  });
});

describe('Stripe provider: Connect', () => {
  const onboarding = {
    email: 'contact@atelier.example',
    businessName: 'Atelier Dupont',
    country: 'FR' as const,
    returnUrl: 'https://comptoir.example/merchants/m_1/onboarded',
    refreshUrl: 'https://comptoir.example/merchants/m_1/onboarding',
    idempotencyKey: 'merchant-account:m_1',
  };
  const link = { object: 'account_link', url: 'https://connect.stripe.com/setup/e/acct_new/abc', expires_at: 1_893_456_000 };

  it('creates an express account with card payments and transfers, then an onboarding link', async () => {
    answers.push({ status: 200, body: { id: 'acct_new', object: 'account', type: 'express' } }, { status: 200, body: link });
    const account = await provider().createConnectedAccount(onboarding);

    expect(account).toEqual({ id: 'acct_new', onboardingUrl: link.url });
    expect(requests[0]!.path).toBe('/v1/accounts');
    expect(requests[0]!.headers['idempotency-key']).toBe('merchant-account:m_1');
    expect(requests[0]!.form).toEqual({
      type: 'express',
      country: 'FR',
      email: 'contact@atelier.example',
      'business_profile[name]': 'Atelier Dupont',
      'capabilities[card_payments][requested]': 'true',
      'capabilities[transfers][requested]': 'true',
    });
    expect(requests[1]!.path).toBe('/v1/account_links');
    expect(requests[1]!.form).toEqual({
      account: 'acct_new',
      type: 'account_onboarding',
      return_url: onboarding.returnUrl,
      refresh_url: onboarding.refreshUrl,
    });
  });

  it('only makes a new link when the merchant already has an account', async () => {
    answers.push({ status: 200, body: link });
    const account = await provider().createConnectedAccount({ ...onboarding, accountId: 'acct_known' });

    expect(account).toEqual({ id: 'acct_known', onboardingUrl: link.url });
    expect(requests.map((request) => [request.path, request.form.account])).toEqual([['/v1/account_links', 'acct_known']]);
  });

  it('transfers to a connected account', async () => {
    answers.push({ status: 200, body: { id: 'tr_1', object: 'transfer' } });
    const transfer = await provider().createTransfer({
      accountId: 'acct_merchant',
      amount: 10_500,
      currency: 'EUR',
      description: 'Reversement commande ord_1',
      metadata: { [METADATA.orderId]: 'ord_1' },
      idempotencyKey: 'payout:ord_1',
    });

    expect(transfer).toEqual({ id: 'tr_1' });
    expect(requests[0]!.path).toBe('/v1/transfers');
    expect(requests[0]!.headers['idempotency-key']).toBe('payout:ord_1');
    expect(requests[0]!.form).toEqual({
      destination: 'acct_merchant',
      amount: '10500',
      currency: 'eur',
      description: 'Reversement commande ord_1',
      'metadata[comptoir_order_id]': 'ord_1',
    });
  });
});

describe('Stripe provider: webhooks', () => {
  const sdk = new Stripe(SECRET_KEY);
  const payload = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'checkout.session.completed',
    created: 1_893_456_000,
    livemode: false,
    api_version: STRIPE_API_VERSION,
    data: { object: { id: 'cs_test_a1', object: 'checkout.session', metadata } },
  });
  const now = () => Math.floor(Date.now() / 1000);
  const sdkHeader = (options: { payload?: string; secret?: string; timestamp?: number } = {}) =>
    sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, ...options });

  it('accepts a payload signed as Stripe signs it and returns the event', () => {
    const event = provider().parseWebhook(Buffer.from(payload), sdkHeader());
    expect(event).toMatchObject({ id: 'evt_1', type: 'checkout.session.completed', data: { object: { id: 'cs_test_a1' } } });
  });

  it.each([
    ['a tampered body', () => ({ body: payload.replace('cs_test_a1', 'cs_test_a2'), header: sdkHeader() })],
    ['a wrong secret', () => ({ body: payload, header: sdkHeader({ secret: 'whsec_someone_else' }) })],
    ['an old timestamp', () => ({ body: payload, header: sdkHeader({ timestamp: now() - 301 }) })],
    ['no signature', () => ({ body: payload, header: undefined })],
    ['a malformed header', () => ({ body: payload, header: 'v1=abc' })],
  ])('rejects %s with WebhookSignatureError', (_case, make) => {
    const { body, header } = make();
    expect(() => provider().parseWebhook(Buffer.from(body), header)).toThrow(WebhookSignatureError);
  });

  it('signs exactly as the SDK does (same header for the same timestamp)', () => {
    const timestamp = now();
    expect(signWebhookPayload(payload, WEBHOOK_SECRET, timestamp)).toBe(sdkHeader({ timestamp }));
  });

  it("accepts our signWebhookPayload header in the SDK's constructEvent (and so in the provider)", () => {
    const header = signWebhookPayload(payload, WEBHOOK_SECRET, now());
    expect(sdk.webhooks.constructEvent(payload, header, WEBHOOK_SECRET).id).toBe('evt_1');
    expect(provider().parseWebhook(Buffer.from(payload), header).id).toBe('evt_1');
  });

  it("accepts the SDK's generateTestHeaderString header in our verifyWebhookSignature", () => {
    const timestamp = now();
    expect(() => verifyWebhookSignature(Buffer.from(payload), sdkHeader({ timestamp }), WEBHOOK_SECRET, timestamp)).not.toThrow();
    expect(() => verifyWebhookSignature(Buffer.from(`${payload} `), sdkHeader({ timestamp }), WEBHOOK_SECRET, timestamp)).toThrow(
      WebhookSignatureError,
    );
  });
});

describe('Stripe provider: helpers', () => {
  it.each([
    ['https://shop.example/paid', 'https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}'],
    ['https://shop.example/paid?order=1', 'https://shop.example/paid?order=1&session_id={CHECKOUT_SESSION_ID}'],
    ['https://shop.example/paid?', 'https://shop.example/paid?session_id={CHECKOUT_SESSION_ID}'],
    ['https://shop.example/paid?a=1&', 'https://shop.example/paid?a=1&session_id={CHECKOUT_SESSION_ID}'],
    ['https://shop.example/#/paid?x=1', 'https://shop.example/?session_id={CHECKOUT_SESSION_ID}#/paid?x=1'],
    ['https://shop.example/p?s={CHECKOUT_SESSION_ID}', 'https://shop.example/p?s={CHECKOUT_SESSION_ID}'],
  ])('adds the session id to %s', (url, expected) => {
    expect(withCheckoutSessionId(url)).toBe(expected);
  });

  it("computes the merchant's share, rounded in the merchant's favour when the fee is not an exact percentage", () => {
    expect(transferredPercent(400, 4_000)).toBe(90);
    expect(transferredPercent(1_234, 10_000)).toBe(87.66);
    expect(transferredPercent(0, 4_000)).toBe(100);
    expect(transferredPercent(4_000, 4_000)).toBe(0);
    expect(transferredPercent(1, 3_000)).toBe(99.97); // 99.9666… → the platform keeps 0.03 % ≤ 1/3000
    expect(() => transferredPercent(5_000, 4_000)).toThrow(/application fee/);
  });
});
