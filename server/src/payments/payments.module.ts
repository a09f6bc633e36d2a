import type { ComptoirModule } from '../platform/module.ts';
import { payOutMerchantsTask } from './marketplace/pay-out-merchants.ts';
import { merchantsRoutes } from './marketplace/merchants.routes.ts';
import { paymentsRoutes } from './payments.routes.ts';
import { seedPaymentsDemo } from './seed/seed-payments-demo.ts';
import { sendRefundHandler } from './refunds/send-refund.handler.ts';
import { deliverSandboxWebhookHandler } from './sandbox/deliver-sandbox-webhook.handler.ts';
import { sandboxRoutes } from './sandbox/sandbox.routes.ts';
import { cancelSubscriptionHandler } from './subscriptions/cancel-subscription.handler.ts';
import { runDunningTask } from './subscriptions/run-dunning.task.ts';
import { traceInvoicePaymentHandler } from './webhooks/trace-invoice-payment.handler.ts';
import { webhookInboxQueue } from './webhooks/webhook-inbox.queue.ts';
import { webhooksRoutes } from './webhooks/webhooks.routes.ts';

/** Issue #5: providers (Stripe, sandbox), checkout, the webhook inbox, refunds, dunning, marketplace split and payouts. */
export const paymentsModule: ComptoirModule = {
  name: 'payments',
  handlers: [traceInvoicePaymentHandler, deliverSandboxWebhookHandler, sendRefundHandler, cancelSubscriptionHandler],
  schedules: [runDunningTask, payOutMerchantsTask],
  tableQueues: [webhookInboxQueue],
  routes(app, runtime) {
    webhooksRoutes(app, runtime);
    paymentsRoutes(app, runtime);
    sandboxRoutes(app, runtime);
    merchantsRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedPaymentsDemo(runtime),
};
