/**
 * The engine's public contract: what a quote takes and what it answers (snake_case, integer minor units). Types
 * only; `quote.ts` decides.
 */
import type { Attributes } from './grid.ts';
import type { QuoteLine } from './lines.ts';
import type { Currency } from './money.ts';
import type { PlanAdjustments } from './options.ts';
import type { NegotiatedPrice, PricingRule, Promotion } from './rules.ts';
import type { Country, TaxMode } from './tax.ts';

export interface ProductPlan extends PlanAdjustments {
  code: string;
  name: string;
  rule: PricingRule;
}

/** A product version as the engine needs it (the catalog's product + version + plans + rules). */
export interface PricedProduct {
  sku: string;
  name: string;
  versionNumber: number;
  currency: Currency;
  /** Where VAT is due (the selling company's country). */
  country: Country;
  plans: ProductPlan[];
}

export interface QuoteInput {
  product: PricedProduct;
  /** Defaults to the only plan; required when there are several. */
  planCode?: string;
  /** Integer ≥ 1, default 1 (must be 1 for usage prices, which use `usage`). */
  quantity?: number;
  /** Consumption for usage prices, a decimal string ("123.456"). */
  usage?: string;
  /** Grid attributes (`client_type`, `age` or `birth_date`, `employees`, `free`…). */
  attributes?: Attributes;
  /** The quote date, YYYY-MM-DD, in the company's time zone: validity of promotions, VAT rates, derived ages. */
  date: string;
  channel?: string;
  promotionCode?: string | null;
  customerId?: string;
  negotiatedPrices?: NegotiatedPrice[];
  promotions?: Promotion[];
  /** Codes of the options picked. */
  options?: string[];
  /** Index values by name, decimal strings ({ INDEX_SYNTEC: "296.4" }). */
  indices?: Record<string, string>;
  /** Bundle components already priced, by ref (each for its component quantity × the quote quantity). */
  bundleComponents?: Readonly<Record<string, QuoteResult>>;
  /** Prices a bundle component on demand (quantity = component quantity × quote quantity). */
  resolveBundleComponent?: (ref: string, quantity: number) => QuoteResult;
}

export interface BreakdownStep {
  /** plan, attribute, grid, base, tier, usage, index, negotiated, component, bundle_discount, option, surcharge, promotion, tax, total, monthly_equivalent */
  step: string;
  /** For people, in French: « Grille : particulier > 22 ans → CHF 185.– / an ». */
  detail: string;
  amount?: number;
}

export interface TaxSummaryEntry {
  tax_rate_bp: number;
  tax_rate: string;
  tax_mention: string | null;
  amount_excl_tax: number;
  tax_amount: number;
  amount_incl_tax: number;
}

export interface QuoteResult {
  currency: Currency;
  product_version: { sku: string; name: string; version: number };
  plan: { code: string; name: string };
  /** The tax mode the plan's prices are written in. */
  tax_mode: TaxMode;
  lines: QuoteLine[];
  total_excl_tax: number;
  total_tax: number;
  total_incl_tax: number;
  /** Sums of the lines per tax rate and mention (what an invoice's VAT breakdown shows). */
  tax_summary: TaxSummaryEntry[];
  breakdown: BreakdownStep[];
}
