import { INVOICE_ISSUED_TOPIC } from '../../invoicing/issue/issue-invoices.ts';
import { PAYMENT_REFUNDED_TOPIC, PAYMENT_SUCCEEDED_TOPIC } from '../../payments/settlement/payment-rows.ts';
import { defineHandler } from '../../platform/jobs/handlers.ts';
import { postInvoice, postPayment, postRefund } from './post-business-events.ts';

/** Entries from business events (outbox). Each posting has a unique source key: a redelivered event posts nothing. */
export const postInvoiceHandler = defineHandler<{ invoiceId: string }>({
  name: 'accounting.post-invoice',
  topics: [INVOICE_ISSUED_TOPIC],
  async handle({ tx, event }) {
    await postInvoice(tx, event.payload.invoiceId);
  },
});

export const postPaymentHandler = defineHandler<{ paymentId: string; refundedBefore?: number; refundedAfter?: number }>({
  name: 'accounting.post-payment',
  topics: [PAYMENT_SUCCEEDED_TOPIC, PAYMENT_REFUNDED_TOPIC],
  async handle({ tx, event }) {
    if (event.topic === PAYMENT_SUCCEEDED_TOPIC) await postPayment(tx, event.payload.paymentId);
    else await postRefund(tx, event.payload.paymentId, event.payload.refundedBefore ?? 0, event.payload.refundedAfter ?? 0, new Date(event.occurredAt));
  },
});
