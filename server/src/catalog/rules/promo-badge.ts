import { dateInZone } from '../pricing/zoned-date.ts';

/** A promotion's validity as stored: instants, either bound open. */
export interface PromotionPeriod {
  validFrom: Date | null;
  validTo: Date | null;
}

/**
 * Whether a promotion is in force on `today` (a calendar date, YYYY-MM-DD, in the company's zone).
 * Its bounds are read as calendar dates in that zone and are both inclusive, as the pricing
 * engine reads a promotion's period.
 */
export function promotionInForce(promotion: PromotionPeriod, today: string, timeZone: string): boolean {
  if (promotion.validFrom && dateInZone(promotion.validFrom, timeZone) > today) return false;
  if (promotion.validTo && dateInZone(promotion.validTo, timeZone) < today) return false;
  return true;
}

/**
 * Seed 003 §3.4 badges: « Promo » is not chosen by hand but follows the promotions of the version
 * in force. Given a product's stored badges and those promotions, the badges to show at `now` in
 * the company's time zone: the stored ones, plus `promo` when a promotion is in force today.
 */
export function withPromoBadge(badges: readonly string[], promotions: readonly PromotionPeriod[], now: Date, timeZone: string): string[] {
  if (badges.includes('promo')) return [...badges];
  const today = dateInZone(now, timeZone);
  return promotions.some((p) => promotionInForce(p, today, timeZone)) ? [...badges, 'promo'] : [...badges];
}
