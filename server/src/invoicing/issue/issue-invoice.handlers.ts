import { defineHandler } from '../../platform/jobs/handlers.ts';
import { PAYMENT_REFUNDED_TOPIC, PAYMENT_SUCCEEDED_TOPIC } from '../../payments/settlement/payment-rows.ts';
import { issueCreditNoteForRefund, issueInvoiceForPayment } from './issue-invoices.ts';

/** Seed 000: a paid invoice ("facture acquittée") as soon as a payment is confirmed — checkout or renewal. */
export const issueInvoiceHandler = defineHandler<{ paymentId: string }>({
  name: 'invoicing.issue-invoice',
  topics: [PAYMENT_SUCCEEDED_TOPIC],
  async handle({ tx, event, services }) {
    await issueInvoiceForPayment(tx, services, event.payload.paymentId);
  },
});

/** A credit note for each refund, referencing the invoice it corrects (retried until that invoice exists). */
export const issueCreditNoteHandler = defineHandler<{ paymentId: string; refundedBefore: number; refundedAfter: number }>({
  name: 'invoicing.issue-credit-note',
  topics: [PAYMENT_REFUNDED_TOPIC],
  async handle({ tx, event, services }) {
    // The invoice may still be on its way (its job runs in parallel): make sure it exists first, in this transaction.
    await issueInvoiceForPayment(tx, services, event.payload.paymentId);
    await issueCreditNoteForRefund(tx, services, event.payload);
  },
});
