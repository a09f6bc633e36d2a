import { and, eq } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { dateInZone } from '../../catalog/pricing/zoned-date.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { nextNumber } from '../../platform/db/next-number.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { paymentAttempts } from '../../payments/schema.ts';
import { customers, orders } from '../../sales/schema.ts';
import type { InvoiceDocument } from '../formats/invoice-document.ts';
import { creditNoteContent } from '../rules/credit-note-split.ts';
import { formatInvoiceNumber } from '../rules/invoice-number.ts';
import { invoices, invoicingSettings } from '../schema.ts';
import { buildPaidInvoiceDocument, buyerParty, frenchDate, sellerParty } from './build-invoice-document.ts';

export const INVOICE_ISSUED_TOPIC = 'invoicing.invoice.issued';
const SYSTEM: AuthContext = { kind: 'anonymous', requestId: 'invoicing' };

export type InvoiceRow = typeof invoices.$inferSelect;

/** Thrown when a credit note's invoice is not issued yet: the job retries. */
export class InvoiceNotIssuedYet extends Error {}

/**
 * Locks the payment's order, then the payment — the order in which the webhook inbox takes them — so issuing a
 * document and applying a provider event on the same order queue up instead of deadlocking.
 */
async function lockPayment(tx: DbOrTx, paymentId: string): Promise<void> {
  const [payment] = await tx.select({ orderId: paymentAttempts.orderId }).from(paymentAttempts).where(eq(paymentAttempts.id, paymentId));
  if (!payment) return;
  await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, payment.orderId)).for('update');
  await tx.select({ id: paymentAttempts.id }).from(paymentAttempts).where(eq(paymentAttempts.id, paymentId)).for('update');
}

async function settingsOf(tx: DbOrTx, companyId: string) {
  await tx.insert(invoicingSettings).values({ companyId }).onConflictDoNothing();
  const [settings] = await tx.select().from(invoicingSettings).where(eq(invoicingSettings.companyId, companyId));
  return settings!;
}

/**
 * Takes the next number of the company's counter for the kind and year — in the caller's transaction, so the number
 * and the invoice commit together or not at all (gap-free under any concurrency: the counter row is locked until commit).
 */
async function number(tx: DbOrTx, companyId: string, kind: 'invoice' | 'credit_note', prefix: string, issueDate: string) {
  const year = Number(issueDate.slice(0, 4));
  const sequence = await nextNumber(tx, { scopeId: companyId, kind, year });
  return { year, sequence, number: formatInvoiceNumber(prefix, year, sequence) };
}

async function insertIssued(tx: DbOrTx, row: typeof invoices.$inferInsert & { document: InvoiceDocument }): Promise<InvoiceRow> {
  const [created] = await tx.insert(invoices).values(row).returning();
  await appendAudit(tx, SYSTEM, { action: 'issue', tableName: 'invoicing.invoice', recordId: created!.id, companyId: created!.companyId, after: { number: created!.number, kind: created!.kind, totalInclTax: created!.totalInclTax } }, { workspaceId: created!.workspaceId, actorLabel: 'system:invoicing' });
  await recordEvent(tx, { topic: INVOICE_ISSUED_TOPIC, payload: { invoiceId: created!.id }, workspaceId: created!.workspaceId, actor: 'system:invoicing' });
  return created!;
}

/** The paid invoice of a collected payment (checkout or renewal), once: its source key is the payment. */
export async function issueInvoiceForPayment(tx: DbOrTx, services: Services, paymentId: string): Promise<InvoiceRow | undefined> {
  const sourceKey = `payment:${paymentId}`;
  // Two issuers of one payment (the invoice job and a credit note's) queue here; the second finds the invoice.
  await lockPayment(tx, paymentId);
  const [existing] = await tx.select().from(invoices).where(eq(invoices.sourceKey, sourceKey));
  if (existing) return existing;
  const [row] = await tx
    .select({ payment: paymentAttempts, order: orders, customer: customers, company: companies })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .where(eq(paymentAttempts.id, paymentId));
  if (!row || row.payment.status !== 'succeeded' || row.payment.amount === 0) return undefined;
  const { payment, order, customer, company } = row;
  const settings = await settingsOf(tx, company.id);
  const issueDate = dateInZone(services.clock.now(), company.timeZone);
  const numbered = await number(tx, company.id, 'invoice', settings.invoicePrefix, issueDate);
  const document = buildPaidInvoiceDocument({
    number: numbered.number,
    issueDate,
    company,
    settings,
    customer,
    order,
    amountPaid: payment.amount,
    paidOn: dateInZone(payment.succeededAt ?? services.clock.now(), company.timeZone),
  });
  return insertIssued(tx, {
    workspaceId: order.workspaceId,
    companyId: company.id,
    kind: 'invoice',
    ...numbered,
    issueDate,
    orderId: order.id,
    customerId: customer.id,
    paymentId: payment.id,
    sourceKey,
    currency: order.currency,
    totalExclTax: document.totals.taxExclusive,
    totalTax: document.totals.tax,
    totalInclTax: document.totals.taxInclusive,
    document,
  });
}

/**
 * The credit note of a refund: the payment's refunded total went from `refundedBefore` to `refundedAfter`, so the
 * difference is credited against the payment's invoice. Keyed by the new total, so each rise makes one credit note.
 */
export async function issueCreditNoteForRefund(tx: DbOrTx, services: Services, input: { paymentId: string; refundedBefore: number; refundedAfter: number }): Promise<InvoiceRow | undefined> {
  const sourceKey = `refund:${input.paymentId}:${input.refundedAfter}`;
  await lockPayment(tx, input.paymentId);
  const [existing] = await tx.select().from(invoices).where(eq(invoices.sourceKey, sourceKey));
  if (existing) return existing;
  const [invoice] = await tx.select().from(invoices).where(and(eq(invoices.paymentId, input.paymentId), eq(invoices.kind, 'invoice')));
  if (!invoice) throw new InvoiceNotIssuedYet(`The invoice of payment ${input.paymentId} is not issued yet`);
  const amount = input.refundedAfter - input.refundedBefore;
  const content = creditNoteContent(invoice.document, amount);
  const [company] = await tx.select().from(companies).where(eq(companies.id, invoice.companyId));
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  const settings = await settingsOf(tx, invoice.companyId);
  const issueDate = dateInZone(services.clock.now(), company!.timeZone);
  const numbered = await number(tx, invoice.companyId, 'credit_note', settings.creditNotePrefix, issueDate);
  const language = invoice.document.language;
  const document: InvoiceDocument = {
    ...invoice.document,
    kind: 'credit_note',
    number: numbered.number,
    issueDate,
    deliveryDate: invoice.document.deliveryDate ?? null,
    dueDate: issueDate,
    seller: sellerParty(company!, settings),
    buyer: buyerParty(customer!),
    precedingInvoice: { number: invoice.number, issueDate: invoice.issueDate },
    lines: content.lines,
    vatBreakdown: content.vatBreakdown,
    totals: { lineTotal: content.totals.taxExclusive, ...content.totals, prepaid: content.totals.taxInclusive, dueAmount: 0 },
    paymentTerms: language === 'en' ? `Refunded to the payment card on ${frenchDate(issueDate)}.` : `Remboursé sur la carte de paiement le ${frenchDate(issueDate)}.`,
    paid: true,
  };
  return insertIssued(tx, {
    workspaceId: invoice.workspaceId,
    companyId: invoice.companyId,
    kind: 'credit_note',
    ...numbered,
    issueDate,
    orderId: invoice.orderId,
    customerId: invoice.customerId,
    paymentId: input.paymentId,
    creditedInvoiceId: invoice.id,
    sourceKey,
    currency: invoice.currency,
    totalExclTax: document.totals.taxExclusive,
    totalTax: document.totals.tax,
    totalInclTax: document.totals.taxInclusive,
    document,
  });
}
