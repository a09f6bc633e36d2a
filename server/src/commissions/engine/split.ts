/**
 * Splitting a commission between beneficiaries (company, salesperson, manager, partner, platform) by the company's
 * plan. Shares are exact decimals that sum to exactly 1; the amount is allocated with the largest-remainder method
 * so the parts always add up to it. A negative amount (a clawback) is split as the exact mirror of the positive one,
 * so a commission and its full clawback cancel beneficiary by beneficiary.
 */
import type { Decimal } from 'decimal.js';
import { CommissionError } from './errors.ts';
import { assertMinor, Dec } from './money.ts';

export const ROLES = ['company', 'salesperson', 'manager', 'partner', 'platform'] as const;
export type Role = (typeof ROLES)[number];

/** Role → share as decimal text (`'0.6'`); roles left out get nothing. */
export type SplitPlan = Partial<Record<Role, string>>;

const SHARE_TEXT = /^\d+(\.\d+)?$/;

export function splitShares(plan: SplitPlan, field = 'scheme.split'): { role: Role; share: Decimal }[] {
  const shares: { role: Role; share: Decimal }[] = [];
  for (const key of Object.keys(plan)) {
    if (!(ROLES as readonly string[]).includes(key)) throw new CommissionError(`${field}.${key}`, `Bénéficiaire inconnu : « ${key} ».`, 'invalid_scheme');
  }
  let sum = new Dec(0);
  for (const role of ROLES) {
    const text = plan[role];
    if (text === undefined) continue;
    if (typeof text !== 'string' || !SHARE_TEXT.test(text) || new Dec(text).gt(1)) {
      throw new CommissionError(`${field}.${role}`, 'Une part est un décimal entre 0 et 1 écrit en texte (« 0.3 »).', 'invalid_scheme');
    }
    const share = new Dec(text);
    sum = sum.plus(share);
    if (!share.isZero()) shares.push({ role, share });
  }
  if (!sum.eq(1)) throw new CommissionError(field, `La somme des parts vaut ${sum.toString()} au lieu de 1.`, 'invalid_scheme');
  return shares;
}

/** Allocates `amount` minor units by the plan's shares: parts in the plan's role order, summing exactly to `amount`. */
export function allocate(amount: number, plan: SplitPlan): { role: Role; share: string; amount: number }[] {
  assertMinor(amount);
  const shares = splitShares(plan);
  const magnitude = Math.abs(amount);
  const sign = amount < 0 ? -1 : 1;
  const exact = shares.map(({ role, share }) => ({ role, share, exact: share.times(magnitude) }));
  const parts = exact.map((p) => p.exact.floor().toNumber());
  let left = magnitude - parts.reduce((a, b) => a + b, 0);
  // Largest remainders first; ties go to the earlier role (company before salesperson…), deterministically.
  const order = exact.map((p, i) => ({ i, remainder: p.exact.minus(p.exact.floor()) })).sort((x, y) => y.remainder.comparedTo(x.remainder) || x.i - y.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return exact.map((p, i) => ({ role: p.role, share: p.share.toString(), amount: parts[i]! * sign === 0 ? 0 : parts[i]! * sign }));
}
