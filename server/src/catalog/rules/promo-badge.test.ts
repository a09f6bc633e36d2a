import { describe, expect, it } from 'vitest';
import { promotionInForce, withPromoBadge } from './promo-badge.ts';

const at = (iso: string) => new Date(iso);

describe('the automatic Promo badge', () => {
  it('is added while a promotion is in force today, bounds inclusive', () => {
    const march = { validFrom: at('2026-02-28T23:00:00Z'), validTo: at('2026-03-30T22:00:00Z') }; // 1 → 31 March, Paris
    expect(withPromoBadge(['nouveau'], [march], at('2026-03-01T08:00:00Z'), 'Europe/Paris')).toEqual(['nouveau', 'promo']);
    expect(withPromoBadge([], [march], at('2026-03-31T21:59:00Z'), 'Europe/Paris')).toEqual(['promo']);
  });

  it('is not added before or after the period, nor without promotions', () => {
    const march = { validFrom: at('2026-02-28T23:00:00Z'), validTo: at('2026-03-30T22:00:00Z') };
    expect(withPromoBadge(['beta'], [march], at('2026-02-28T22:59:00Z'), 'Europe/Paris')).toEqual(['beta']);
    expect(withPromoBadge([], [march], at('2026-03-31T22:00:00Z'), 'Europe/Paris')).toEqual([]);
    expect(withPromoBadge(['sur_devis'], [], at('2026-03-15T12:00:00Z'), 'Europe/Paris')).toEqual(['sur_devis']);
  });

  it('reads "today" in the company time zone, not in UTC', () => {
    // 23:30 UTC on 31 March is already 1 April in Zurich (UTC+2 in summer).
    const april = { validFrom: at('2026-03-31T22:00:00Z'), validTo: null };
    expect(withPromoBadge([], [april], at('2026-03-31T23:30:00Z'), 'Europe/Zurich')).toEqual(['promo']);
    expect(withPromoBadge([], [april], at('2026-03-31T21:30:00Z'), 'Europe/Zurich')).toEqual([]);
  });

  it('treats open bounds as unbounded and never repeats a badge chosen by hand', () => {
    expect(promotionInForce({ validFrom: null, validTo: null }, '2026-06-01', 'Europe/Paris')).toBe(true);
    expect(promotionInForce({ validFrom: null, validTo: at('2026-05-31T22:00:00Z') }, '2026-06-01', 'Europe/Paris')).toBe(true);
    expect(promotionInForce({ validFrom: null, validTo: at('2026-05-30T22:00:00Z') }, '2026-06-01', 'Europe/Paris')).toBe(false);
    expect(withPromoBadge(['promo', 'nouveau'], [{ validFrom: null, validTo: null }], at('2026-06-01T10:00:00Z'), 'Europe/Paris')).toEqual(['promo', 'nouveau']);
  });
});
