import { describe, expect, it } from 'vitest';
import { findNegotiatedPrice } from './negotiated.ts';
import type { NegotiatedPrice } from './rules.ts';

const context = { customerId: 'C-42', sku: 'MTV-OFFRE-001', planCode: 'BASIC', date: '2026-03-01' };

describe('findNegotiatedPrice', () => {
  it('finds the customer’s price, the most specific first', () => {
    const general: NegotiatedPrice = { customerId: 'C-42', amount: 900 };
    const forSku: NegotiatedPrice = { customerId: 'C-42', amount: 850, sku: 'MTV-OFFRE-001' };
    const forPlan: NegotiatedPrice = { customerId: 'C-42', amount: 800, sku: 'MTV-OFFRE-001', planCode: 'BASIC' };
    expect(findNegotiatedPrice([general, forSku, forPlan], context)).toBe(forPlan);
    expect(findNegotiatedPrice([general, forSku], context)).toBe(forSku);
    expect(findNegotiatedPrice([general], context)).toBe(general);
  });

  it('ignores other customers, products, plans and periods', () => {
    expect(findNegotiatedPrice([{ customerId: 'C-1', amount: 1 }], context)).toBeNull();
    expect(findNegotiatedPrice([{ customerId: 'C-42', amount: 1, sku: 'OTHER' }], context)).toBeNull();
    expect(findNegotiatedPrice([{ customerId: 'C-42', amount: 1, planCode: 'PREMIUM' }], context)).toBeNull();
    expect(findNegotiatedPrice([{ customerId: 'C-42', amount: 1, validTo: '2026-02-28' }], context)).toBeNull();
    expect(findNegotiatedPrice([{ customerId: 'C-42', amount: 1 }], { ...context, customerId: undefined })).toBeNull();
  });
});
