import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorLabel } from '../../identity/access/auth-context.ts';
import { requireAuthenticated } from '../../identity/access/guards.ts';
import { companies } from '../../identity/schema.ts';
import { startCheckout } from '../../payments/checkout/start-checkout.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { customers, orderLines, orders, subscriptions } from '../schema.ts';
import { cancelSubscription, cancelUnpaidOrder, fulfilOrder } from './order-actions.ts';
import { createOrder } from './create-order.ts';
import { listOrders, loadOrderDetail, loadScopedOrder, toOrderSummary } from './order-queries.ts';
import { checkoutResultSchema, createOrderSchema, orderDetailSchema, orderListItemSchema, orderListQuerySchema, orderSummarySchema, publicOrderSchema } from './order-schemas.ts';

const tags = ['sales'];
const params = z.object({ orderId: z.uuid() });
const tokenParams = z.object({ token: z.string().min(20).max(64) });

export function ordersRoutes(app: App, runtime: Runtime): void {
  app.post(
    '/api/sales/orders',
    { schema: { tags, summary: 'Create an order from a quote (the price and version are frozen in it)', body: createOrderSchema, response: { 201: orderSummarySchema } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      const order = await createOrder(runtime, request.auth, request.body);
      return reply.status(201).send(toOrderSummary(order));
    },
  );

  app.get(
    '/api/sales/orders',
    { schema: { tags, summary: 'Orders, newest first, with filters', querystring: orderListQuerySchema, response: { 200: z.object({ items: z.array(orderListItemSchema), total: z.number().int() }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return listOrders(runtime.db, request.auth, request.query);
    },
  );

  app.get(
    '/api/sales/orders/:orderId',
    { schema: { tags, summary: 'An order with its lines, payments, refunds, subscription, dunning, ledger and event timeline', params, response: { 200: orderDetailSchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return loadOrderDetail(runtime.db, request.auth, request.params.orderId);
    },
  );

  app.post(
    '/api/sales/orders/:orderId/checkout',
    { schema: { tags, summary: 'Open the payment (checkout URL), or confirm a free order at once', params, response: { 200: checkoutResultSchema } } },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const order = await loadScopedOrder(runtime.db, auth, request.params.orderId, 'sales.write');
      return checkoutAnswer(await startCheckout(runtime, order.id, { auth, actorLabel: actorLabel(auth) }));
    },
  );

  app.post(
    '/api/sales/orders/:orderId/cancel',
    { schema: { tags, summary: 'Cancel an unpaid order', params, response: { 200: orderSummarySchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return toOrderSummary(await cancelUnpaidOrder(runtime, request.auth, request.params.orderId));
    },
  );

  app.post(
    '/api/sales/orders/:orderId/fulfil',
    { schema: { tags, summary: 'Mark a paid order as delivered', params, response: { 200: orderSummarySchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return toOrderSummary(await fulfilOrder(runtime, request.auth, request.params.orderId));
    },
  );

  app.post(
    '/api/sales/orders/:orderId/subscription/cancel',
    { schema: { tags, summary: 'End the order’s subscription, at period end or now', params, body: z.object({ atPeriodEnd: z.boolean().default(true) }), response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await cancelSubscription(runtime, request.auth, request.params.orderId, { atPeriodEnd: request.body.atPeriodEnd, by: 'staff' });
      return reply.status(204).send(null);
    },
  );

  // The customer's pages: reached by the order's opaque token, never by its id.
  app.get(
    '/api/public/orders/:token',
    { schema: { tags, summary: 'The customer’s view of an order (payment, success, cancel and failure pages)', params: tokenParams, response: { 200: publicOrderSchema } }, config: { public: true } },
    async (request) => publicOrder(runtime, request.params.token),
  );

  app.post(
    '/api/public/orders/:token/checkout',
    { schema: { tags, summary: 'The customer pays: opens the checkout, or confirms a free order', params: tokenParams, response: { 200: checkoutResultSchema } }, config: { public: true } },
    async (request) => {
      const order = await orderByToken(runtime, request.params.token);
      return checkoutAnswer(await startCheckout(runtime, order.id, { auth: request.auth, actorLabel: `client ${order.number}` }));
    },
  );

  app.post(
    '/api/public/orders/:token/subscription/cancel',
    { schema: { tags, summary: 'The customer ends their subscription at the end of the paid period', params: tokenParams, response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      const order = await orderByToken(runtime, request.params.token);
      await cancelSubscription(runtime, { kind: 'anonymous', requestId: request.auth.requestId }, order.id, { atPeriodEnd: true, by: 'customer' });
      return reply.status(204).send(null);
    },
  );
}

function checkoutAnswer(result: Awaited<ReturnType<typeof startCheckout>>) {
  return result.kind === 'redirect' ? { kind: 'redirect' as const, url: result.url, status: 'awaiting_payment' as const } : { kind: 'settled' as const, url: null, status: result.order.status };
}

async function orderByToken(runtime: Runtime, token: string) {
  const [order] = await runtime.db.select().from(orders).where(eq(orders.publicToken, token));
  if (!order) throw new ProblemError('notFound', 'Commande introuvable.');
  return order;
}

async function publicOrder(runtime: Runtime, token: string) {
  const order = await orderByToken(runtime, token);
  const [[company], [customer], lines, [subscription]] = await Promise.all([
    runtime.db.select({ name: companies.brandName }).from(companies).where(eq(companies.id, order.companyId)),
    runtime.db.select({ name: customers.name }).from(customers).where(eq(customers.id, order.customerId)),
    runtime.db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.position),
    runtime.db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)),
  ]);
  return {
    number: order.number,
    status: order.status,
    kind: order.kind,
    currency: order.currency,
    totalExclTax: order.totalExclTax,
    totalTax: order.totalTax,
    totalInclTax: order.totalInclTax,
    interval: order.interval,
    intervalCount: order.intervalCount,
    companyName: company!.name,
    customerName: customer!.name,
    lines: lines.map((line) => ({ description: line.description, quantity: line.quantity, amountInclTax: line.amountInclTax, recurrence: line.recurrence })),
    lastPaymentError: order.lastPaymentError,
    subscription: subscription ? { status: subscription.status, currentPeriodEnd: subscription.currentPeriodEnd, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd } : null,
    canPay: !order.paidAt && !order.cancelledAt,
  };
}
