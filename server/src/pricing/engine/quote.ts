/**
 * `quote()`: prices one plan of one product version for one customer on one date. Pure and deterministic — the same
 * input always gives the same result, with no clock, no I/O and no floats on money.
 *
 * Lines, in order: the base line (a bundle's component lines and its discount), one line per option picked, one per
 * surcharge, then one negative line per promotion (per tax rate when the lines carry several). Every line is split
 * HT / TVA / TTC with half-up rounding on its own; totals are the sums of the rounded lines, so HT + TVA = TTC holds
 * on each line and on the totals exactly.
 */
import { priceBase } from './base-price.ts';
import type { BreakdownStep, PricedProduct, ProductPlan, QuoteInput, QuoteResult, TaxSummaryEntry } from './contract.ts';
import { parseIsoDate } from './dates.ts';
import { discountLines } from './discounts.ts';
import { display, PricingError } from './errors.ts';
import { formatMoney, formatRateBp } from './format.ts';
import { type EngineLine, makeLine, toQuoteLine } from './lines.ts';
import { isCurrency, sumMinor } from './money.ts';
import { adjustmentAmount, selectOptions } from './options.ts';
import { applicablePromotions } from './promotions.ts';
import { monthlyEquivalent, recurrenceLabel, withRecurrenceFr } from './recurrence.ts';
import {
  MAX_QUANTITY,
  type PriceOption,
  type Promotion,
  throwFirstIssue,
  validateNegotiatedPrice,
  validateOptions,
  validatePromotion,
  validateRule,
} from './rules.ts';
import { COUNTRIES, type ResolvedTax, resolveTax } from './tax.ts';

export type { BreakdownStep, PricedProduct, ProductPlan, QuoteInput, QuoteResult, TaxSummaryEntry } from './contract.ts';

function checkProduct(product: PricedProduct): void {
  if (!product || typeof product !== 'object') throw new PricingError('product', 'Le produit est requis.');
  if (typeof product.sku !== 'string' || product.sku === '') throw new PricingError('product.sku', 'Le produit n’a pas de référence (sku).');
  if (typeof product.name !== 'string' || product.name === '') throw new PricingError('product.name', 'Le produit n’a pas de nom.');
  if (!Number.isSafeInteger(product.versionNumber) || product.versionNumber < 1) {
    throw new PricingError('product.versionNumber', 'Le numéro de version est un entier ≥ 1.');
  }
  if (!isCurrency(product.currency)) throw new PricingError('product.currency', 'Devise non prise en charge (EUR ou CHF).');
  if (!COUNTRIES.includes(product.country)) throw new PricingError('product.country', 'Pays de TVA non pris en charge (FR ou CH).');
  if (!Array.isArray(product.plans) || product.plans.length === 0) throw new PricingError('product.plans', 'Le produit n’a aucune formule.');
  product.plans.forEach((plan, i) => {
    if (!plan || typeof plan !== 'object' || typeof plan.code !== 'string' || typeof plan.name !== 'string' || !plan.rule) {
      throw new PricingError(`product.plans[${i}]`, 'Une formule a un code, un nom et une règle de prix.');
    }
  });
}

function planList(product: PricedProduct): string {
  return product.plans.map((p) => `${p.code} (${p.name})`).join(', ');
}

function selectPlan(product: PricedProduct, planCode: string | undefined): { plan: ProductPlan; index: number } {
  if (planCode === undefined) {
    const only = product.plans[0];
    if (product.plans.length === 1 && only) return { plan: only, index: 0 };
    throw new PricingError('planCode', `Choisissez une formule parmi : ${planList(product)}.`, 'unknown_plan');
  }
  const index = product.plans.findIndex((p) => p.code === planCode);
  const plan = product.plans[index];
  if (!plan) throw new PricingError('planCode', `Formule « ${display(planCode)} » inconnue. Formules disponibles : ${planList(product)}.`, 'unknown_plan');
  return { plan, index };
}

function checkQuantity(quantity: number | undefined): number {
  if (quantity === undefined) return 1;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new PricingError('quantity', `La quantité est un nombre entier de 1 à ${MAX_QUANTITY}.`, 'out_of_range');
  }
  return quantity;
}

function checkList<T>(list: T[] | undefined, field: string, validate: (item: unknown) => { path: string; message: string }[]): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new PricingError(field, 'Une liste est attendue.');
  for (const [i, item] of list.entries()) throwFirstIssue(validate(item), `${field}[${i}]`, 'invalid_input');
}

function adjustmentLines(
  kind: 'option' | 'surcharge',
  chosen: readonly PriceOption[],
  context: { plan: ProductPlan; planPath: string; tax: ResolvedTax; baseAmount: number; quantity: number; input: QuoteInput; product: PricedProduct },
  steps: BreakdownStep[],
): EngineLine[] {
  const { plan, product } = context;
  return chosen.map((option) => {
    const amount = adjustmentAmount(option, context.baseAmount, context.quantity, kind === 'option' ? 'options' : 'surcharges');
    const recurrence = option.recurrence ?? plan.rule.recurrence;
    const tax =
      option.taxCategory === undefined
        ? context.tax
        : resolveTax(product.country, option.taxCategory, option.exemptionCode, context.input.date, `${context.planPath}.${kind}s.${option.code}`);
    const perUnit = option.amount !== undefined;
    const how = perUnit
      ? `${formatMoney(option.amount ?? 0, product.currency)}${context.quantity > 1 ? ` × ${context.quantity}` : ''}`
      : `${formatRateBp(option.percentBp ?? 0)} de ${formatMoney(context.baseAmount, product.currency)}`;
    steps.push({ step: kind, detail: `${option.label} : ${how} → +${withRecurrenceFr(formatMoney(amount, product.currency), recurrence)}`, amount });
    return makeLine({
      kind,
      code: option.code,
      description: option.label,
      unitAmount: perUnit ? (option.amount ?? 0) : amount,
      quantity: perUnit ? context.quantity : 1,
      amount,
      taxMode: plan.rule.taxMode,
      tax,
      recurrence,
    });
  });
}

function promotionName(promotion: Promotion, currency: PricedProduct['currency']): string {
  const name = promotion.label ?? (promotion.code ? `Code promo ${promotion.code}` : 'Promotion');
  const how = promotion.percentBp !== undefined ? `-${formatRateBp(promotion.percentBp)}` : `-${formatMoney(promotion.amount ?? 0, currency)}`;
  return `${name} (${how})`;
}

function taxSummary(lines: readonly EngineLine[]): TaxSummaryEntry[] {
  const groups = new Map<string, TaxSummaryEntry>();
  for (const line of lines) {
    const key = `${line.rateBp}|${line.mention ?? ''}`;
    const entry = groups.get(key) ?? {
      tax_rate_bp: line.rateBp,
      tax_rate: formatRateBp(line.rateBp),
      tax_mention: line.mention,
      amount_excl_tax: 0,
      tax_amount: 0,
      amount_incl_tax: 0,
    };
    entry.amount_excl_tax = sumMinor([entry.amount_excl_tax, line.excl]);
    entry.tax_amount = sumMinor([entry.tax_amount, line.tax]);
    entry.amount_incl_tax = sumMinor([entry.amount_incl_tax, line.incl]);
    groups.set(key, entry);
  }
  return [...groups.values()];
}

/** Prices `input`, or throws a PricingError naming the field that cannot be priced. */
export function quote(input: QuoteInput): QuoteResult {
  if (!input || typeof input !== 'object') throw new PricingError('', 'La demande de devis est vide.');
  checkProduct(input.product);
  parseIsoDate(input.date, 'date');
  const product = input.product;
  for (const key of ['attributes', 'indices', 'bundleComponents'] as const) {
    const value = input[key];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new PricingError(key, 'Un objet { nom: valeur } est attendu.');
    }
  }
  for (const key of ['promotionCode', 'channel', 'customerId', 'usage', 'planCode'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && typeof value !== 'string') throw new PricingError(key, 'Un texte est attendu.');
  }
  const { plan, index } = selectPlan(product, input.planCode);
  const planPath = `product.plans[${index}]`;
  const rulePath = `${planPath}.rule`;
  throwFirstIssue(validateRule(plan.rule), rulePath);
  throwFirstIssue(validateOptions(plan.options, plan.surcharges), planPath);
  checkList(input.promotions, 'promotions', validatePromotion);
  checkList(input.negotiatedPrices, 'negotiatedPrices', validateNegotiatedPrice);
  if (input.options !== undefined && !(Array.isArray(input.options) && input.options.every((o) => typeof o === 'string'))) {
    throw new PricingError('options', 'Les options sont une liste de codes.');
  }
  const quantity = checkQuantity(input.quantity);
  const rule = plan.rule;
  if (rule.type === 'usage' && quantity !== 1) {
    throw new PricingError('quantity', 'Un tarif à l’usage se calcule sur la consommation (usage) ; la quantité vaut 1.');
  }
  const currency = product.currency;
  const tax = resolveTax(product.country, rule.taxCategory, rule.exemptionCode, input.date, `${rulePath}.taxCategory`);

  const steps: BreakdownStep[] = [
    {
      step: 'plan',
      detail: `Formule ${plan.name} (${plan.code}) – ${product.sku} version ${product.versionNumber}, prix ${rule.taxMode === 'incl' ? 'TTC' : 'HT'}`,
    },
  ];
  const base = priceBase({ product, plan, rulePath, quantity, input, tax });
  steps.push(...base.steps);
  const lines: EngineLine[] = [...base.lines];

  const adjustmentContext = { plan, planPath, tax, baseAmount: base.baseAmount, quantity, input, product };
  lines.push(...adjustmentLines('option', selectOptions(plan, input.options), adjustmentContext, steps));
  lines.push(...adjustmentLines('surcharge', plan.surcharges ?? [], adjustmentContext, steps));

  const promotions = applicablePromotions(input.promotions, {
    date: input.date,
    ...(input.channel === undefined ? {} : { channel: input.channel }),
    promotionCode: input.promotionCode ?? null,
  });
  for (const promotion of promotions) {
    const name = promotionName(promotion, currency);
    const result = discountLines(lines, promotion, rule.taxMode, (group, several) => ({
      kind: 'promotion',
      code: promotion.code ?? null,
      description: several ? `${name} – TVA ${formatRateBp(group.rateBp)}, ${recurrenceLabel(group.recurrence)}` : name,
    }));
    lines.push(...result.lines);
    steps.push({
      step: 'promotion',
      detail:
        result.amount === 0
          ? `${name} : rien à déduire`
          : `${name} : -${formatMoney(result.amount, currency)}${result.capped ? ' (plafonnée au montant restant)' : ''}`,
      amount: -result.amount,
    });
  }

  const publicLines = lines.map(toQuoteLine);
  const total_excl_tax = sumMinor(lines.map((l) => l.excl));
  const total_tax = sumMinor(lines.map((l) => l.tax));
  const total_incl_tax = sumMinor(lines.map((l) => l.incl));
  const summary = taxSummary(lines);
  for (const entry of summary) {
    steps.push(
      entry.tax_mention
        ? { step: 'tax', detail: entry.tax_mention, amount: 0 }
        : {
            step: 'tax',
            detail: `TVA ${entry.tax_rate} sur ${formatMoney(entry.amount_excl_tax, currency)} HT : ${formatMoney(entry.tax_amount, currency)}`,
            amount: entry.tax_amount,
          },
    );
  }
  steps.push({
    step: 'total',
    detail: `Total : ${formatMoney(total_excl_tax, currency)} HT + ${formatMoney(total_tax, currency)} TVA = ${formatMoney(total_incl_tax, currency)} TTC`,
    amount: total_incl_tax,
  });
  const recurring = lines.filter((l) => l.recurrence.kind === 'recurring');
  if (recurring.some((l) => recurrenceLabel(l.recurrence) !== 'monthly')) {
    const perMonth = sumMinor(recurring.map((l) => monthlyEquivalent(l.incl, l.recurrence) ?? 0));
    steps.push({ step: 'monthly_equivalent', detail: `Équivalent mensuel : ${formatMoney(perMonth, currency)} TTC / mois`, amount: perMonth });
  }

  return {
    currency,
    product_version: { sku: product.sku, name: product.name, version: product.versionNumber },
    plan: { code: plan.code, name: plan.name },
    tax_mode: rule.taxMode,
    lines: publicLines,
    total_excl_tax,
    total_tax,
    total_incl_tax,
    tax_summary: summary,
    breakdown: steps,
  };
}
