import { describe, expect, it } from 'vitest';
import { adjustmentAmount, selectOptions } from './options.ts';
import type { PriceOption } from './rules.ts';

const HD: PriceOption = { code: 'HD', label: 'Option HD', amount: 300 };
const SPORT: PriceOption = { code: 'SPORT', label: 'Pack Sport', percentBp: 2500 };

describe('selectOptions', () => {
  it('keeps the plan’s order and ignores repeats', () => {
    expect(selectOptions({ options: [HD, SPORT] }, ['SPORT', 'HD', 'SPORT'])).toEqual([HD, SPORT]);
    expect(selectOptions({ options: [HD, SPORT] }, undefined)).toEqual([]);
  });

  it('refuses an unknown option with the list of those that exist', () => {
    expect(() => selectOptions({ options: [HD] }, ['4K'])).toThrow(expect.objectContaining({ field: 'options', code: 'unknown_option' }));
    expect(() => selectOptions({}, ['4K'])).toThrow(/aucune/);
  });
});

describe('adjustmentAmount', () => {
  it('multiplies fixed amounts by the quantity and rounds percentages half-up', () => {
    expect(adjustmentAmount(HD, 990, 3)).toBe(900);
    expect(adjustmentAmount(SPORT, 990, 3)).toBe(248); // 247.5 → 248
    expect(adjustmentAmount(SPORT, 0, 1)).toBe(0);
  });
});
