import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkoutLines } from './checkout-lines.ts';

describe('checkout lines', () => {
  it('keeps unit × quantity when it divides, folds the line otherwise', () => {
    expect(checkoutLines('CMD-1', [{ description: 'Basic', quantity: 2, amountInclTax: 1_980 }])).toEqual([{ description: 'Basic', unitAmount: 990, quantity: 2 }]);
    expect(checkoutLines('CMD-1', [{ description: 'Paliers', quantity: 3, amountInclTax: 1_000 }])).toEqual([{ description: '3 × Paliers', unitAmount: 1_000, quantity: 1 }]);
  });

  it('presents a discounted order as one line of its total', () => {
    const lines = [
      { description: 'Coaching', quantity: 1, amountInclTax: 89_000 },
      { description: 'Promo', quantity: 1, amountInclTax: -8_900 },
    ];
    expect(checkoutLines('CMD-7', lines)).toEqual([{ description: 'Commande CMD-7 — Coaching', unitAmount: 80_100, quantity: 1 }]);
  });

  it('always charges exactly the order total with non-negative units (property)', () => {
    const line = fc.record({ description: fc.string({ minLength: 1, maxLength: 10 }), quantity: fc.integer({ min: 1, max: 20 }), amountInclTax: fc.integer({ min: -5_000, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const total = lines.reduce((sum, l) => sum + l.amountInclTax, 0);
        fc.pre(total >= 0);
        const out = checkoutLines('CMD-1', lines);
        expect(out.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0)).toBe(total);
        for (const l of out) expect(l.unitAmount).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
