import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampToBounds, periodAdjustment } from './bounds.ts';
import { clawbackAmount, inWindow } from './clawback.ts';

describe('clawback and bounds', () => {
  it('window: from the event day to the day before the same day `months` later', () => {
    expect(inWindow('2025-01-31', '2025-01-31', 1)).toBe(true);
    expect(inWindow('2025-01-31', '2025-02-27', 1)).toBe(true);
    expect(inWindow('2025-01-31', '2025-02-28', 1)).toBe(false);
    expect(inWindow('2025-01-31', '2025-01-30', 1)).toBe(false);
  });

  it('full takes everything back, pro rata the unearned twelfths (rounded once, half-up)', () => {
    const rule = { months: 12, rule: 'pro_rata' as const };
    expect(clawbackAmount(12_000, '2025-09-01', '2025-09-15', rule)).toEqual({ amount: -12_000, unearnedMonths: 12 });
    expect(clawbackAmount(12_000, '2025-09-01', '2025-12-01', rule)).toEqual({ amount: -9_000, unearnedMonths: 9 });
    expect(clawbackAmount(12_001, '2025-09-01', '2026-08-31', rule)).toEqual({ amount: -1_000, unearnedMonths: 1 }); // 1 000,083 → 1 000
    expect(clawbackAmount(12_000, '2025-09-01', '2026-09-01', rule).amount).toBe(0);
    expect(clawbackAmount(12_000, '2025-09-01', '2026-03-01', { months: 6, rule: 'full' }).amount).toBe(0);
    expect(clawbackAmount(12_000, '2025-09-01', '2026-02-28', { months: 6, rule: 'full' }).amount).toBe(-12_000);
  });

  it('property: pro rata is between nothing and everything, and shrinks as time passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 40 }), (commission, days, more) => {
        const at = (d: number) => new Date(Date.UTC(2025, 0, 31) + d * 86_400_000).toISOString().slice(0, 10);
        const rule = { months: 12, rule: 'pro_rata' as const };
        const a = clawbackAmount(commission, at(0), at(days), rule).amount;
        const b = clawbackAmount(commission, at(0), at(days + more), rule).amount;
        expect(a).toBeLessThanOrEqual(0);
        expect(-a).toBeLessThanOrEqual(commission);
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('property: bounds clamp, and the period adjustment lands the total inside them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (total, x, y) => {
        const bounds = { min: Math.min(x, y), max: Math.max(x, y) };
        const clamped = clampToBounds(total, bounds);
        expect(clamped).toBeGreaterThanOrEqual(bounds.min);
        expect(clamped).toBeLessThanOrEqual(bounds.max);
        expect(total + periodAdjustment(total, bounds)).toBe(clamped);
        if (total >= bounds.min && total <= bounds.max) expect(clamped).toBe(total);
      }),
    );
  });
});
