/**
 * Bundles: the caller prices each component (a QuoteResult, e.g. from `quote()` on the component product); the
 * bundle keeps the components' lines — each with its own tax rate and recurrence — and the engine takes the bundle
 * discount off them, spread over the tax rates (discounts.ts).
 */
import type { BreakdownStep, QuoteInput, QuoteResult } from './contract.ts';
import { display, PricingError } from './errors.ts';
import { formatMoney } from './format.ts';
import { type EngineLine, fromQuoteLine } from './lines.ts';
import type { Currency } from './money.ts';
import type { BundleRule } from './rules.ts';

export interface ResolvedComponents {
  lines: EngineLine[];
  steps: BreakdownStep[];
}

function checkQuote(result: QuoteResult, currency: Currency, field: string): void {
  const named = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';
  if (!result || typeof result !== 'object' || !Array.isArray(result.lines) || !named(result.product_version) || !named(result.plan)) {
    throw new PricingError(field, 'Le prix du composant est absent ou mal formé.', 'missing_component');
  }
  if (result.currency !== currency) {
    throw new PricingError(field, `Le composant est en ${display(result.currency)}, le pack en ${currency}.`, 'currency_mismatch');
  }
  const sum = (pick: (l: QuoteResult['lines'][number]) => number) => result.lines.reduce((a, l) => a + pick(l), 0);
  if (
    sum((l) => l.amount_excl_tax) !== result.total_excl_tax ||
    sum((l) => l.tax_amount) !== result.total_tax ||
    sum((l) => l.amount_incl_tax) !== result.total_incl_tax
  ) {
    throw new PricingError(field, 'Le prix du composant est incohérent (les lignes ne font pas le total).', 'invalid_input');
  }
}

/** The lines of every component, priced for component quantity × `quantity`. */
export function resolveComponents(
  rule: BundleRule,
  input: Pick<QuoteInput, 'bundleComponents' | 'resolveBundleComponent'>,
  quantity: number,
  currency: Currency,
): ResolvedComponents {
  const lines: EngineLine[] = [];
  const steps: BreakdownStep[] = [];
  for (const component of rule.components) {
    const field = `bundleComponents.${component.ref}`;
    const preResolved = input.bundleComponents && Object.hasOwn(input.bundleComponents, component.ref) ? input.bundleComponents[component.ref] : undefined;
    const resolve = typeof input.resolveBundleComponent === 'function' ? input.resolveBundleComponent : undefined;
    const result = preResolved ?? resolve?.(component.ref, component.quantity * quantity);
    if (result === undefined) {
      throw new PricingError(field, `Le prix du composant « ${component.ref} » n’a pas été fourni.`, 'missing_component');
    }
    checkQuote(result, currency, field);
    const name = component.label ?? `${result.product_version.name} – ${result.plan.name}`;
    result.lines.forEach((line, i) => {
      const engineLine = fromQuoteLine(line, `${field}.lines[${i}]`);
      lines.push({ ...engineLine, code: component.ref, description: `${name} : ${line.description}` });
    });
    steps.push({
      step: 'component',
      detail: `Composant ${name} × ${component.quantity * quantity} : ${formatMoney(result.total_incl_tax, currency)} TTC`,
      amount: result.total_incl_tax,
    });
  }
  return { lines, steps };
}
