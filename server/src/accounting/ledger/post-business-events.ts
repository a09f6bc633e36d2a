import { and, eq } from 'drizzle-orm';
import { dateInZone } from '../../catalog/pricing/zoned-date.ts';
import { partners, products } from '../../catalog/schema.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { invoices } from '../../invoicing/schema.ts';
import { splitSale } from '../../payments/rules/marketplace-split.ts';
import { merchantAccounts, paymentAttempts } from '../../payments/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { customers, orders } from '../../sales/schema.ts';
import { invoiceEntry, type PaymentFacts, type PostingEntry, paymentEntry, providerFeeEntry, refundEntry } from '../rules/entries.ts';
import { resolveAccounts } from './mappings.ts';
import { type PostedEntry, postEntry } from './post-entry.ts';

const SYSTEM = { kind: 'anonymous' as const, requestId: 'accounting' };

async function post(tx: DbOrTx, scope: { workspaceId: string; companyId: string }, entry: PostingEntry): Promise<PostedEntry> {
  const posted = await postEntry(tx, scope, entry);
  if (posted.created) {
    await appendAudit(tx, SYSTEM, { action: 'post', tableName: 'accounting.entry', recordId: posted.id, companyId: scope.companyId, after: { number: posted.number, sourceKey: entry.sourceKey } }, { workspaceId: scope.workspaceId, actorLabel: 'system:accounting' });
  }
  return posted;
}

async function productOf(tx: DbOrTx, productId: string | null): Promise<{ sku: string | null; partnerName: string | null }> {
  if (!productId) return { sku: null, partnerName: null };
  const [row] = await tx.select({ sku: products.sku, partnerName: partners.name }).from(products).leftJoin(partners, eq(partners.id, products.partnerId)).where(eq(products.id, productId));
  return { sku: row?.sku ?? null, partnerName: row?.partnerName ?? null };
}

/** `invoicing.invoice.issued`: an invoice or a credit note (Annex F §4.1 and §5). */
export async function postInvoice(tx: DbOrTx, invoiceId: string): Promise<PostedEntry | undefined> {
  const [row] = await tx.select({ invoice: invoices, productId: orders.productId }).from(invoices).innerJoin(orders, eq(orders.id, invoices.orderId)).where(eq(invoices.id, invoiceId));
  if (!row) return undefined;
  const { invoice } = row;
  const product = await productOf(tx, row.productId);
  const accounts = await resolveAccounts(tx, invoice.companyId, row.productId, new Date(`${invoice.issueDate}T12:00:00Z`));
  const entry = invoiceEntry(
    {
      kind: invoice.kind,
      number: invoice.number,
      issueDate: invoice.issueDate,
      currency: invoice.currency,
      customerId: invoice.customerId,
      customerName: invoice.document.buyer.name,
      orderId: invoice.orderId,
      productSku: product.sku,
      vat: invoice.document.vatBreakdown.map((rate) => ({ vatRateBp: rate.vatRateBp, taxableAmount: rate.taxableAmount, taxAmount: rate.taxAmount })),
      totalInclTax: invoice.totalInclTax,
    },
    accounts.plan,
    accounts.plan.revenue,
    accounts.costCenter,
  );
  return post(tx, { workspaceId: invoice.workspaceId, companyId: invoice.companyId }, { ...entry, sourceKey: `invoice:${invoice.id}`, partnerName: product.partnerName });
}

async function paymentContext(tx: DbOrTx, paymentId: string) {
  const [row] = await tx
    .select({ payment: paymentAttempts, order: orders, customer: customers, company: companies })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .where(eq(paymentAttempts.id, paymentId));
  return row;
}

function paymentFacts(row: NonNullable<Awaited<ReturnType<typeof paymentContext>>>, sku: string | null, at: Date): PaymentFacts {
  return {
    paymentId: row.payment.id,
    date: dateInZone(at, row.company.timeZone),
    amount: row.payment.amount,
    currency: row.payment.currency,
    provider: row.payment.provider,
    customerId: row.customer.id,
    customerName: row.customer.name,
    orderId: row.order.id,
    orderNumber: row.order.number,
    productSku: sku,
  };
}

/**
 * `payments.payment.succeeded`: the money the provider now holds (D 511 / C 411), and for a marketplace order the
 * provider's fee it keeps (seed 000 B.2 split: D 627 / C 511).
 */
export async function postPayment(tx: DbOrTx, paymentId: string): Promise<PostedEntry[]> {
  const row = await paymentContext(tx, paymentId);
  if (row?.payment.status !== 'succeeded' || row.payment.amount === 0 || !row.payment.succeededAt) return [];
  const scope = { workspaceId: row.order.workspaceId, companyId: row.order.companyId };
  const product = await productOf(tx, row.order.productId);
  const { plan } = await resolveAccounts(tx, scope.companyId, row.order.productId, row.payment.succeededAt);
  const facts = paymentFacts(row, product.sku, row.payment.succeededAt);
  const posted = [await post(tx, scope, paymentEntry(facts, plan))];
  if (row.order.merchantCompanyId) {
    const [merchant] = await tx.select().from(merchantAccounts).where(and(eq(merchantAccounts.companyId, row.order.merchantCompanyId), eq(merchantAccounts.workspaceId, scope.workspaceId)));
    if (merchant) {
      const { providerFee } = splitSale(row.payment.amount, merchant);
      if (providerFee > 0) {
        posted.push(await post(tx, scope, providerFeeEntry({ sourceKey: `provider_fee:${paymentId}`, date: facts.date, provider: row.payment.provider, feeExclTax: providerFee, vatRateBp: 0, currency: facts.currency, pieceRef: row.order.number, contractRef: row.order.id }, plan)));
      }
    }
  }
  return posted;
}

/** `payments.payment.refunded`: the rise of the refunded total, once per new total (D 411 / C 511). */
export async function postRefund(tx: DbOrTx, paymentId: string, refundedBefore: number, refundedAfter: number, at: Date): Promise<PostedEntry | undefined> {
  const row = await paymentContext(tx, paymentId);
  if (!row || refundedAfter <= refundedBefore) return undefined;
  const scope = { workspaceId: row.order.workspaceId, companyId: row.order.companyId };
  const product = await productOf(tx, row.order.productId);
  const { plan } = await resolveAccounts(tx, scope.companyId, row.order.productId, at);
  const facts = { ...paymentFacts(row, product.sku, at), amount: refundedAfter - refundedBefore, refundedAfter };
  return post(tx, scope, refundEntry(facts, plan));
}
