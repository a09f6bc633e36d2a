/**
 * Taking a discount (a bundle's or a promotion's) off lines that may carry several tax rates. Lines are grouped by
 * tax rate, exemption mention and recurrence; a percentage is taken off each group (rounded half-up per group), a
 * fixed amount is capped at what is left and spread over the groups in proportion to their amounts (largest
 * remainder, so the shares add up to the cent). Each group gets one negative line at its own rate.
 *
 * A discount line is split with the same per-line rounding as any line, then clamped (by at most a cent) so that a
 * group never goes below zero in HT or in TVA: after any number of discounts the group's HT, TVA and TTC stay ≥ 0,
 * and a group discounted to zero TTC is zero in HT and TVA too.
 */
import { assertMinor, Dec, roundHalfUp } from './money.ts';
import type { Recurrence } from './recurrence.ts';
import { recurrenceLabel } from './recurrence.ts';
import type { EngineLine, LineKind } from './lines.ts';
import type { Discount } from './rules.ts';
import type { TaxMode } from './tax.ts';

export interface TaxGroup {
  key: string;
  rateBp: number;
  mention: string | null;
  recurrence: Recurrence;
  excl: number;
  tax: number;
  incl: number;
}

/** Lines grouped by (rate, mention, recurrence), in order of first appearance, with their sums. */
export function taxGroups(lines: readonly EngineLine[]): TaxGroup[] {
  const groups = new Map<string, TaxGroup>();
  for (const line of lines) {
    const key = `${line.rateBp}|${line.mention ?? ''}|${recurrenceLabel(line.recurrence)}`;
    const group = groups.get(key) ?? { key, rateBp: line.rateBp, mention: line.mention, recurrence: line.recurrence, excl: 0, tax: 0, incl: 0 };
    group.excl += line.excl;
    group.tax += line.tax;
    group.incl += line.incl;
    groups.set(key, group);
  }
  return [...groups.values()];
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** Splits a discount of `amount` (> 0, ≤ what is left of the group in `basis`) into HT/TVA/TTC, all ≤ 0. */
export function discountSplit(group: TaxGroup, amount: number, basis: TaxMode): { excl: number; tax: number; incl: number } {
  const rate = group.rateBp;
  if (basis === 'incl') {
    const ideal = roundHalfUp(new Dec(amount).times(10_000).div(10_000 + rate));
    const excl = clamp(ideal, Math.max(0, amount - group.tax), Math.min(group.excl, amount));
    return { excl: -excl || 0, tax: -(amount - excl) || 0, incl: -amount || 0 };
  }
  const ideal = roundHalfUp(new Dec(amount).times(rate).div(10_000));
  const tax = amount === group.excl ? group.tax : clamp(ideal, 0, group.tax);
  return { excl: -amount || 0, tax: -tax || 0, incl: -(amount + tax) || 0 };
}

/** Shares of `total` in proportion to `weights` (non-negative), adding up exactly (largest remainder, ties by order). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const big = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = big.map((b) => b / BigInt(sum));
  const remainders = big.map((b, i) => ({ i, r: b % BigInt(sum) }));
  let left = total - shares.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  const result = shares.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left -= 1;
  }
  return result;
}

export interface DiscountLineLabel {
  kind: LineKind;
  code: string | null;
  description: string;
}

export interface DiscountResult {
  lines: EngineLine[];
  /** Total taken off, in `basis`. */
  amount: number;
  /** Whether a fixed amount was larger than what was left. */
  capped: boolean;
}

/**
 * The negative lines that take `discount` off `lines` (expressed in `basis`: TTC or HT). `label` names each line;
 * it receives the group and whether there are several groups.
 */
export function discountLines(
  lines: readonly EngineLine[],
  discount: Discount,
  basis: TaxMode,
  label: (group: TaxGroup, several: boolean) => DiscountLineLabel,
): DiscountResult {
  const groups = taxGroups(lines).filter((g) => (basis === 'incl' ? g.incl : g.excl) > 0);
  const left = groups.map((g) => (basis === 'incl' ? g.incl : g.excl));
  let amounts: number[];
  let capped = false;
  if (discount.percentBp !== undefined) {
    const bp = discount.percentBp;
    amounts = left.map((l) => Math.min(l, roundHalfUp(new Dec(l).times(bp).div(10_000))));
  } else {
    const wanted = assertMinor(discount.amount ?? 0);
    const available = left.reduce((a, b) => a + b, 0);
    capped = wanted > available;
    amounts = allocate(Math.min(wanted, available), left);
  }
  const out: EngineLine[] = [];
  const several = groups.length > 1;
  groups.forEach((group, i) => {
    const amount = amounts[i] ?? 0;
    if (amount <= 0) return;
    const split = discountSplit(group, amount, basis);
    out.push({
      ...label(group, several),
      unitAmount: basis === 'incl' ? split.incl : split.excl,
      quantity: 1,
      taxMode: basis,
      ...split,
      rateBp: group.rateBp,
      mention: group.mention,
      recurrence: group.recurrence,
    });
  });
  return { lines: out, amount: amounts.reduce((a, b) => a + b, 0), capped };
}
