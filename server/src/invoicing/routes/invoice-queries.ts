import { and, count, desc, eq, gte, ilike, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { customers } from '../../sales/schema.ts';
import { invoices } from '../schema.ts';
import { readTogether } from '../../platform/db/read-together.ts';

const scope = { workspaceId: invoices.workspaceId, companyId: invoices.companyId };

export interface InvoiceListQuery {
  companyId?: string;
  kind?: 'invoice' | 'credit_note';
  from?: string;
  to?: string;
  status?: 'rendering' | 'ready' | 'sent';
  q?: string;
  limit: number;
  offset: number;
}

export async function listInvoices(db: DbOrTx, auth: AuthenticatedContext, query: InvoiceListQuery) {
  const conditions: SQL[] = [inCompanyScope(scope, auth, 'invoicing.read')];
  if (query.companyId) conditions.push(eq(invoices.companyId, query.companyId));
  if (query.kind) conditions.push(eq(invoices.kind, query.kind));
  if (query.from) conditions.push(gte(invoices.issueDate, query.from));
  if (query.to) conditions.push(lte(invoices.issueDate, query.to));
  if (query.status === 'rendering') conditions.push(isNull(invoices.renderedAt));
  if (query.status === 'ready') conditions.push(and(isNotNull(invoices.renderedAt), isNull(invoices.sentAt))!);
  if (query.status === 'sent') conditions.push(isNotNull(invoices.sentAt));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(invoices.number, like), ilike(customers.name, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await readTogether(db, [
    () => db
      .select({ invoice: invoices, customerName: customers.name })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where)
      .orderBy(desc(invoices.issueDate), desc(invoices.number))
      .limit(query.limit)
      .offset(query.offset),
    () => db.select({ value: count() }).from(invoices).innerJoin(customers, eq(customers.id, invoices.customerId)).where(where),
  ]);
  return { items: rows.map((row) => ({ ...toInvoiceSummary(row.invoice), customerName: row.customerName })), total: total!.value };
}

export function invoiceStatus(row: typeof invoices.$inferSelect): 'rendering' | 'ready' | 'sent' {
  if (row.sentAt) return 'sent';
  return row.renderedAt ? 'ready' : 'rendering';
}

export function toInvoiceSummary(row: typeof invoices.$inferSelect) {
  return {
    id: row.id,
    companyId: row.companyId,
    kind: row.kind,
    number: row.number,
    issueDate: row.issueDate,
    orderId: row.orderId,
    creditedInvoiceId: row.creditedInvoiceId,
    currency: row.currency,
    totalExclTax: row.totalExclTax,
    totalTax: row.totalTax,
    totalInclTax: row.totalInclTax,
    status: invoiceStatus(row),
    pdfSha256: row.pdfSha256,
    xmlSha256: row.xmlSha256,
    sentAt: row.sentAt,
    sentTo: row.sentTo,
  };
}

export async function loadScopedInvoice(db: DbOrTx, auth: AuthenticatedContext, invoiceId: string, permission: 'invoicing.read' | 'invoicing.issue' = 'invoicing.read') {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), inCompanyScope(scope, auth, permission)));
  if (!row) throw new ProblemError('notFound', 'Facture introuvable.');
  return row;
}
