import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { fromQuoteLine, makeLine, toQuoteLine } from './lines.ts';
import { monthly, yearly } from './recurrence.ts';
import { resolveTax } from './tax.ts';

describe('lines', () => {
  const line = makeLine({
    kind: 'base',
    code: 'BASIC',
    description: 'Offre TV – Essentiel',
    unitAmount: 990,
    quantity: 1,
    amount: 990,
    taxMode: 'incl',
    tax: resolveTax('FR', 'standard'),
    recurrence: monthly(),
  });

  it('splits the amount once and shows it in the public shape', () => {
    expect(toQuoteLine(line)).toEqual({
      kind: 'base',
      code: 'BASIC',
      description: 'Offre TV – Essentiel',
      unit_amount: 990,
      quantity: 1,
      tax_mode: 'incl',
      amount_excl_tax: 825,
      tax_rate_bp: 2000,
      tax_rate: '20 %',
      tax_amount: 165,
      amount_incl_tax: 990,
      tax_mention: null,
      recurrence: 'monthly',
      monthly_equivalent: 990,
    });
  });

  it('gives the monthly equivalent of the TTC amount and the exemption mention', () => {
    const exempt = makeLine({
      kind: 'base',
      code: null,
      description: 'Mandat',
      unitAmount: 18_500,
      quantity: 1,
      amount: 18_500,
      taxMode: 'incl',
      tax: resolveTax('CH', 'exempt', 'CH-21'),
      recurrence: yearly(),
    });
    const shown = toQuoteLine(exempt);
    expect(shown.monthly_equivalent).toBe(1542);
    expect(shown.tax_mention).toContain('art. 21 LTVA');
    expect(shown.recurrence).toBe('yearly');
  });

  it('reads public lines back and refuses inconsistent ones', () => {
    const shown = toQuoteLine(line);
    expect(fromQuoteLine(shown, 'x')).toEqual({ ...line, kind: 'component' });
    expect(() => fromQuoteLine({ ...shown, tax_amount: 164 }, 'bundleComponents.A.lines[0]')).toThrow(PricingError);
    expect(() => fromQuoteLine({ ...shown, amount_excl_tax: 825.5, tax_amount: 164.5 }, 'x')).toThrow(PricingError);
    expect(() => fromQuoteLine({ ...shown, recurrence: 'sometimes' }, 'x')).toThrow(PricingError);
  });
});
