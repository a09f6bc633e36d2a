import { describe, expect, it } from 'vitest';
import { confidenceColor, formatAmountInput, parseAmountInput } from './reviewFormat.ts';

describe('policy review helpers', () => {
  it('colours confidences: green from 85, orange from 60, red below, grey when not found', () => {
    expect([100, 85, 84, 60, 59, 0].map(confidenceColor)).toEqual(['green', 'green', 'orange', 'orange', 'red', 'red']);
    expect(confidenceColor(null)).toBe('gray');
  });

  it('reads typed amounts into centimes without floats', () => {
    expect(parseAmountInput("1'234.50")).toBe(123_450);
    expect(parseAmountInput('1 234,5')).toBe(123_450);
    expect(parseAmountInput('185.–')).toBe(18_500);
    expect(parseAmountInput('0.10')).toBe(10);
    expect(parseAmountInput('12.345')).toBeUndefined();
    expect(parseAmountInput('abc')).toBeUndefined();
    expect(parseAmountInput('')).toBeUndefined();
  });

  it('writes centimes back as the input shows them', () => {
    expect(formatAmountInput(123_450)).toBe('1234.50');
    expect(formatAmountInput(5)).toBe('0.05');
    for (const minor of [0, 1, 99, 100, 18_500, 987_654_321]) expect(parseAmountInput(formatAmountInput(minor))).toBe(minor);
  });
});
