/**
 * Tiered prices. A tier covers the units after the previous tier's `upTo` up to its own, inclusive; the last tier is
 * open. Graduated: each unit is priced in its own tier (plus each reached tier's flat amount). Volume (all-units):
 * every unit is priced at the tier the whole quantity falls in (plus that tier's flat amount). The sum is exact;
 * the caller rounds the line once.
 */
import type { Decimal } from 'decimal.js';
import { PricingError } from './errors.ts';
import { Dec } from './money.ts';
import type { Tier, TieredRule } from './rules.ts';

export interface TierCharge {
  tierIndex: number;
  /** First and last unit of the tier that are charged here (inclusive). */
  from: number;
  to: number;
  units: number;
  unitAmount: string;
  flatAmount: number;
  /** units × unitAmount + flatAmount, exact (minor units, may hold fractions). */
  amount: Decimal;
}

export interface TieredPrice {
  amount: Decimal;
  charges: TierCharge[];
}

function charge(tier: Tier, tierIndex: number, from: number, to: number): TierCharge {
  const units = to - from + 1;
  const flatAmount = tier.flatAmount ?? 0;
  return { tierIndex, from, to, units, unitAmount: tier.unitAmount, flatAmount, amount: new Dec(tier.unitAmount).times(units).plus(flatAmount) };
}

/** Prices `quantity` units (a non-negative integer) on validated tiers; quantity 0 costs nothing. */
export function priceTiers(rule: Pick<TieredRule, 'mode' | 'tiers'>, quantity: number): TieredPrice {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new PricingError('quantity', 'La quantité doit être un entier positif.');
  }
  const charges: TierCharge[] = [];
  if (quantity === 0) return { amount: new Dec(0), charges };
  let lower = 0;
  for (const [tierIndex, tier] of rule.tiers.entries()) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    if (rule.mode === 'volume') {
      if (quantity <= upper) {
        charges.push(charge(tier, tierIndex, 1, quantity));
        break;
      }
    } else {
      charges.push(charge(tier, tierIndex, lower + 1, Math.min(quantity, upper)));
      if (quantity <= upper) break;
    }
    lower = upper;
  }
  if (charges.length === 0) throw new PricingError('tiers', 'Aucun palier ne couvre cette quantité (dernier palier non ouvert).', 'invalid_rule');
  return { amount: charges.reduce((sum, c) => sum.plus(c.amount), new Dec(0)), charges };
}
