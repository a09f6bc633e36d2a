import { and, eq } from 'drizzle-orm';
import { ProblemError } from '../../platform/http/problem.ts';
import { type AuthenticatedContext, companyScope } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import type { QuoteResult } from '../../pricing/engine/contract.ts';
import { PricingError } from '../../pricing/engine/errors.ts';
import type { Country } from '../../pricing/engine/tax.ts';
import { quote } from '../../pricing/engine/quote.ts';
import type { BundleRule, NegotiatedPrice } from '../../pricing/engine/rules.ts';
import type { ProductRow } from '../catalog-scope.ts';
import { negotiatedPrices } from '../schema.ts';
import type { CompanyRow } from './quote-cache.ts';
import { isPubliclyQuotable, pricingContentsOf, productInWorkspace, publicProductInWorkspace, type QuoteServices, versionInForceAt } from './quote-lookups.ts';
import { dateInZone, startOfDayInZone } from './zoned-date.ts';

export interface QuoteRequest {
  sku?: string;
  productId?: string;
  plan?: string;
  quantity?: number;
  usage?: string;
  attributes?: Record<string, string | number | boolean | null>;
  date?: string;
  channel?: string;
  promotionCode?: string | null;
  customerRef?: string;
  options?: string[];
  indices?: Record<string, string>;
}

/** Who may see which products: a signed-in actor's scope, or the public web catalogue of a workspace. */
export type QuoteAudience = { kind: 'actor'; auth: AuthenticatedContext } | { kind: 'public'; workspaceId: string };

/**
 * Seed 003 §3.1 simulator / issue #4 quote contract: finds the product, takes the version
 * in force on the quote date (in the selling company's time zone) and prices it with the
 * pure engine. Every input it cannot price is a 400 naming the field.
 */
/** Takes the root database, not a transaction: its lookups are prepared statements of that database, kept in memory (quote-cache.ts). */
export async function quoteProduct(services: QuoteServices, audience: QuoteAudience, request: QuoteRequest, depth = 0) {
  if (!request.sku && !request.productId) throw new ProblemError('validation', 'Indiquez le produit (sku ou productId).', { errors: [{ field: 'body.sku', message: 'requis' }] });
  const { db, clock } = services;
  const now = clock.now();
  const { product, company } = await findQuotableProduct(services, audience, request, now);
  if (product.pricingSource === 'partner_api') {
    throw new ProblemError('unprocessable', `Le prix de ${product.sku} est calculé par le partenaire : le connecteur partenaire n’est pas encore disponible.`, {
      code: 'partner_pricing_unavailable',
    });
  }
  const date = request.date ?? dateInZone(now, company.timeZone);
  const version = await versionInForceAt(services, product.workspaceId, product.id, startOfDayInZone(date, company.timeZone));
  if (!version) throw new ProblemError('unprocessable', `Aucune version de ${product.sku} n’est en vigueur le ${date}.`, { errors: [{ field: 'body.date', message: 'aucune version en vigueur' }] });
  const contents = await pricingContentsOf(services, product.workspaceId, version.id, company.timeZone);
  const { plans } = contents;
  const negotiated: NegotiatedPrice[] = request.customerRef
    ? (await db.select().from(negotiatedPrices).where(and(eq(negotiatedPrices.productId, product.id), eq(negotiatedPrices.customerRef, request.customerRef)))).map((n) => ({
        customerId: n.customerRef,
        amount: n.amount,
        ...(n.planCode ? { planCode: n.planCode } : {}),
        // The engine compares calendar dates; an agreement's bounds are read in the company's zone.
        ...(n.validFrom ? { validFrom: dateInZone(n.validFrom, company.timeZone) } : {}),
        ...(n.validTo ? { validTo: dateInZone(n.validTo, company.timeZone) } : {}),
      }))
    : [];

  // Bundles: price each component first (same date, channel and audience), then the pack.
  const plan = plans.find((p) => p.code === request.plan) ?? (plans.length === 1 ? plans[0] : undefined);
  const bundleComponents: Record<string, QuoteResult> = {};
  if (plan?.rule.type === 'bundle') {
    if (depth > 2) throw new ProblemError('unprocessable', 'Pack trop imbriqué.');
    for (const component of (plan.rule as BundleRule).components) {
      const [sku, planCode] = component.ref.split(':');
      const priced = await quoteProduct(services, audience, { sku, plan: planCode, quantity: component.quantity * (request.quantity ?? 1), date, channel: request.channel }, depth + 1);
      bundleComponents[component.ref] = priced.engine;
    }
  }

  try {
    const result = quote({
      product: { sku: product.sku, name: product.name, versionNumber: version.version, currency: company.currency as 'EUR' | 'CHF', country: company.country as Country, plans },
      planCode: request.plan,
      quantity: request.quantity,
      usage: request.usage,
      attributes: request.attributes,
      date,
      channel: request.channel,
      promotionCode: request.promotionCode ?? null,
      customerId: request.customerRef,
      negotiatedPrices: negotiated,
      promotions: contents.promotions,
      options: request.options,
      indices: request.indices,
      bundleComponents,
    });
    return { engine: result, product, version, date };
  } catch (error) {
    if (error instanceof PricingError) {
      const fieldError = error.toFieldError();
      throw new ProblemError('validation', fieldError.message, { errors: [{ field: `body.${fieldError.field}`, message: fieldError.message, code: fieldError.code }] });
    }
    throw error;
  }
}

/** The product and its selling company, if the audience may quote it (from memory once looked up). */
async function findQuotableProduct(services: QuoteServices, audience: QuoteAudience, request: QuoteRequest, now: Date): Promise<{ product: ProductRow; company: CompanyRow }> {
  const identity = { sku: request.sku, productId: request.productId };
  if (audience.kind === 'actor') {
    const { auth } = audience;
    requirePermission(auth, 'catalog.read');
    const found = await productInWorkspace(services, auth.workspace.id, identity);
    // Same rule as inCompanyScope, checked on every quote against the actor's grants.
    const scope = companyScope(auth, 'catalog.read');
    if (!found || !(scope.all || scope.companyIds.includes(found.product.companyId))) {
      throw new ProblemError('notFound', 'Produit introuvable.', { errors: [{ field: request.sku ? 'body.sku' : 'body.productId', message: 'produit inconnu' }] });
    }
    return found;
  }
  // The public catalogue: active products with a live, public publication on the web.
  const found = await publicProductInWorkspace(services, audience.workspaceId, identity);
  if (!found || !isPubliclyQuotable(found, now)) throw new ProblemError('notFound', 'Produit introuvable.', { errors: [{ field: 'body.sku', message: 'produit inconnu' }] });
  return found;
}


/** The public answer, exactly the contract of issue #4 (snake_case, integer minor units), plus additive fields. */
export function toQuoteResponse(priced: Awaited<ReturnType<typeof quoteProduct>>) {
  const r = priced.engine;
  return {
    currency: r.currency,
    product_version: r.product_version.version,
    product: { sku: r.product_version.sku, name: r.product_version.name, id: priced.product.id },
    plan: r.plan,
    date: priced.date,
    tax_mode: r.tax_mode,
    lines: r.lines,
    total_excl_tax: r.total_excl_tax,
    total_tax: r.total_tax,
    total_incl_tax: r.total_incl_tax,
    tax_summary: r.tax_summary,
    breakdown: r.breakdown,
  };
}
