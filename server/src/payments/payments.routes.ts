import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requireAuthenticated } from '../identity/access/guards.ts';
import { inCompanyScope } from '../identity/access/scope.ts';
import type { App, Runtime } from '../platform/module.ts';
import { customers, orders } from '../sales/schema.ts';
import { loadScopedOrder } from '../sales/orders/order-queries.ts';
import { refundSchema } from '../sales/orders/order-schemas.ts';
import { requestRefund } from './refunds/request-refund.ts';
import { PAYMENT_STATUSES, paymentAttempts } from './schema.ts';

const tags = ['payments'];

export function paymentsRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/payments/payments',
    {
      schema: {
        tags,
        summary: 'Payments (checkouts, renewals, free confirmations), newest first',
        querystring: z.object({
          status: z.enum(PAYMENT_STATUSES).optional(),
          companyId: z.uuid().optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                orderId: z.uuid(),
                orderNumber: z.string(),
                customerName: z.string(),
                kind: z.enum(['checkout', 'renewal', 'free']),
                provider: z.string(),
                status: z.enum(PAYMENT_STATUSES),
                amount: z.number().int(),
                refundedAmount: z.number().int(),
                currency: z.enum(['EUR', 'CHF']),
                failureMessage: z.string().nullable(),
                succeededAt: z.date().nullable(),
                createdAt: z.date(),
              }),
            ),
            total: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const q = request.query;
      const conditions: SQL[] = [inCompanyScope({ workspaceId: orders.workspaceId, companyId: orders.companyId }, auth, 'payments.read')];
      if (q.status) conditions.push(eq(paymentAttempts.status, q.status));
      if (q.companyId) conditions.push(eq(orders.companyId, q.companyId));
      if (q.from) conditions.push(gte(paymentAttempts.createdAt, new Date(`${q.from}T00:00:00Z`)));
      if (q.to) conditions.push(lt(paymentAttempts.createdAt, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000)));
      const where = and(...conditions);
      const base = runtime.db.select({ payment: paymentAttempts, orderNumber: orders.number, customerName: customers.name }).from(paymentAttempts).innerJoin(orders, eq(orders.id, paymentAttempts.orderId)).innerJoin(customers, eq(customers.id, orders.customerId));
      const [rows, [total]] = await Promise.all([
        base.where(where).orderBy(desc(paymentAttempts.createdAt)).limit(q.limit).offset(q.offset),
        runtime.db.select({ value: count() }).from(paymentAttempts).innerJoin(orders, eq(orders.id, paymentAttempts.orderId)).where(where),
      ]);
      return { items: rows.map((row) => ({ ...row.payment, orderNumber: row.orderNumber, customerName: row.customerName })), total: total!.value };
    },
  );

  app.post(
    '/api/payments/orders/:orderId/refunds',
    {
      schema: {
        tags,
        summary: 'Refund an order, in full or in part (sent to the provider by a job, confirmed by its webhook)',
        params: z.object({ orderId: z.uuid() }),
        body: z.object({
          amount: z.number().int().min(1).optional(),
          reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent']).optional(),
          paymentId: z.uuid().optional(),
        }),
        response: { 201: refundSchema },
      },
    },
    async (request, reply) => {
      const { auth } = request;
      requireAuthenticated(auth);
      const order = await loadScopedOrder(runtime.db, auth, request.params.orderId, 'payments.refund');
      return reply.status(201).send(await requestRefund(runtime, auth, order.id, request.body));
    },
  );
}
