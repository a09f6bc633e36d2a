/**
 * What a cancellation takes back of an upfront commission (Annex C §4 « Clawback : commission à restituer en cas de
 * résiliation anticipée »): nothing outside the window; inside it, everything (`full`) or the unearned months of the
 * year paid (`pro_rata`: commission × (12 − whole months elapsed) / 12, rounded once). Always ≤ 0.
 */
import { addMonths, type LocalDate, wholeMonthsBetween } from './dates.ts';
import { Dec, roundCommission } from './money.ts';

export interface ClawbackRule {
  months: number;
  rule: 'full' | 'pro_rata';
}

export function inWindow(eventDate: LocalDate, cancelledOn: LocalDate, months: number): boolean {
  return cancelledOn >= eventDate && cancelledOn < addMonths(eventDate, months);
}

export function clawbackAmount(commission: number, eventDate: LocalDate, cancelledOn: LocalDate, rule: ClawbackRule): { amount: number; unearnedMonths: number } {
  if (!inWindow(eventDate, cancelledOn, rule.months) || commission === 0) return { amount: 0, unearnedMonths: 0 };
  if (rule.rule === 'full') return { amount: -commission, unearnedMonths: 12 };
  const unearnedMonths = 12 - Math.min(12, wholeMonthsBetween(eventDate, cancelledOn));
  const amount = -roundCommission(new Dec(commission).times(unearnedMonths).div(12));
  return { amount: amount === 0 ? 0 : amount, unearnedMonths };
}
