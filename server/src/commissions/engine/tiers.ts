/**
 * Which tier (palier) applies. A tier starts at `from` (inclusive) and ends where the next one starts (exclusive);
 * the last one is open. The basis says what is measured:
 *  - `volume`  the number of sales of the period (the k-th sale sits at position k: tiers 0–99 / 100+ put the
 *              100th sale in the second tier);
 *  - `revenue` / `margin`  cumulated amounts in minor units (a sale covers the slice [before, before + amount));
 *  - `months`  the month of the contract (1 for the first month): time tiers « M1–M3 puis standard ».
 * Graduated (marginal): each sale — or each slice of an amount — gets its own tier's rate. All-units: every sale of
 * the period gets the tier the period's total reaches, so the commission jumps when a threshold is crossed.
 */
import type { Decimal } from 'decimal.js';
import { CommissionError } from './errors.ts';
import { type Rate, rateValue } from './rates.ts';

export type TierBasis = 'volume' | 'revenue' | 'margin' | 'months';
export type TierMode = 'graduated' | 'all_units';

export interface CommissionTier {
  /** Inclusive lower bound: a count, an amount in minor units, or a month number. */
  from: number;
  /** Rate on the line's base… */
  rate?: Rate;
  /** …or a fixed amount per sale in minor units (volume and months tiers only). */
  amount?: number;
}

export interface TierSet {
  basis: TierBasis;
  mode: TierMode;
  tiers: CommissionTier[];
}

/** A tier applied to the share `part / of` of a sale's base (1/1 for all of it). */
export interface TierPick {
  tierIndex: number;
  part: number;
  of: number;
}

/** `value × part / of`, multiplying before dividing so an exact result stays exact. */
export function applyWeight(value: Decimal, pick: TierPick): Decimal {
  return pick.part === pick.of ? value : value.times(pick.part).div(pick.of);
}

export function validateTiers(set: TierSet, field = 'scheme.tiers'): void {
  if (!['volume', 'revenue', 'margin', 'months'].includes(set.basis)) throw new CommissionError(`${field}.basis`, 'Base de palier inconnue.', 'invalid_scheme');
  if (!['graduated', 'all_units'].includes(set.mode)) throw new CommissionError(`${field}.mode`, 'Mode de palier inconnu (graduated ou all_units).', 'invalid_scheme');
  if (!Array.isArray(set.tiers) || set.tiers.length === 0) throw new CommissionError(`${field}.tiers`, 'Au moins un palier.', 'invalid_scheme');
  let previous = -1;
  for (const [i, tier] of set.tiers.entries()) {
    const at = `${field}.tiers[${i}]`;
    if (!Number.isSafeInteger(tier.from) || tier.from < 0 || tier.from <= previous) {
      throw new CommissionError(`${at}.from`, 'Les bornes des paliers sont des entiers positifs strictement croissants.', 'invalid_scheme');
    }
    previous = tier.from;
    if ((tier.rate === undefined) === (tier.amount === undefined)) throw new CommissionError(at, 'Un palier a soit un taux, soit un montant.', 'invalid_scheme');
    if (tier.rate !== undefined) rateValue(tier.rate, `${at}.rate`);
    if (tier.amount !== undefined) {
      if (!Number.isSafeInteger(tier.amount) || tier.amount < 0) throw new CommissionError(`${at}.amount`, 'Un montant de palier est un entier positif de centimes.', 'invalid_scheme');
      if (set.basis === 'revenue' || set.basis === 'margin') throw new CommissionError(`${at}.amount`, 'Un montant fixe par vente ne s’applique qu’aux paliers de volume ou de mois.', 'invalid_scheme');
    }
  }
}

/** Index of the tier containing `position`, or null below the first tier. */
export function tierAt(set: TierSet, position: number): number | null {
  let found: number | null = null;
  for (const [i, tier] of set.tiers.entries()) if (tier.from <= position) found = i;
  return found;
}


/**
 * Tiers for the sales of one period, in order. `measures[i]` is what sale i adds to the basis: 1 for `volume`, its
 * revenue or margin in minor units otherwise (months tiers are per line: use `tierAt`).
 */
export function assignTiers(set: TierSet, measures: readonly number[]): TierPick[][] {
  if (set.basis === 'months') throw new CommissionError('scheme.tiers.basis', 'Les paliers de mois se lisent ligne par ligne.', 'invalid_scheme');
  const total = measures.reduce((a, b) => a + b, 0);
  if (set.mode === 'all_units') {
    const index = tierAt(set, total);
    return measures.map(() => (index === null ? [] : [{ tierIndex: index, part: 1, of: 1 }]));
  }
  let before = 0;
  return measures.map((measure) => {
    const start = before;
    before += measure;
    if (set.basis === 'volume' || measure === 0) {
      const index = tierAt(set, set.basis === 'volume' ? before : start);
      return index === null ? [] : [{ tierIndex: index, part: 1, of: 1 }];
    }
    const picks: TierPick[] = [];
    for (const [i, tier] of set.tiers.entries()) {
      const upper = set.tiers[i + 1]?.from ?? Number.POSITIVE_INFINITY;
      const overlap = Math.min(upper, start + measure) - Math.max(tier.from, start);
      if (overlap > 0) picks.push(overlap === measure ? { tierIndex: i, part: 1, of: 1 } : { tierIndex: i, part: overlap, of: measure });
    }
    return picks;
  });
}

/** Human label of a tier: `100–499 ventes`, `à partir de 500 ventes`, `mois 1–3`, `1 000,00 € – 4 999,99 €`. */
export function tierLabel(set: TierSet, index: number, formatAmount: (minor: number) => string): string {
  const tier = set.tiers[index]!;
  const next = set.tiers[index + 1];
  const unit = set.basis === 'volume' ? ' ventes' : '';
  const show = (n: number) => (set.basis === 'volume' || set.basis === 'months' ? String(n) : formatAmount(n));
  const upper = next === undefined ? null : next.from - (set.basis === 'volume' || set.basis === 'months' ? 1 : 1);
  const prefix = set.basis === 'months' ? 'mois ' : set.basis === 'margin' ? 'marge ' : set.basis === 'revenue' ? 'CA ' : '';
  if (upper === null) return `${prefix}à partir de ${show(tier.from)}${unit}`;
  return `${prefix}${show(tier.from)}–${show(upper)}${unit}`;
}
