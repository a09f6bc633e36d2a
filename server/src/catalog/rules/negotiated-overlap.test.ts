import { describe, expect, it } from 'vitest';
import { type Agreement, overlappingAgreement } from './negotiated-overlap.ts';

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const agreement = (patch: Partial<Agreement>): Agreement => ({ id: 'a', customerRef: 'C-1', planCode: 'BASIC', validFrom: null, validTo: null, ...patch });

describe('overlapping negotiated prices', () => {
  const march = agreement({ id: 'march', validFrom: day('2026-03-01'), validTo: day('2026-03-31') });

  it('finds an agreement of the same customer and plan valid on a shared day (bounds inclusive)', () => {
    expect(overlappingAgreement(agreement({ id: 'new', validFrom: day('2026-03-31'), validTo: null }), [march])).toBe(march);
    expect(overlappingAgreement(agreement({ id: 'new', validFrom: null, validTo: day('2026-03-01') }), [march])).toBe(march);
    expect(overlappingAgreement(agreement({ id: 'new' }), [march])).toBe(march);
  });

  it('accepts back-to-back periods, other customers, other plans and a plan-specific price beside an all-plans one', () => {
    expect(overlappingAgreement(agreement({ id: 'new', validFrom: day('2026-04-01') }), [march])).toBeUndefined();
    expect(overlappingAgreement(agreement({ id: 'new', validTo: day('2026-02-28') }), [march])).toBeUndefined();
    expect(overlappingAgreement(agreement({ id: 'new', customerRef: 'C-2' }), [march])).toBeUndefined();
    expect(overlappingAgreement(agreement({ id: 'new', planCode: 'PREMIUM' }), [march])).toBeUndefined();
    expect(overlappingAgreement(agreement({ id: 'new', planCode: null }), [march])).toBeUndefined();
  });

  it('does not compare an agreement with itself when it is edited', () => {
    expect(overlappingAgreement({ ...march, validTo: day('2026-04-30') }, [march])).toBeUndefined();
  });
});
