import { describe, expect, it } from 'vitest';
import type { CommissionScheme } from '../../../catalogApi.ts';
import { bpToFraction, bpToPercentText, decimalToText, formToInput, fractionToBp, newSchemeForm, percentToBp, schemeFormErrors, schemeToForm, splitSumBp, toDecimalText } from './schemeForm.ts';

describe('percent ↔ basis points ↔ fraction', () => {
  it('reads French and English percents with at most two decimals', () => {
    expect(percentToBp('70')).toBe(7000);
    expect(percentToBp('33,33')).toBe(3333);
    expect(percentToBp('12.5')).toBe(1250);
    expect(percentToBp(' 0,01 % ')).toBe(1);
    expect(percentToBp('100')).toBe(10_000);
    expect(percentToBp('100,01')).toBeNull();
    expect(percentToBp('1,234')).toBeNull();
    expect(percentToBp('-5')).toBeNull();
    expect(percentToBp('')).toBeNull();
    expect(percentToBp('abc')).toBeNull();
  });

  it('writes the catalog fraction exactly', () => {
    expect(bpToFraction(7000)).toBe('0.7');
    expect(bpToFraction(3333)).toBe('0.3333');
    expect(bpToFraction(10_000)).toBe('1');
    expect(bpToFraction(1)).toBe('0.0001');
    expect(bpToFraction(0)).toBe('0');
  });

  it('round-trips every basis point through fraction and percent text', () => {
    for (let bp = 0; bp <= 10_000; bp++) {
      expect(fractionToBp(bpToFraction(bp))).toBe(bp);
      expect(percentToBp(bpToPercentText(bp))).toBe(bp);
    }
  });

  it('reads stored fractions, trailing zeros included, and refuses finer ones', () => {
    expect(fractionToBp('0.7000')).toBe(7000);
    expect(fractionToBp(1)).toBe(10_000);
    expect(fractionToBp('0.33333')).toBeNull();
    expect(fractionToBp('x')).toBeNull();
  });

  it('converts tier decimals both ways', () => {
    expect(toDecimalText('12,5')).toBe('12.5');
    expect(toDecimalText('100')).toBe('100');
    expect(toDecimalText('0,1000')).toBe('0.1');
    expect(toDecimalText('1,23456')).toBeNull();
    expect(decimalToText('100.0000')).toBe('100');
    expect(decimalToText('12.5000')).toBe('12,5');
    expect(decimalToText(null)).toBe('');
  });
});

describe('split sum', () => {
  it('adds the readable shares in basis points, without float drift', () => {
    expect(splitSumBp([{ percent: '70' }, { percent: '30' }])).toBe(10_000);
    expect(splitSumBp([{ percent: '33,33' }, { percent: '33,33' }, { percent: '33,34' }])).toBe(10_000);
    expect(splitSumBp([{ percent: '10,1' }, { percent: '20,2' }])).toBe(3030);
    expect(splitSumBp([{ percent: 'x' }, { percent: '60' }])).toBe(6000);
    expect(splitSumBp([])).toBe(0);
  });
});

describe('scheme form', () => {
  const plans = [{ id: 'p1', code: 'ESSENTIEL' }];
  const stored: CommissionScheme = {
    id: 's1',
    planId: 'p1',
    appliesTo: 'new',
    settlement: 'upfront',
    split: { commercial: '0.7000', company: '0.3' },
    tiers: [
      { id: 't2', basis: 'volume', min: '100.0000', max: null, valueType: 'percent', value: '12.0000' },
      { id: 't1', basis: 'volume', min: '0.0000', max: '100.0000', valueType: 'percent', value: '10.0000' },
    ],
  };

  it('reads a stored tiered scheme, roles by their aliases, and writes it back', () => {
    const form = schemeToForm(stored, plans);
    expect(form.pricing).toBe('tiers');
    expect(form.planCode).toBe('ESSENTIEL');
    expect(form.tiers).toEqual([
      { min: '0', max: '100', valueType: 'percent', value: '10' },
      { min: '100', max: '', valueType: 'percent', value: '12' },
    ]);
    expect(form.splits).toEqual([
      { role: 'salesperson', key: 'commercial', percent: '70' },
      { role: 'company', key: 'company', percent: '30' },
    ]);
    expect(schemeFormErrors(form)).toEqual({});
    expect(formToInput(form)).toEqual({
      planCode: 'ESSENTIEL',
      appliesTo: 'new',
      settlement: 'upfront',
      split: { commercial: '0.7', company: '0.3' },
      tiers: [
        { basis: 'volume', min: '0', max: '100', valueType: 'percent', value: '10' },
        { basis: 'volume', min: '100', max: null, valueType: 'percent', value: '12' },
      ],
      params: {},
    });
  });

  it('round-trips the §3.3 parameters, storing only what differs from the engine defaults', () => {
    const params = { tierMode: 'graduated', accrual: 'precompte', renewalAccrual: 'postcompte', renewalRate: '2.5', clawback: { months: 12, rule: 'pro_rata' }, perLine: { min: 100, max: 50_000 }, due: { day: 15, monthsAfter: 1 } };
    const form = schemeToForm({ ...stored, params }, plans);
    expect(form).toMatchObject({ tierMode: 'graduated', accrual: 'precompte', renewalAccrual: 'postcompte', renewalRate: '2,5', clawbackMonths: '12', clawbackRule: 'pro_rata', perLineMin: '1,00', perLineMax: '500,00', dueDay: '15', dueMonthsAfter: '1' });
    expect(formToInput(form).params).toEqual(params);
    // A single rate has no tier mode to store.
    expect(formToInput({ ...form, pricing: 'rate', rate: '10' }).params).not.toHaveProperty('tierMode');
    expect(formToInput(newSchemeForm()).params).toEqual({});
    expect(schemeFormErrors({ ...newSchemeForm(), renewalRate: '1,234', clawbackMonths: '0', perLineMin: '10', perLineMax: '5', dueDay: '32' })).toEqual({
      'params.renewalRate': 'percent',
      'params.clawback.months': 'number',
      'params.perLine.max': 'range',
      'params.due.day': 'number',
    });
  });

  it('reads one open percent tier from 0 as a single rate, and writes a rate as that tier', () => {
    const form = schemeToForm({ ...stored, planId: null, tiers: [{ id: 't', basis: 'volume', min: '0', max: null, valueType: 'percent', value: '12.5000' }] }, plans);
    expect(form.pricing).toBe('rate');
    expect(form.rate).toBe('12,5');
    expect(form.planCode).toBeNull();
    expect(formToInput(form).tiers).toEqual([{ basis: 'volume', min: '0', max: null, valueType: 'percent', value: '12.5' }]);
    expect(formToInput({ ...form, rate: '' }).tiers).toEqual([]);
  });

  it('flags a split that does not make 100 %, duplicate roles and unreadable values on their fields', () => {
    const base = newSchemeForm();
    expect(schemeFormErrors(base)).toEqual({});
    expect(schemeFormErrors({ ...base, splits: [{ role: 'company', key: 'company', percent: '60' }, { role: 'salesperson', key: 'salesperson', percent: '30' }] })).toEqual({ split: 'splitSum' });
    expect(schemeFormErrors({ ...base, splits: [{ role: 'company', key: 'company', percent: '50' }, { role: 'company', key: 'company', percent: '50' }] })).toEqual({ 'split.company': 'duplicate' });
    expect(schemeFormErrors({ ...base, splits: [] })).toEqual({ split: 'required' });
    expect(schemeFormErrors({ ...base, rate: '1,234' })).toEqual({ rate: 'percent' });
    expect(
      schemeFormErrors({ ...base, pricing: 'tiers', tiers: [{ min: '10', max: '5', valueType: 'percent', value: '200' }, { min: 'x', max: '', valueType: 'amount', value: '3,5' }] }),
    ).toEqual({ 'tiers.0.max': 'range', 'tiers.0.value': 'percent', 'tiers.1.min': 'number' });
    expect(schemeFormErrors({ ...base, pricing: 'tiers', tiers: [] })).toEqual({ tiers: 'required' });
  });
});
