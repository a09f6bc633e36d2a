/**
 * Usage pricing: (usage − included units, at least 0) × unit price, raised to the minimum charge. Exact; the caller
 * rounds the line once.
 */
import type { Decimal } from 'decimal.js';
import { Dec } from './money.ts';
import type { UsageRule } from './rules.ts';

export interface UsagePrice {
  amount: Decimal;
  billableUnits: Decimal;
  minimumApplied: boolean;
}

export function priceUsage(rule: Pick<UsageRule, 'unitAmount' | 'minimumCharge' | 'includedUnits'>, usage: Decimal): UsagePrice {
  const billableUnits = Dec.max(0, usage.minus(rule.includedUnits ?? 0));
  const metered = billableUnits.times(rule.unitAmount);
  const minimum = new Dec(rule.minimumCharge ?? 0);
  return metered.lt(minimum)
    ? { amount: minimum, billableUnits, minimumApplied: true }
    : { amount: metered, billableUnits, minimumApplied: false };
}
