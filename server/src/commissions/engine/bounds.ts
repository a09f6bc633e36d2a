/**
 * Minimum and maximum of a commission: per line (the event's commission is clamped) and per period (the period's
 * total for a scope is brought back inside the bounds by one adjustment line: a guaranteed minimum tops up, a cap
 * takes back the excess).
 */
import type { Bounds } from './contract.ts';

export function clampToBounds(amount: number, bounds: Bounds | undefined): number {
  if (!bounds) return amount;
  let value = amount;
  if (bounds.min !== undefined && value < bounds.min) value = bounds.min;
  if (bounds.max !== undefined && value > bounds.max) value = bounds.max;
  return value;
}

/** The adjustment that brings a period's total inside the bounds (0 when it already is). */
export function periodAdjustment(total: number, bounds: Bounds | undefined): number {
  return clampToBounds(total, bounds) - total;
}
