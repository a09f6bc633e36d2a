/**
 * The pricing rule payloads (what `catalog.pricing_rule.payload` holds, one discriminated union on `type`) and the
 * adjustments around them: options, surcharges, promotions, negotiated prices. Amounts are integer minor units in the
 * rule's tax mode (TTC when `taxMode: 'incl'`); unit prices that may hold fractions of a cent are decimal strings of
 * minor units ("12.5" = 0.125 €). `validateRule` and friends list every problem with its path, for the catalog's
 * editors; the quote refuses an invalid rule with the first one.
 */
import { ExpressionError, expressionVariables, parseExpression } from './expression.ts';
import { isIsoDate } from './dates.ts';
import { PricingError } from './errors.ts';
import { type Recurrence, validateRecurrence } from './recurrence.ts';
import { type ExemptionCode, isExemptionCode, type TaxCategory, type TaxMode } from './tax.ts';

export const MAX_QUANTITY = 1_000_000;
export const MAX_PERCENT_BP = 10_000;

export interface RuleBase {
  /** Whether the amounts of this rule (and of its options and surcharges) are tax-included (TTC) or not (HT). */
  taxMode: TaxMode;
  taxCategory: TaxCategory;
  /** Required when `taxCategory` is `exempt`: which legal mention the line carries. */
  exemptionCode?: ExemptionCode;
  recurrence: Recurrence;
  /** French wording of the base line when the plan name is not enough. */
  label?: string;
}

/** One price per unit. */
export interface FixedRule extends RuleBase {
  type: 'fixed';
  amount: number;
}

/** A tier covers the units after the previous tier's `upTo` up to its own (inclusive); the last is open (null). */
export interface Tier {
  upTo: number | null;
  /** Price of one unit in this tier, in minor units, fractions allowed ("12.5"). */
  unitAmount: string;
  /** Charged once when the quantity reaches into this tier (graduated) or falls in it (volume). */
  flatAmount?: number;
}

/**
 * `graduated`: each unit is priced in the tier it falls in (1–10 at one price, 11–50 at the next…).
 * `volume`: every unit is priced at the tier the total quantity falls in.
 */
export interface TieredRule extends RuleBase {
  type: 'tiered';
  mode: 'graduated' | 'volume';
  tiers: Tier[];
}

/** Priced on the consumption (`usage`, a decimal) rather than the quantity. */
export interface UsageRule extends RuleBase {
  type: 'usage';
  /** Price of one unit of usage in minor units, fractions allowed ("0.35"). */
  unitAmount: string;
  /** Charged at least this much (minor units). */
  minimumCharge?: number;
  /** Units included before any charge. */
  includedUnits?: number;
  /** The unit's name for people (`kWh`, `Go`, `minute`). */
  unit?: string;
}

/**
 * A unit price computed by a formula (see expression.ts) in minor units and rounded half-up to the cent. The
 * formula reads its `variables` (decimal strings), the value of the named `index` (as `index` and under its own name
 * when that is an identifier) and `quantity`.
 */
export interface IndexedRule extends RuleBase {
  type: 'indexed';
  formula: string;
  variables: Record<string, string>;
  index: string;
}

export type Condition =
  | { attribute: string; op: 'eq'; value: string | number | boolean }
  | { attribute: string; op: 'in'; values: (string | number)[] }
  /** Inclusive bounds, either side optional. */
  | { attribute: string; op: 'between'; min?: number; max?: number }
  | { attribute: string; op: 'is_true' };

export interface GridRow {
  /** All conditions must hold (an empty list always matches). */
  when: Condition[];
  amount: number;
  /** French wording shown in the quote: « particulier > 22 ans ». */
  label: string;
  code?: string;
}

/** What an attribute of the grid is; numeric domains are what `validateGrid` checks for gaps and overlaps. */
export interface GridDimension {
  type: 'integer' | 'number' | 'string' | 'boolean';
  label?: string;
  min?: number;
  max?: number;
  values?: string[];
}

/** An attribute grid: the first row whose conditions all hold gives the unit amount. */
export interface GridRule extends RuleBase {
  type: 'grid';
  dimensions?: Record<string, GridDimension>;
  rows: GridRow[];
}

export interface Discount {
  percentBp?: number;
  amount?: number;
}

export interface BundleComponent {
  /** What the caller resolves to a quote (e.g. `MTV-OFFRE-001:BASIC`). */
  ref: string;
  quantity: number;
  label?: string;
}

/**
 * A pack: the caller prices each component (a QuoteResult each); the engine keeps their lines (and their tax rates)
 * and takes the discount off, spread over the tax rates. `taxMode` says whether the discount amount is TTC or HT;
 * `taxCategory` and `recurrence` are the defaults of the pack's own options and surcharges.
 */
export interface BundleRule extends RuleBase {
  type: 'bundle';
  components: BundleComponent[];
  discount?: Discount;
}

export type PricingRule = FixedRule | TieredRule | UsageRule | IndexedRule | GridRule | BundleRule;
export type PricingRuleType = PricingRule['type'];
export const RULE_TYPES: readonly PricingRuleType[] = ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle'];

/**
 * An option the customer may pick (`context.options`), or — as a surcharge — one always added. A fixed `amount` is per
 * unit of quantity, in the rule's tax mode; `percentBp` is a share of the base line.
 */
export interface PriceOption {
  code: string;
  label: string;
  amount?: number;
  percentBp?: number;
  taxCategory?: TaxCategory;
  exemptionCode?: ExemptionCode;
  recurrence?: Recurrence;
}
export type Surcharge = PriceOption;

/**
 * A promotion: automatic when it has no code, else applied only when the quote's code matches (case-insensitive).
 * Valid from/to inclusive; limited to some channels when `channels` is set. Exactly one of `percentBp` or `amount`
 * (minor units, in the rule's tax mode). It never takes more than what is left to discount.
 */
export interface Promotion {
  code?: string;
  label?: string;
  percentBp?: number;
  amount?: number;
  validFrom?: string;
  validTo?: string;
  channels?: string[];
}

/** A price agreed with one customer: replaces the rule's unit amount (same tax mode), optionally for one sku/plan. */
export interface NegotiatedPrice {
  customerId: string;
  amount: number;
  sku?: string;
  planCode?: string;
  validFrom?: string;
  validTo?: string;
}

export interface RuleIssue {
  path: string;
  message: string;
}

const TAX_CATEGORIES: readonly TaxCategory[] = ['standard', 'intermediate', 'reduced', 'super_reduced', 'accommodation', 'exempt'];
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMinor = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const isUnitAmount = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && PLAIN_DECIMAL.test(v);

function join(prefix: string, key: string): string {
  return prefix === '' ? key : key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`;
}

class Issues {
  readonly list: RuleIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

function checkTax(value: Record<string, unknown>, path: string, issues: Issues, required: boolean): void {
  if (value.taxCategory === undefined && !required) return;
  if (!TAX_CATEGORIES.includes(value.taxCategory as TaxCategory)) {
    issues.add(join(path, 'taxCategory'), `Catégorie de TVA inconnue (attendu : ${TAX_CATEGORIES.join(', ')}).`);
  } else if (value.taxCategory === 'exempt' && !isExemptionCode(value.exemptionCode)) {
    issues.add(join(path, 'exemptionCode'), 'Une ligne exonérée doit indiquer son code d’exonération (FR-261-4-4a, FR-293B, CH-21).');
  }
  if (value.exemptionCode !== undefined && value.taxCategory !== 'exempt') {
    issues.add(join(path, 'exemptionCode'), 'Un code d’exonération n’a de sens que pour la catégorie « exempt ».');
  }
}

function checkRecurrence(value: unknown, path: string, issues: Issues): void {
  try {
    validateRecurrence(value, path);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    issues.add(path, error.message);
  }
}

function checkAmountOrPercent(value: Record<string, unknown>, path: string, issues: Issues, maxPercentBp: number): void {
  const hasAmount = value.amount !== undefined;
  const hasPercent = value.percentBp !== undefined;
  if (hasAmount === hasPercent) {
    issues.add(path, 'Indiquez soit un montant (amount), soit un pourcentage (percentBp), pas les deux.');
    return;
  }
  if (hasAmount && !isMinor(value.amount)) issues.add(join(path, 'amount'), 'Le montant doit être un entier de centimes positif ou nul.');
  if (hasPercent && !(Number.isInteger(value.percentBp) && (value.percentBp as number) >= 0 && (value.percentBp as number) <= maxPercentBp)) {
    issues.add(join(path, 'percentBp'), `Le pourcentage doit être un entier de points de base entre 0 et ${maxPercentBp}.`);
  }
}

function checkTiers(rule: Record<string, unknown>, issues: Issues): void {
  if (rule.mode !== 'graduated' && rule.mode !== 'volume') issues.add('mode', 'Mode de paliers inconnu (graduated ou volume).');
  const tiers = rule.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > 100) {
    issues.add('tiers', 'Il faut de 1 à 100 paliers.');
    return;
  }
  let previous = 0;
  tiers.forEach((tier: unknown, i) => {
    const path = `tiers[${i}]`;
    if (!isRecord(tier)) {
      issues.add(path, 'Palier invalide.');
      return;
    }
    const last = i === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) issues.add(join(path, 'upTo'), 'Seul le dernier palier est ouvert (upTo: null).');
    } else if (!(Number.isSafeInteger(tier.upTo) && (tier.upTo as number) > previous)) {
      issues.add(join(path, 'upTo'), `Les bornes des paliers doivent être des entiers strictement croissants (après ${previous}).`);
    } else {
      previous = tier.upTo as number;
      if (last) issues.add(join(path, 'upTo'), 'Le dernier palier doit être ouvert (upTo: null).');
    }
    if (!isUnitAmount(tier.unitAmount)) issues.add(join(path, 'unitAmount'), 'Le prix unitaire est un décimal positif de centimes (ex. "12.5").');
    if (tier.flatAmount !== undefined && !isMinor(tier.flatAmount)) {
      issues.add(join(path, 'flatAmount'), 'Le forfait du palier doit être un entier de centimes positif ou nul.');
    }
  });
}

function checkIndexed(rule: Record<string, unknown>, issues: Issues): void {
  if (!isText(rule.index, 60)) issues.add('index', 'Le nom de l’indice est requis.');
  const reserved = new Set(['index', 'quantity', ...(typeof rule.index === 'string' ? [rule.index] : [])]);
  const declared = new Set<string>(reserved);
  if (!isRecord(rule.variables)) {
    issues.add('variables', 'Les variables sont un objet { nom: "décimal" }.');
  } else {
    for (const [name, value] of Object.entries(rule.variables)) {
      if (!IDENTIFIER.test(name)) issues.add(`variables.${name}`, 'Nom de variable invalide.');
      else if (reserved.has(name)) issues.add(`variables.${name}`, `« ${name} » est réservé (indice ou quantité).`);
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) issues.add(`variables.${name}`, 'La valeur est un nombre décimal écrit en texte ("2990").');
      declared.add(name);
    }
  }
  if (typeof rule.formula !== 'string') {
    issues.add('formula', 'La formule est requise.');
    return;
  }
  try {
    const unknown = expressionVariables(parseExpression(rule.formula)).filter((name) => !declared.has(name));
    if (unknown.length > 0) issues.add('formula', `Variables non déclarées dans la formule : ${unknown.join(', ')}.`);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    issues.add('formula', `Formule invalide : ${error.message}.`);
  }
}

function checkCondition(condition: unknown, path: string, issues: Issues, dimensions: Record<string, unknown> | undefined): void {
  if (!isRecord(condition) || !isText(condition.attribute, 60)) {
    issues.add(path, 'Condition invalide (attribute requis).');
    return;
  }
  if (dimensions && !Object.hasOwn(dimensions, condition.attribute)) {
    issues.add(join(path, 'attribute'), `Attribut « ${condition.attribute} » absent des dimensions de la grille.`);
  }
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  switch (condition.op) {
    case 'eq':
      if (!(scalar(condition.value) || typeof condition.value === 'boolean')) issues.add(join(path, 'value'), 'Valeur de comparaison invalide.');
      return;
    case 'in':
      if (!Array.isArray(condition.values) || condition.values.length === 0 || !condition.values.every(scalar)) {
        issues.add(join(path, 'values'), 'La liste de valeurs doit être non vide.');
      }
      return;
    case 'between': {
      const { min, max } = condition;
      const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
      if (!finite(min) || !finite(max) || (min === undefined && max === undefined)) {
        issues.add(path, 'Une tranche (between) a au moins une borne numérique (min, max).');
      } else if (min !== undefined && max !== undefined && (min as number) > (max as number)) {
        issues.add(path, 'La borne min dépasse la borne max.');
      }
      return;
    }
    case 'is_true':
      return;
    default:
      issues.add(join(path, 'op'), 'Opérateur inconnu (eq, in, between, is_true).');
  }
}

function checkGrid(rule: Record<string, unknown>, issues: Issues): void {
  let dimensions: Record<string, unknown> | undefined;
  if (rule.dimensions !== undefined) {
    if (!isRecord(rule.dimensions)) issues.add('dimensions', 'Les dimensions sont un objet.');
    else {
      dimensions = rule.dimensions;
      for (const [name, dimension] of Object.entries(dimensions)) {
        if (!isRecord(dimension) || !['integer', 'number', 'string', 'boolean'].includes(dimension.type as string)) {
          issues.add(`dimensions.${name}`, 'Type de dimension inconnu (integer, number, string, boolean).');
          continue;
        }
        if (dimension.label !== undefined && !isText(dimension.label)) issues.add(`dimensions.${name}.label`, 'Libellé invalide.');
        for (const bound of ['min', 'max'] as const) {
          const v = dimension[bound];
          if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) issues.add(`dimensions.${name}.${bound}`, 'Borne numérique attendue.');
        }
        if (dimension.values !== undefined && !(Array.isArray(dimension.values) && dimension.values.every((v) => typeof v === 'string'))) {
          issues.add(`dimensions.${name}.values`, 'Liste de valeurs texte attendue.');
        }
      }
    }
  }
  if (!Array.isArray(rule.rows) || rule.rows.length === 0 || rule.rows.length > 1000) {
    issues.add('rows', 'La grille a de 1 à 1000 lignes.');
    return;
  }
  rule.rows.forEach((row: unknown, i) => {
    const path = `rows[${i}]`;
    if (!isRecord(row)) {
      issues.add(path, 'Ligne invalide.');
      return;
    }
    if (!isMinor(row.amount)) issues.add(join(path, 'amount'), 'Le montant est un entier de centimes positif ou nul.');
    if (!isText(row.label)) issues.add(join(path, 'label'), 'Le libellé de la ligne est requis.');
    if (!Array.isArray(row.when)) issues.add(join(path, 'when'), 'Les conditions sont une liste.');
    else {
      for (const [j, c] of (row.when as unknown[]).entries()) checkCondition(c, `${path}.when[${j}]`, issues, dimensions);
    }
  });
}

function checkBundle(rule: Record<string, unknown>, issues: Issues): void {
  if (!Array.isArray(rule.components) || rule.components.length === 0 || rule.components.length > 50) {
    issues.add('components', 'Un pack a de 1 à 50 composants.');
  } else {
    const seen = new Set<string>();
    rule.components.forEach((component: unknown, i) => {
      const path = `components[${i}]`;
      if (!isRecord(component) || !isText(component.ref, 120)) {
        issues.add(path, 'Composant invalide (ref requis).');
        return;
      }
      if (seen.has(component.ref)) issues.add(join(path, 'ref'), `Composant en double : ${component.ref}.`);
      seen.add(component.ref);
      if (!(Number.isSafeInteger(component.quantity) && (component.quantity as number) >= 1 && (component.quantity as number) <= MAX_QUANTITY)) {
        issues.add(join(path, 'quantity'), `La quantité est un entier de 1 à ${MAX_QUANTITY}.`);
      }
    });
  }
  if (rule.discount !== undefined) {
    if (!isRecord(rule.discount)) issues.add('discount', 'Remise invalide.');
    else checkAmountOrPercent(rule.discount, 'discount', issues, MAX_PERCENT_BP);
  }
}

/** Every problem of a rule payload, with its path inside the rule (`tiers[2].upTo`); empty when the rule is valid. */
export function validateRule(rule: unknown): RuleIssue[] {
  const issues = new Issues();
  if (!isRecord(rule)) {
    issues.add('', 'La règle de prix est un objet.');
    return issues.list;
  }
  if (rule.taxMode !== 'incl' && rule.taxMode !== 'excl') issues.add('taxMode', 'taxMode vaut « incl » (TTC) ou « excl » (HT).');
  checkTax(rule, '', issues, true);
  checkRecurrence(rule.recurrence, 'recurrence', issues);
  if (rule.label !== undefined && !isText(rule.label)) issues.add('label', 'Libellé invalide.');
  switch (rule.type) {
    case 'fixed':
      if (!isMinor(rule.amount)) issues.add('amount', 'Le montant est un entier de centimes positif ou nul.');
      break;
    case 'tiered':
      checkTiers(rule, issues);
      break;
    case 'usage':
      if (!isUnitAmount(rule.unitAmount)) issues.add('unitAmount', 'Le prix unitaire est un décimal positif de centimes (ex. "0.35").');
      if (rule.minimumCharge !== undefined && !isMinor(rule.minimumCharge)) issues.add('minimumCharge', 'Le minimum est un entier de centimes.');
      if (rule.includedUnits !== undefined && !(typeof rule.includedUnits === 'number' && Number.isFinite(rule.includedUnits) && rule.includedUnits >= 0)) {
        issues.add('includedUnits', 'Les unités incluses sont un nombre positif ou nul.');
      }
      break;
    case 'indexed':
      checkIndexed(rule, issues);
      break;
    case 'grid':
      checkGrid(rule, issues);
      break;
    case 'bundle':
      checkBundle(rule, issues);
      break;
    default:
      issues.add('type', `Type de règle inconnu (${RULE_TYPES.join(', ')}).`);
  }
  return issues.list;
}

/** Every problem of an option or surcharge list (codes unique across both lists), with paths. */
export function validateOptions(options: unknown, surcharges: unknown): RuleIssue[] {
  const issues = new Issues();
  const seen = new Set<string>();
  for (const [name, list] of [
    ['options', options],
    ['surcharges', surcharges],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      issues.add(name, 'Une liste est attendue.');
      continue;
    }
    list.forEach((option: unknown, i) => {
      const path = `${name}[${i}]`;
      if (!isRecord(option) || !isText(option.code, 60) || !isText(option.label)) {
        issues.add(path, 'Une option a un code et un libellé.');
        return;
      }
      if (seen.has(option.code)) issues.add(join(path, 'code'), `Code en double : ${option.code}.`);
      seen.add(option.code);
      checkAmountOrPercent(option, path, issues, 100 * MAX_PERCENT_BP);
      checkTax(option, path, issues, false);
      if (option.recurrence !== undefined) checkRecurrence(option.recurrence, join(path, 'recurrence'), issues);
    });
  }
  return issues.list;
}

/** Every problem of a promotion. */
export function validatePromotion(promotion: unknown): RuleIssue[] {
  const issues = new Issues();
  if (!isRecord(promotion)) {
    issues.add('', 'Promotion invalide.');
    return issues.list;
  }
  checkAmountOrPercent(promotion, '', issues, MAX_PERCENT_BP);
  if (promotion.code !== undefined && !isText(promotion.code, 60)) issues.add('code', 'Code promotionnel invalide.');
  if (promotion.label !== undefined && !isText(promotion.label)) issues.add('label', 'Libellé invalide.');
  for (const key of ['validFrom', 'validTo'] as const) {
    if (promotion[key] !== undefined && !isIsoDate(promotion[key])) issues.add(key, 'Date au format AAAA-MM-JJ attendue.');
  }
  if (isIsoDate(promotion.validFrom) && isIsoDate(promotion.validTo) && promotion.validFrom > promotion.validTo) {
    issues.add('validTo', 'La fin de validité précède son début.');
  }
  if (promotion.channels !== undefined && !(Array.isArray(promotion.channels) && promotion.channels.every((c) => isText(c, 60)))) {
    issues.add('channels', 'Les canaux sont une liste de noms.');
  }
  return issues.list;
}

/** Every problem of a negotiated price. */
export function validateNegotiatedPrice(price: unknown): RuleIssue[] {
  const issues = new Issues();
  if (!isRecord(price)) {
    issues.add('', 'Prix négocié invalide.');
    return issues.list;
  }
  if (!isText(price.customerId, 120)) issues.add('customerId', 'Le client est requis.');
  if (!isMinor(price.amount)) issues.add('amount', 'Le montant est un entier de centimes positif ou nul.');
  for (const key of ['validFrom', 'validTo'] as const) {
    if (price[key] !== undefined && !isIsoDate(price[key])) issues.add(key, 'Date au format AAAA-MM-JJ attendue.');
  }
  return issues.list;
}

/** Throws the first issue as a PricingError whose field is `prefix.path`. */
export function throwFirstIssue(issues: readonly RuleIssue[], prefix: string, code: 'invalid_rule' | 'invalid_input' = 'invalid_rule'): void {
  const first = issues[0];
  if (first) throw new PricingError(first.path === '' ? prefix : join(prefix, first.path), first.message, code);
}
