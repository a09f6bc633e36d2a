import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentHalfUp, splitRefund, splitSale } from './marketplace-split.ts';

const seedPlan = { commissionBp: 1500, providerFeeBp: 290, providerFeeFixed: 30 };

describe('marketplace split (seed 000 B.2)', () => {
  it('takes 2.9 % + 0.30 € and 15 % from a 1,490 € course', () => {
    // 149000 × 2.9 % = 4321, + 30 = 4351; 15 % = 22350; the merchant keeps the rest.
    expect(splitSale(149_000, seedPlan)).toEqual({ amount: 149_000, providerFee: 4_351, platformCommission: 22_350, merchantShare: 122_299 });
  });

  it('rounds half up to the cent', () => {
    expect(percentHalfUp(50, 290)).toBe(1); // 1.45 → 1
    expect(percentHalfUp(150, 1500)).toBe(23); // 22.5 → 23
  });

  it('always adds up to the amount, with no negative share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 500 }), (amount, commissionBp, providerFeeBp, providerFeeFixed) => {
        const split = splitSale(amount, { commissionBp, providerFeeBp, providerFeeFixed });
        expect(split.providerFee + split.platformCommission + split.merchantShare).toBe(amount);
        expect(Math.min(split.providerFee, split.platformCommission, split.merchantShare)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a full refund takes the whole merchant share back; partial refunds add up to the same (property)', () => {
    const policy = { reverseMerchantShare: true, returnCommission: true };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }), (amount, weights) => {
        const sale = splitSale(amount, seedPlan);
        const full = splitRefund(sale, 0, amount, policy);
        expect(full.merchantShareReversed).toBe(0 - sale.merchantShare);
        expect(full.commissionReturned).toBe(sale.platformCommission);
        let refunded = 0;
        let reversed = 0;
        const total = weights.reduce((a, b) => a + b, 0);
        for (const [i, w] of weights.entries()) {
          const next = i === weights.length - 1 ? amount : Math.min(amount, refunded + Math.floor((amount * w) / total));
          reversed += splitRefund(sale, refunded, next, policy).merchantShareReversed;
          refunded = next;
        }
        expect(reversed).toBe(0 - sale.merchantShare);
      }),
    );
  });

  it('makes the merchant fund the commission part when the platform keeps its commission', () => {
    const sale = splitSale(10_000, seedPlan);
    expect(splitRefund(sale, 0, 10_000, { reverseMerchantShare: true, returnCommission: false })).toEqual({
      merchantShareReversed: -(sale.merchantShare + sale.platformCommission),
      commissionReturned: 0,
    });
  });

  it('leaves the merchant share alone when the policy says so', () => {
    const sale = splitSale(10_000, seedPlan);
    expect(splitRefund(sale, 0, 10_000, { reverseMerchantShare: false, returnCommission: false })).toEqual({ merchantShareReversed: 0, commissionReturned: 0 });
  });
});
