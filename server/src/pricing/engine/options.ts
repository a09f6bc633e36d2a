/**
 * Options and surcharges of a plan: which apply (the options the customer picked, in the plan's order; every
 * surcharge) and how much each adds — a fixed amount per unit of quantity, or a share of the base amount rounded
 * half-up.
 */
import { PricingError } from './errors.ts';
import { Dec, roundHalfUp } from './money.ts';
import type { PriceOption, Surcharge } from './rules.ts';

export interface PlanAdjustments {
  options?: PriceOption[];
  surcharges?: Surcharge[];
}

/** The options picked (unknown codes are refused with the list of those that exist), in the plan's order. */
export function selectOptions(plan: PlanAdjustments, selected: readonly string[] | undefined): PriceOption[] {
  const available = plan.options ?? [];
  const wanted = new Set(selected ?? []);
  for (const code of wanted) {
    if (!available.some((o) => o.code === code)) {
      const list = available.length > 0 ? available.map((o) => o.code).join(', ') : 'aucune';
      throw new PricingError('options', `Option inconnue « ${code} ». Options disponibles : ${list}.`, 'unknown_option');
    }
  }
  return available.filter((o) => wanted.has(o.code));
}

/** What an option or surcharge adds: amount × quantity, or percentBp of the base amount (half-up). */
export function adjustmentAmount(option: PriceOption, baseAmount: number, quantity: number, field = 'options'): number {
  if (option.amount !== undefined) return roundHalfUp(new Dec(option.amount).times(quantity), field);
  return roundHalfUp(new Dec(baseAmount).times(option.percentBp ?? 0).div(10_000), field);
}
