import { describe, expect, it } from 'vitest';
import { display, PricingError } from './errors.ts';

describe('PricingError', () => {
  it('carries the field, a French message and a stable code', () => {
    const error = new PricingError('attributes.age', 'L’âge est requis.', 'missing_attribute');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PricingError');
    expect(error.toFieldError()).toEqual({ field: 'attributes.age', message: 'L’âge est requis.', code: 'missing_attribute' });
  });

  it('defaults to invalid_input and keeps the cause', () => {
    const cause = new Error('root');
    const error = new PricingError('quantity', 'Quantité invalide.', undefined, { cause });
    expect(error.code).toBe('invalid_input');
    expect(error.cause).toBe(cause);
  });
});

describe('display', () => {
  it('shows untrusted values without calling their own conversions', () => {
    const evil = { toString: () => { throw new Error('called'); } };
    expect(display(evil)).toBe('un objet');
    expect(display([1])).toBe('une liste');
    expect(display(null)).toBe('null');
    expect(display(12)).toBe('12');
    expect(display('x'.repeat(50))).toBe(`${'x'.repeat(40)}…`);
  });
});
