/**
 * Which promotions a quote gets. Automatic promotions (no code) apply whenever they are valid on the quote date
 * (bounds inclusive) and on the quote's channel (when they name channels). A coded promotion applies only when the
 * quote's code matches, ignoring case and surrounding spaces; a code that matches nothing valid is refused with the
 * reason, so the customer learns why.
 */
import { isWithin } from './dates.ts';
import { PricingError } from './errors.ts';
import type { Promotion } from './rules.ts';

export interface PromotionContext {
  date: string;
  channel?: string;
  promotionCode?: string | null;
}

const normalise = (code: string) => code.trim().toUpperCase();

function inPeriod(promotion: Promotion, date: string): boolean {
  return isWithin(date, promotion.validFrom, promotion.validTo);
}

function onChannel(promotion: Promotion, channel: string | undefined): boolean {
  return promotion.channels === undefined || (channel !== undefined && promotion.channels.includes(channel));
}

/** The promotions that apply, in the order given. */
export function applicablePromotions(promotions: readonly Promotion[] | undefined, context: PromotionContext): Promotion[] {
  const all = promotions ?? [];
  const code = context.promotionCode?.trim() ? normalise(context.promotionCode) : null;
  // A plain loop: this runs on every quote, and closures here cost more than the test (see docs/benchmarks.md).
  const chosen: Promotion[] = [];
  for (const p of all) {
    const asked = p.code === undefined || (code !== null && normalise(p.code) === code);
    if (asked && inPeriod(p, context.date) && onChannel(p, context.channel)) chosen.push(p);
  }
  if (code !== null && !chosen.some((p) => p.code !== undefined)) {
    const named = all.filter((p) => p.code !== undefined && normalise(p.code) === code);
    const shown = context.promotionCode?.trim() ?? '';
    if (named.length === 0) {
      throw new PricingError('promotionCode', `Le code promotionnel « ${shown} » n’existe pas pour ce produit.`, 'invalid_promotion_code');
    }
    if (!named.some((p) => inPeriod(p, context.date))) {
      throw new PricingError('promotionCode', `Le code promotionnel « ${shown} » n’est pas valable le ${context.date}.`, 'invalid_promotion_code');
    }
    throw new PricingError('promotionCode', `Le code promotionnel « ${shown} » n’est pas valable sur ce canal de vente.`, 'invalid_promotion_code');
  }
  return chosen;
}
