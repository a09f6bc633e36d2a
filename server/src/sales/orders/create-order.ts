import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type AuthContext, type AuthenticatedContext, actorLabel } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { type QuoteAudience, type QuoteRequest, quoteProduct, toQuoteResponse } from '../../catalog/pricing/quote-service.ts';
import { dateInZone } from '../../catalog/pricing/zoned-date.ts';
import { nextNumber } from '../../platform/db/next-number.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { type CustomerInput, findOrCreateCustomer } from '../customers/find-or-create-customer.ts';
import { decideOrderKind, formatOrderNumber } from '../rules/order-kind.ts';
import { orderLines, orders } from '../schema.ts';

export interface CreateOrderInput {
  customer: CustomerInput;
  quote: QuoteRequest;
  /** Marketplace sale: the company (training organisation) that delivers and is paid out. */
  merchantCompanyId?: string | null;
  successUrl?: string | null;
  cancelUrl?: string | null;
}

export type OrderRow = typeof orders.$inferSelect;

/**
 * Prices the product with the catalog's quote (the version in force at the quote date) and freezes the answer in an
 * order: lines, taxes, totals and the version used. A price change afterwards never changes what was sold.
 */
export async function createOrder(services: Services, auth: AuthenticatedContext, input: CreateOrderInput): Promise<OrderRow> {
  return createOrderAs(
    services,
    { auth, workspaceId: auth.workspace.id, label: actorLabel(auth), audience: { kind: 'actor', auth }, authorize: (companyId) => requirePermission(auth, 'sales.write', companyId) },
    input,
  );
}

/** Who creates an order: a back-office actor, or a public journey selling its product to the prospect on the page. */
export interface OrderActor {
  auth: AuthContext;
  workspaceId: string;
  label: string;
  audience: QuoteAudience;
  /** Throws when the actor may not sell for this company (the journey sells only its own product). */
  authorize: (companyId: string) => void;
}

export async function createOrderAs(services: Services, actor: OrderActor, input: CreateOrderInput): Promise<OrderRow> {
  const auth = actor.auth;
  const priced = await quoteProduct(services, actor.audience, input.quote);
  const quote = toQuoteResponse(priced);
  const companyId = priced.product.companyId;
  actor.authorize(companyId);
  const decision = decideOrderKind(quote.lines);
  if (decision.kind === 'refused') throw new ProblemError('unprocessable', decision.reason, { errors: [{ field: 'body.quote.plan', message: decision.reason }] });

  return services.db.transaction(async (tx) => {
    const [company] = await tx.select().from(companies).where(eq(companies.id, companyId));
    if (input.merchantCompanyId) {
      const [merchant] = await tx
        .select({ id: companies.id })
        .from(companies)
        .where(and(eq(companies.id, input.merchantCompanyId), eq(companies.workspaceId, actor.workspaceId)));
      if (!merchant) throw new ProblemError('validation', 'Marchand inconnu.', { errors: [{ field: 'body.merchantCompanyId', message: 'société inconnue' }] });
    }
    const customer = await findOrCreateCustomer(tx, auth, { workspaceId: actor.workspaceId, companyId }, input.customer);
    const year = Number(dateInZone(services.clock.now(), company!.timeZone).slice(0, 4));
    const number = formatOrderNumber(year, await nextNumber(tx, { scopeId: companyId, kind: 'order', year }));
    const [order] = await tx
      .insert(orders)
      .values({
        workspaceId: actor.workspaceId,
        companyId,
        customerId: customer.id,
        number,
        publicToken: randomBytes(24).toString('base64url'),
        kind: decision.kind,
        productId: priced.product.id,
        productVersion: quote.product_version,
        planCode: quote.plan.code,
        currency: quote.currency,
        totalExclTax: quote.total_excl_tax,
        totalTax: quote.total_tax,
        totalInclTax: quote.total_incl_tax,
        interval: decision.kind === 'subscription' ? decision.interval : null,
        intervalCount: decision.kind === 'subscription' ? decision.intervalCount : null,
        quote: quote as unknown as Record<string, unknown>,
        merchantCompanyId: input.merchantCompanyId ?? null,
        successUrl: input.successUrl ?? null,
        cancelUrl: input.cancelUrl ?? null,
      })
      .returning();
    await tx.insert(orderLines).values(
      quote.lines.map((line, index) => ({
        orderId: order!.id,
        position: index + 1,
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unit_amount,
        amountExclTax: line.amount_excl_tax,
        taxRateBp: line.tax_rate_bp,
        taxAmount: line.tax_amount,
        amountInclTax: line.amount_incl_tax,
        recurrence: line.recurrence,
      })),
    );
    await appendAudit(tx, auth, { action: 'create', tableName: 'sales.order', recordId: order!.id, companyId, after: order! }, { workspaceId: actor.workspaceId, actorLabel: actor.label });
    await recordEvent(tx, { topic: 'sales.order.created', payload: { orderId: order!.id }, workspaceId: actor.workspaceId, actor: actor.label, requestId: auth.requestId });
    return order!;
  });
}
