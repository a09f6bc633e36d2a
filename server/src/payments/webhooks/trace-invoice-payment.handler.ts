import { sql } from 'drizzle-orm';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { providerNamed } from '../provider/provider-registry.ts';
import { WEBHOOK_INBOX_CHANNEL } from './webhook-inbox.queue.ts';

export const INVOICE_PAYMENT_UNTRACED_TOPIC = 'payments.invoice-payment.untraced';

/**
 * A renewal paid through an invoice that does not name its payment intent (Stripe's recent API versions): the intent
 * is asked from the provider (outside any transaction) and recorded on the payment. Without it, a refund of that
 * renewal could be neither sent (a refund names its intent) nor recognised when `charge.refunded` arrives (renewal
 * charges carry no Comptoir metadata); inbox events already waiting for that intent are retried at once.
 */
export const traceInvoicePaymentHandler = defineHandler<{ paymentId: string; invoiceId: string; provider: string }>({
  name: 'payments.trace-invoice-payment',
  topics: [INVOICE_PAYMENT_UNTRACED_TOPIC],
  async perform({ event, services }) {
    const provider = providerNamed(services, event.payload.provider);
    return provider ? provider.invoicePaymentIntent(event.payload.invoiceId) : null;
  },
  async handle({ tx, event, performed }) {
    if (typeof performed !== 'string' || !performed) return;
    await tx.execute(sql`update payments.payment set payment_intent_id = ${performed}, updated_at = now() where id = ${event.payload.paymentId} and payment_intent_id is null`);
    const waiting = await tx.execute(sql`
      update payments.webhook_event set next_attempt_at = now()
       where status = 'failed' and lock_key = ${`payment_intent:${performed}`}
       returning id`);
    if ((waiting as unknown as { rows: unknown[] }).rows.length > 0) await tx.execute(sql`select pg_notify(${WEBHOOK_INBOX_CHANNEL}, '')`);
  },
});
