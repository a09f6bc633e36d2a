/**
 * The worked examples of seed 003 §13 as commission schemes. What the seed leaves open is decided here (and in
 * README.md): the partner's rate for Action Prévoyance, all-units volume tiers for Mondial TV, the due day.
 */
import type { CommissionScheme } from './contract.ts';

/**
 * Assistance Action Prévoyance (partner): commission only; « Commission 1ère année : 100 % précomptée,
 * Renouvellement : 100 % »: the whole first-year commission is paid in advance at the sale (précomptée), a renewal
 * earns 100 % of the renewal commission when it happens (post-comptée). The seed gives no rate (the partner's, via
 * OggoData): 10 % of the annual premium HT here. Journal 756xx, the company keeps it all.
 */
export const ACTION_PREVOYANCE_SCHEME: CommissionScheme = {
  code: 'AP-SANTE-001',
  mode: 'commission_only',
  currency: 'EUR',
  base: 'premium',
  settlement: 'upfront',
  accrual: 'precompte',
  renewalAccrual: 'postcompte',
  appliesTo: 'both',
  rate: { bp: 1000 },
  split: { company: '1' },
  due: { kind: 'on_event' },
};

/**
 * Mondial TV — Offre TV (internal): monthly recurring revenue 9,90 / 19,90 / 29,90 € TTC (TVA 20 % → 8,25 / 16,58 /
 * 24,92 € HT); salesperson commissions by volume tiers 0–99 → 10 %, 100–499 → 12 %, 500+ → 15 % of the revenue HT,
 * counted on the salesperson's new sales of the month, all units at the tier reached; paid « le 15 du mois suivant ».
 */
export const MONDIAL_TV_SCHEME: CommissionScheme = {
  code: 'MTV-OFFRE-001',
  mode: 'internal_revenue',
  currency: 'EUR',
  base: 'revenue',
  settlement: 'recurring',
  accrual: 'postcompte',
  appliesTo: 'both',
  tiers: {
    basis: 'volume',
    mode: 'all_units',
    tiers: [
      { from: 0, rate: { bp: 1000 } },
      { from: 100, rate: { bp: 1200 } },
      { from: 500, rate: { bp: 1500 } },
    ],
  },
  tierScope: 'salesperson',
  split: { salesperson: '1' },
  due: { kind: 'day_of_month', day: 15, monthsAfter: 1 },
};

/** Mondial TV's monthly prices HT in cents (TTC 990 / 1990 / 2990 at 20 %, HT = round(TTC / 1,2)). */
export const MONDIAL_TV_MONTHLY_HT = { essentiel: 825, confort: 1658, premium: 2492 } as const;

/** Depanssur 100 € (service): one shot, internal revenue, TVA 20 %, immediate invoice — no commission scheme in the seed. */
export const DEPANSSUR = { sku: 'DEP-SERVICE-001', amountInclTax: 10000, vatRateBp: 2000 } as const;
