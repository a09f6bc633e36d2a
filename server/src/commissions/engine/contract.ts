/**
 * The commission engine's input and output types. Money: integer minor units. Rates: exact (`Rate`). Dates: the
 * company's calendar days (`YYYY-MM-DD`); facts may carry instants, converted in the company's time zone.
 */
import type { LocalDate, Period } from './dates.ts';
import type { DueRule } from './due-date.ts';
import type { Currency } from './money.ts';
import type { Rate } from './rates.ts';
import type { Role, SplitPlan } from './split.ts';
import type { TierSet } from './tiers.ts';

/** Seed 003 §3.3: commission only (partner product), internal revenue (own product), or both. */
export type CommissionMode = 'commission_only' | 'internal_revenue' | 'mixed';
/** What the rate applies to: the partner's premium HT, our revenue HT, the margin, or nothing (a fixed amount). */
export type BaseKind = 'premium' | 'revenue' | 'margin' | 'fixed';
/** Which events produce commission: the sale (and renewals), each month of the contract, each collection. */
export type Settlement = 'upfront' | 'recurring' | 'on_collection';
/** Précompté: the year's commission is paid in advance; post-compté: computed after collection. */
export type Accrual = 'precompte' | 'postcompte';

export interface Bounds {
  min?: number;
  max?: number;
}

export interface Bonus {
  /** One-shot bonus (prime) of the period once `threshold` is reached: a count of sales, revenue or margin. */
  basis: 'volume' | 'revenue' | 'margin';
  threshold: number;
  amount: number;
  beneficiary?: Role;
  label?: string;
}

export interface CommissionScheme {
  code: string;
  mode: CommissionMode;
  currency: Currency;
  base: BaseKind;
  settlement: Settlement;
  accrual: Accrual;
  /** Renewal commissions may be settled differently (« 1re année précomptée, renouvellement 100 % »); default `accrual`. */
  renewalAccrual?: Accrual;
  appliesTo: 'new' | 'renewal' | 'both';
  /** First-year rate (when there are no tiers); `fixedAmount` per sale when `base` is `fixed`. */
  rate?: Rate;
  fixedAmount?: number;
  /** Renewal rate (upfront: renewal facts; recurring: months 13+; on collection: collections after month 12). Defaults to the first-year rate/tiers. */
  renewalRate?: Rate;
  tiers?: TierSet;
  /** Tiers and bonuses are measured per salesperson (default) or over all sales of the company. */
  tierScope?: 'salesperson' | 'company';
  bonuses?: Bonus[];
  /** Malus on early termination: `amount` taken back from `beneficiary` when cancelled within `months` of the sale. */
  malus?: { months: number; amount: number; beneficiary?: Role };
  /** Cancellation within `months` of a sale or renewal takes back its upfront commission, fully or pro rata temporis. */
  clawback?: { months: number; rule: 'full' | 'pro_rata' };
  /** Bounds of the commission of one line (before the split) and of one period per scope (adjustment lines). */
  perLine?: Bounds;
  perPeriod?: Bounds;
  split: SplitPlan;
  /** When lines fall due, from their event's day. Default: on the event. */
  due?: DueRule;
}

export interface Sale {
  id: string;
  /** Date (`YYYY-MM-DD`, local) or instant of the sale; it is also the contract's start. */
  at: string;
  salesperson?: string;
  manager?: string;
  partner?: string;
  /**
   * The base in minor units HT: for `upfront` the first year's premium or revenue (or the one-shot amount), for
   * `recurring` the monthly amount, for `on_collection` unused (collections carry it).
   */
  amount: number;
  /** The margin (same period as `amount`), for margin bases and tiers. */
  margin?: number;
  /** A reason to hold the sale's commission (« en attente de pièces CQ »): its lines are `gelee`. */
  hold?: string;
}

export interface Collection {
  saleId: string;
  at: string;
  /** Collected HT in minor units (the base of an on-collection commission). */
  amount: number;
  margin?: number;
}

export interface Renewal {
  saleId: string;
  at: string;
  /** The renewed year's premium or revenue HT (defaults to the sale's amount). */
  amount?: number;
  margin?: number;
}

export interface Cancellation {
  saleId: string;
  at: string;
}

export interface CommissionInput {
  company: { name?: string; timeZone: string; currency: Currency };
  scheme: CommissionScheme;
  sales: Sale[];
  collections?: Collection[];
  renewals?: Renewal[];
  cancellations?: Cancellation[];
  /** Recurring schemes produce monthly lines up to this day (inclusive), the caller's "today" in the company's zone. */
  until?: LocalDate;
}

export type CommissionStatus = 'precomptee' | 'postcomptee' | 'clawback' | 'gelee';
export type LineKind = 'commission' | 'renewal' | 'bonus' | 'malus' | 'clawback' | 'adjustment';

export interface CommissionLine {
  saleId: string | null;
  kind: LineKind;
  role: Role;
  /** The person or organisation behind the role (salesperson id, partner id…), null for the company or platform. */
  beneficiary: string | null;
  period: Period;
  /** Day of the event that produced the line (sale, month, collection, renewal, cancellation, end of period). */
  eventDate: LocalDate;
  dueDate: LocalDate;
  status: CommissionStatus;
  /** The base the rate applied to (minor units), 0 for fixed amounts. */
  base: number;
  /** Rate applied, as displayed (`12 %`), or null. */
  rate: string | null;
  tier: string | null;
  /** The whole commission of the event (before the split) and this beneficiary's share of it. */
  commission: number;
  share: string;
  amount: number;
  explanation: string;
}

export interface CommissionResult {
  currency: Currency;
  lines: CommissionLine[];
  /** Sums per period and role (sorted). */
  totals: { period: Period; role: Role; beneficiary: string | null; amount: number }[];
}
