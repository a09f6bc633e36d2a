/** The pricing engine's public entry point: pure functions, no I/O. See README.md. */
export type { BreakdownStep, PricedProduct, ProductPlan, QuoteInput, QuoteResult, TaxSummaryEntry } from './contract.ts';
export { ageOn, parseIsoDate } from './dates.ts';
export { PricingError, type PricingErrorCode, type PricingFieldError } from './errors.ts';
export {
  type ExpressionErrorCode,
  type ExpressionNode,
  ExpressionError,
  evaluateExpression,
  expressionVariables,
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
} from './expression.ts';
export { DEMO_PRODUCTS, DEPANSSUR, MECAFORMATION_COACHING, MECAFORMATION_SUBSCRIPTION, MONDIAL_TV, WIN_WIN, WIN_WIN_GRID } from './fixtures.ts';
export { formatMoney, formatRateBp, formatUnitAmount } from './format.ts';
export { type AttributeValue, type Attributes, type GridDomain, type GridIssue, gridDomains, matchGrid, validateGrid } from './grid.ts';
export type { LineKind, QuoteLine } from './lines.ts';
export { CURRENCIES, type Currency, Dec, parseDecimal, roundHalfUp, sumMinor, toMajorString, toMinor } from './money.ts';
export { quote } from './quote.ts';
export {
  daily,
  MAX_RECURRENCE_EVERY,
  monthly,
  monthlyEquivalent,
  ONE_TIME,
  parseRecurrenceLabel,
  type Recurrence,
  type RecurrenceUnit,
  recurrenceLabel,
  weekly,
  yearly,
} from './recurrence.ts';
export {
  type BundleComponent,
  type BundleRule,
  type Condition,
  type Discount,
  type FixedRule,
  type GridDimension,
  type GridRow,
  type GridRule,
  type IndexedRule,
  MAX_QUANTITY,
  type NegotiatedPrice,
  type PriceOption,
  type PricingRule,
  type PricingRuleType,
  type Promotion,
  RULE_TYPES,
  type RuleIssue,
  type Surcharge,
  type Tier,
  type TieredRule,
  type UsageRule,
  validateNegotiatedPrice,
  validateOptions,
  validatePromotion,
  validateRule,
} from './rules.ts';
export {
  COUNTRIES,
  type Country,
  EXEMPTIONS,
  type ExemptionCode,
  resolveTax,
  type ResolvedTax,
  type TaxCategory,
  type TaxLine,
  taxLine,
  type TaxMode,
  VAT_RATE_HISTORY,
  VAT_RATES_BP,
} from './tax.ts';
