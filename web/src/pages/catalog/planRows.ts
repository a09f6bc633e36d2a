import type { PlanInput, PlanRecurrence, TaxCategory, VersionPlan } from '../../catalogApi.ts';
import type { MessageKey } from '../../i18n/fr.ts';
import { centsToInput, parseAmountToCents } from '../../money.ts';

// A plan as the plan forms edit it (creation wizard, a draft version on the product page).
// Fixed prices are typed as text and parsed to minor units; any other rule (grid, tiers,
// indexed…) and the plan's options and surcharges are kept as they are.

export const exemptionCodes = ['FR-261-4-4a', 'FR-293B', 'CH-21'] as const;
const CODE_PATTERN = /^[A-Z0-9_-]+$/;

export interface PlanRow {
  /** Stable identity for the list, not sent. */
  key: string;
  code: string;
  name: string;
  recurrence: PlanRecurrence;
  billingCycleDays: number | string;
  price: string;
  taxIncl: boolean;
  taxCategory: TaxCategory;
  exemptionCode: string | null;
  /** The rule as loaded: its other fields are kept; a rule that is not `fixed` is kept whole. */
  loadedRule: Record<string, unknown> | null;
  adjustments?: Record<string, unknown>;
}

let lastKey = 0;
const nextKey = () => `plan-${++lastKey}`;

export const newPlanRow = (): PlanRow => ({
  key: nextKey(),
  code: '',
  name: '',
  recurrence: 'monthly',
  billingCycleDays: 30,
  price: '',
  taxIncl: true,
  taxCategory: 'standard',
  exemptionCode: null,
  loadedRule: null,
});

/** A rule the form does not edit (anything but a fixed price): shown, kept, sent back unchanged. */
export function keepsRule(row: PlanRow): boolean {
  return row.loadedRule !== null && row.loadedRule.type !== 'fixed';
}

export function planRowFromVersion(plan: VersionPlan): PlanRow {
  const rule = plan.rule;
  const fixed = rule?.type === 'fixed';
  return {
    key: nextKey(),
    code: plan.code,
    name: plan.name,
    recurrence: plan.recurrence as PlanRecurrence,
    billingCycleDays: plan.billingCycleDays ?? 30,
    price: fixed && typeof rule.amount === 'number' ? centsToInput(rule.amount) : '',
    taxIncl: rule ? rule.taxMode !== 'excl' : true,
    taxCategory: ((rule?.taxCategory as TaxCategory | undefined) ?? 'standard') as TaxCategory,
    exemptionCode: typeof rule?.exemptionCode === 'string' ? rule.exemptionCode : null,
    loadedRule: rule,
    adjustments: Object.keys(plan.adjustments ?? {}).length > 0 ? plan.adjustments : undefined,
  };
}

function ruleRecurrence(row: PlanRow): { kind: 'one_time' } | { kind: 'recurring'; every: number; unit: 'month' | 'year' | 'day' } {
  if (row.recurrence === 'one_shot') return { kind: 'one_time' };
  if (row.recurrence === 'yearly') return { kind: 'recurring', every: 1, unit: 'year' };
  if (row.recurrence === 'custom') return { kind: 'recurring', every: Number(row.billingCycleDays) || 30, unit: 'day' };
  return { kind: 'recurring', every: 1, unit: 'month' };
}

/** The body of PUT /versions/:id/plans for one row (the server re-derives the rule's recurrence from the plan's). */
export function planRowToInput(row: PlanRow): PlanInput {
  const base = {
    code: row.code.trim(),
    name: row.name.trim(),
    recurrence: row.recurrence,
    billingCycleDays: row.recurrence === 'custom' ? Number(row.billingCycleDays) || 30 : null,
    ...(row.adjustments ? { adjustments: row.adjustments } : {}),
  };
  if (keepsRule(row)) return { ...base, rule: row.loadedRule };
  const amount = parseAmountToCents(row.price);
  if (amount === null) return { ...base, rule: null };
  const { exemptionCode: _previous, ...kept } = row.loadedRule ?? {};
  return {
    ...base,
    rule: {
      ...kept,
      type: 'fixed',
      amount,
      taxMode: row.taxIncl ? 'incl' : 'excl',
      taxCategory: row.taxCategory,
      ...(row.taxCategory === 'exempt' && row.exemptionCode ? { exemptionCode: row.exemptionCode } : {}),
      recurrence: ruleRecurrence(row),
    },
  };
}

/** What the form refuses before sending, by field path (`plans.0.code`), as message keys. */
export function planRowErrors(rows: readonly PlanRow[], priceRequired: boolean): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const code = row.code.trim();
    if (!code) errors[`plans.${i}.code`] = 'wizard.error.required';
    else if (!CODE_PATTERN.test(code)) errors[`plans.${i}.code`] = 'wizard.error.planCode';
    else if (seen.has(code)) errors[`plans.${i}.code`] = 'wizard.error.duplicateCode';
    seen.add(code);
    if (!row.name.trim()) errors[`plans.${i}.name`] = 'wizard.error.required';
    if (keepsRule(row)) return;
    if ((priceRequired || row.price.trim()) && parseAmountToCents(row.price) === null) errors[`plans.${i}.rule.amount`] = 'wizard.error.amount';
    if (row.taxCategory === 'exempt' && !row.exemptionCode) errors[`plans.${i}.rule.exemptionCode`] = 'wizard.error.exemptionCode';
  });
  return errors;
}
