import { Decimal } from 'decimal.js';

/**
 * Annex A §4: the shares of a commission split (company, sales person, manager…) add
 * up to exactly 1, each between 0 and 1. Shares are decimals, never binary floats.
 */
export type SplitCheck = { ok: true; sum: string } | { ok: false; sum: string; problems: { beneficiary: string; message: string }[] };

export function checkCommissionSplit(split: Record<string, string | number>): SplitCheck {
  const problems: { beneficiary: string; message: string }[] = [];
  let sum = new Decimal(0);
  const entries = Object.entries(split);
  if (entries.length === 0) return { ok: false, sum: '0', problems: [{ beneficiary: '*', message: 'au moins un bénéficiaire' }] };
  for (const [beneficiary, raw] of entries) {
    let share: Decimal;
    try {
      share = new Decimal(String(raw));
    } catch {
      problems.push({ beneficiary, message: 'part illisible' });
      continue;
    }
    if (!share.isFinite() || share.lt(0) || share.gt(1)) problems.push({ beneficiary, message: 'part entre 0 et 1 attendue' });
    else sum = sum.plus(share);
  }
  const total = sum.toString();
  if (problems.length === 0 && sum.eq(1)) return { ok: true, sum: total };
  if (!sum.eq(1)) problems.push({ beneficiary: '*', message: `la somme des parts vaut ${total} au lieu de 1` });
  return { ok: false, sum: total, problems };
}
