/**
 * The base of a quote: the line (or, for a bundle, the lines) the plan's rule gives before options, surcharges and
 * promotions, with the steps that explain it. One function per rule type; a negotiated price replaces the unit amount
 * of the rules that have one (fixed, tiered, indexed, grid).
 */
import { resolveComponents } from './bundle.ts';
import type { BreakdownStep, PricedProduct, ProductPlan, QuoteInput } from './contract.ts';
import { discountLines } from './discounts.ts';
import { PricingError } from './errors.ts';
import { formatDecimalFr, formatMoney, formatRateBp, formatUnitAmount } from './format.ts';
import { matchGrid } from './grid.ts';
import { priceIndexed } from './indexed.ts';
import { type EngineLine, makeLine } from './lines.ts';
import { multiplyMinor, parseNonNegativeDecimal, roundHalfUp } from './money.ts';
import { findNegotiatedPrice } from './negotiated.ts';
import { withRecurrenceFr } from './recurrence.ts';
import type { BundleRule, GridRule, IndexedRule, NegotiatedPrice, PricingRule, TieredRule, UsageRule } from './rules.ts';
import type { ResolvedTax } from './tax.ts';
import { priceTiers } from './tiers.ts';
import { priceUsage } from './usage.ts';

export interface BaseContext {
  product: PricedProduct;
  plan: ProductPlan;
  /** Where the rule is in the input, for error fields (`product.plans[0].rule`). */
  rulePath: string;
  quantity: number;
  input: QuoteInput;
  tax: ResolvedTax;
}

export interface BasePrice {
  lines: EngineLine[];
  steps: BreakdownStep[];
  /** What the base comes to in the rule's tax mode (what percentage options are a share of). */
  baseAmount: number;
}

function money(ctx: BaseContext, minor: number): string {
  return formatMoney(minor, ctx.product.currency);
}

function baseDescription(ctx: BaseContext, suffix?: string): string {
  const { product, plan } = ctx;
  const name =
    plan.rule.label ?? (plan.name.toLowerCase().includes(product.name.toLowerCase()) ? plan.name : `${product.name} – ${plan.name}`);
  return suffix ? `${name} (${suffix})` : name;
}

function unitLine(ctx: BaseContext, unitAmount: number, description: string, steps: BreakdownStep[]): BasePrice {
  const amount = multiplyMinor(unitAmount, ctx.quantity, 'quantity');
  const line = makeLine({
    kind: 'base',
    code: ctx.plan.code,
    description,
    unitAmount,
    quantity: ctx.quantity,
    amount,
    taxMode: ctx.plan.rule.taxMode,
    tax: ctx.tax,
    recurrence: ctx.plan.rule.recurrence,
  });
  if (ctx.quantity > 1) {
    steps.push({ step: 'base', detail: `Quantité : ${ctx.quantity} × ${money(ctx, unitAmount)} = ${money(ctx, amount)}`, amount });
  }
  return { lines: [line], steps, baseAmount: amount };
}

function negotiated(ctx: BaseContext, price: NegotiatedPrice, listUnit: number | null): BasePrice {
  const instead = listUnit === null ? '' : ` au lieu de ${money(ctx, listUnit)}`;
  const steps: BreakdownStep[] = [
    {
      step: 'negotiated',
      detail: `Prix négocié pour le client ${price.customerId} : ${withRecurrenceFr(money(ctx, price.amount), ctx.plan.rule.recurrence)}${instead}`,
      amount: price.amount,
    },
  ];
  return unitLine(ctx, price.amount, `${baseDescription(ctx)} – prix négocié`, steps);
}

function priceFixed(ctx: BaseContext, amount: number): BasePrice {
  const steps: BreakdownStep[] = [
    { step: 'base', detail: `Prix : ${withRecurrenceFr(money(ctx, amount), ctx.plan.rule.recurrence)}`, amount },
  ];
  return unitLine(ctx, amount, baseDescription(ctx), steps);
}

function priceTiered(ctx: BaseContext, rule: TieredRule): BasePrice {
  const currency = ctx.product.currency;
  const price = priceTiers(rule, ctx.quantity);
  const steps: BreakdownStep[] = price.charges.map((c) => {
    const units = rule.mode === 'volume' ? `toutes les ${c.units} unités au palier ${c.tierIndex + 1}` : `palier ${c.tierIndex + 1}, unités ${c.from} à ${c.to}`;
    const flat = c.flatAmount > 0 ? ` + forfait ${formatMoney(c.flatAmount, currency)}` : '';
    return {
      step: 'tier',
      detail: `Paliers (${rule.mode === 'volume' ? 'volume' : 'progressifs'}) : ${units} : ${c.units} × ${formatUnitAmount(c.unitAmount, currency)}${flat} = ${formatUnitAmount(c.amount, currency)}`,
    };
  });
  const amount = roundHalfUp(price.amount, 'quantity');
  steps.push({ step: 'base', detail: `Total des paliers pour ${ctx.quantity} unité(s) : ${withRecurrenceFr(money(ctx, amount), rule.recurrence)}`, amount });
  const line = makeLine({
    kind: 'base',
    code: ctx.plan.code,
    description: baseDescription(ctx),
    unitAmount: ctx.quantity === 0 ? 0 : roundHalfUp(price.amount.div(ctx.quantity)),
    quantity: ctx.quantity,
    amount,
    taxMode: rule.taxMode,
    tax: ctx.tax,
    recurrence: rule.recurrence,
  });
  return { lines: [line], steps, baseAmount: amount };
}

function priceUsageRule(ctx: BaseContext, rule: UsageRule): BasePrice {
  const currency = ctx.product.currency;
  if (ctx.input.usage === undefined) throw new PricingError('usage', 'La consommation (usage) est requise pour ce tarif.', 'invalid_input');
  const usage = parseNonNegativeDecimal(ctx.input.usage, 'usage');
  const price = priceUsage(rule, usage);
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const included = rule.includedUnits ? ` dont ${formatDecimalFr(String(rule.includedUnits))} inclus` : '';
  const steps: BreakdownStep[] = [
    {
      step: 'usage',
      detail: `Consommation : ${formatDecimalFr(usage)}${unit}${included} → ${formatDecimalFr(price.billableUnits)} × ${formatUnitAmount(rule.unitAmount, currency)} = ${formatUnitAmount(price.billableUnits.times(rule.unitAmount), currency)}`,
    },
  ];
  const amount = roundHalfUp(price.amount, 'usage');
  if (price.minimumApplied) steps.push({ step: 'usage', detail: `Minimum de facturation appliqué : ${money(ctx, amount)}`, amount });
  steps.push({ step: 'base', detail: `Montant de la consommation : ${withRecurrenceFr(money(ctx, amount), rule.recurrence)}`, amount });
  const line = makeLine({
    kind: 'base',
    code: ctx.plan.code,
    description: baseDescription(ctx, `${formatDecimalFr(usage)}${unit}`),
    unitAmount: amount,
    quantity: 1,
    amount,
    taxMode: rule.taxMode,
    tax: ctx.tax,
    recurrence: rule.recurrence,
    usage: usage.toString(),
  });
  return { lines: [line], steps, baseAmount: amount };
}

function priceIndexedRule(ctx: BaseContext, rule: IndexedRule): BasePrice {
  const price = priceIndexed(rule, ctx.input.indices, ctx.quantity, ctx.rulePath);
  const steps: BreakdownStep[] = [
    { step: 'index', detail: `Indice ${rule.index} : ${formatDecimalFr(price.indexValue)}` },
    {
      step: 'base',
      detail: `Formule ${rule.formula} = ${formatUnitAmount(price.exact.toDecimalPlaces(6), ctx.product.currency)} → ${withRecurrenceFr(money(ctx, price.unitAmount), rule.recurrence)} (arrondi au centime)`,
      amount: price.unitAmount,
    },
  ];
  return unitLine(ctx, price.unitAmount, baseDescription(ctx), steps);
}

function priceGrid(ctx: BaseContext, rule: GridRule): BasePrice {
  const match = matchGrid(rule, ctx.input.attributes, ctx.input.date);
  const steps: BreakdownStep[] = [];
  if (match.derivedAge) {
    steps.push({
      step: 'attribute',
      detail: `Âge calculé depuis la date de naissance (${match.derivedAge.birthDate}) : ${match.derivedAge.age} ans au ${ctx.input.date}`,
    });
  }
  steps.push({
    step: 'grid',
    detail: `Grille : ${match.row.label} → ${withRecurrenceFr(money(ctx, match.row.amount), rule.recurrence)}`,
    amount: match.row.amount,
  });
  return unitLine(ctx, match.row.amount, baseDescription(ctx, match.row.label), steps);
}

function priceBundle(ctx: BaseContext, rule: BundleRule): BasePrice {
  const components = resolveComponents(rule, ctx.input, ctx.quantity, ctx.product.currency);
  const steps = [...components.steps];
  const lines = [...components.lines];
  if (rule.discount) {
    const shown = rule.discount.percentBp !== undefined ? `-${formatRateBp(rule.discount.percentBp)}` : `-${money(ctx, rule.discount.amount ?? 0)}`;
    const result = discountLines(components.lines, rule.discount, rule.taxMode, (group, several) => ({
      kind: 'bundle_discount',
      code: ctx.plan.code,
      description: `Remise pack ${shown}${several ? ` (TVA ${formatRateBp(group.rateBp)})` : ''}`,
    }));
    lines.push(...result.lines);
    steps.push({
      step: 'bundle_discount',
      detail: `Remise pack ${shown} : -${money(ctx, result.amount)}${result.capped ? ' (plafonnée au prix du pack)' : ''}`,
      amount: -result.amount,
    });
  }
  const baseAmount = lines.reduce((sum, l) => sum + (rule.taxMode === 'incl' ? l.incl : l.excl), 0);
  return { lines, steps, baseAmount };
}

function listUnitOf(rule: PricingRule): number | null {
  return rule.type === 'fixed' ? rule.amount : null;
}

export function priceBase(ctx: BaseContext): BasePrice {
  const rule = ctx.plan.rule;
  const agreed = findNegotiatedPrice(ctx.input.negotiatedPrices, {
    ...(ctx.input.customerId === undefined ? {} : { customerId: ctx.input.customerId }),
    sku: ctx.product.sku,
    planCode: ctx.plan.code,
    date: ctx.input.date,
  });
  if (agreed && rule.type !== 'usage' && rule.type !== 'bundle') return negotiated(ctx, agreed, listUnitOf(rule));
  const base = (() => {
    switch (rule.type) {
      case 'fixed':
        return priceFixed(ctx, rule.amount);
      case 'tiered':
        return priceTiered(ctx, rule);
      case 'usage':
        return priceUsageRule(ctx, rule);
      case 'indexed':
        return priceIndexedRule(ctx, rule);
      case 'grid':
        return priceGrid(ctx, rule);
      case 'bundle':
        return priceBundle(ctx, rule);
    }
  })();
  if (agreed) {
    base.steps.push({ step: 'negotiated', detail: `Prix négocié du client ${agreed.customerId} non applicable à ce type de tarif (${rule.type}).` });
  }
  return base;
}
