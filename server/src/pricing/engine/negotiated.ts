/**
 * Negotiated prices: a price agreed with one customer replaces the rule's unit amount. The most specific agreement
 * valid on the quote date wins (sku and plan > sku or plan > customer only); among equals, the first listed.
 */
import { isWithin } from './dates.ts';
import type { NegotiatedPrice } from './rules.ts';

export interface NegotiationContext {
  customerId?: string;
  sku: string;
  planCode: string;
  date: string;
}

export function findNegotiatedPrice(prices: readonly NegotiatedPrice[] | undefined, context: NegotiationContext): NegotiatedPrice | null {
  if (!context.customerId) return null;
  let best: NegotiatedPrice | null = null;
  let bestScore = -1;
  for (const price of prices ?? []) {
    if (price.customerId !== context.customerId) continue;
    if (price.sku !== undefined && price.sku !== context.sku) continue;
    if (price.planCode !== undefined && price.planCode !== context.planCode) continue;
    if (!isWithin(context.date, price.validFrom, price.validTo)) continue;
    const score = (price.sku === undefined ? 0 : 1) + (price.planCode === undefined ? 0 : 1);
    if (score > bestScore) {
      best = price;
      bestScore = score;
    }
  }
  return best;
}
