import { dateInZone } from './zoned-date.ts';
import type { ProductPlan } from '../../pricing/engine/contract.ts';
import type { PriceOption, PricingRule, Promotion } from '../../pricing/engine/rules.ts';
import type { Recurrence } from '../../pricing/engine/recurrence.ts';
import type { productPlans, pricingRules, promotions } from '../schema.ts';

type PlanRow = typeof productPlans.$inferSelect;
type RuleRow = typeof pricingRules.$inferSelect;
type PromotionRow = typeof promotions.$inferSelect;

/** Annex A's plan recurrence (one_shot, monthly, yearly, custom + days) as the engine's. */
export function recurrenceOfPlan(plan: Pick<PlanRow, 'recurrence' | 'billingCycleDays'>): Recurrence {
  switch (plan.recurrence) {
    case 'monthly':
      return { kind: 'recurring', every: 1, unit: 'month' };
    case 'yearly':
      return { kind: 'recurring', every: 1, unit: 'year' };
    case 'custom':
      return { kind: 'recurring', every: plan.billingCycleDays ?? 30, unit: 'day' };
    default:
      return { kind: 'one_time' };
  }
}

/** The engine's view of a version's plans: each plan with its rule and its options/surcharges. */
export function toEnginePlans(plans: PlanRow[], rules: RuleRow[]): ProductPlan[] {
  return plans.flatMap((plan) => {
    const rule = rules.find((r) => r.planId === plan.id);
    if (!rule) return [];
    const adjustments = plan.adjustments as { options?: PriceOption[]; surcharges?: PriceOption[] };
    return [{ code: plan.code, name: plan.name, rule: rule.payload as unknown as PricingRule, options: adjustments.options, surcharges: adjustments.surcharges }];
  });
}

/** Promotion bounds are instants; the engine compares calendar days, read in the selling company's zone (as the Promo badge does). */
export function toEnginePromotions(rows: PromotionRow[], timeZone: string): Promotion[] {
  return rows.map((row) => ({
    code: row.code ?? undefined,
    label: row.label,
    percentBp: row.percentBp ?? undefined,
    amount: row.amount ?? undefined,
    validFrom: row.validFrom ? dateInZone(row.validFrom, timeZone) : undefined,
    validTo: row.validTo ? dateInZone(row.validTo, timeZone) : undefined,
    channels: row.channels ?? undefined,
  }));
}
