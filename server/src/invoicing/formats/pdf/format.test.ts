import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAmount, formatDate, formatLineVat, formatMoney, formatQuantity, formatRate } from './format.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('amounts', () => {
  it('prints euros the French way, the English way, and francs the Swiss payment way', () => {
    expect(formatMoney(149_000, 'EUR', 'fr')).toBe(`1${NNBSP}490,00${NBSP}€`);
    expect(formatMoney(149_000, 'EUR', 'en')).toBe('€1,490.00');
    expect(formatMoney(18_500, 'CHF', 'fr')).toBe(`CHF${NBSP}185.00`);
    expect(formatMoney(123_456_789, 'CHF', 'en')).toBe(`CHF${NBSP}1${NNBSP}234${NNBSP}567.89`);
    expect(formatMoney(5, 'EUR', 'fr')).toBe(`0,05${NBSP}€`);
    expect(formatMoney(-2_590, 'EUR', 'fr')).toBe(`-25,90${NBSP}€`);
    expect(formatMoney(0, 'EUR', 'en')).toBe('€0.00');
  });

  it('agrees with Intl fr-FR on every integer amount (the hand-rolled version exists for determinism, not taste)', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (minor) => {
        const units = BigInt(minor) / 100n;
        const cents = BigInt(minor) % 100n;
        expect(formatMoney(minor, 'EUR', 'fr')).toBe(intl.format(`${units}.${String(cents).padStart(2, '0')}` as unknown as number));
      }),
    );
  });

  it('gives the plain decimal of minor units, and refuses non-integers', () => {
    expect(decimalAmount(18_500)).toBe('185.00');
    expect(decimalAmount(7)).toBe('0.07');
    expect(decimalAmount(-1_005)).toBe('-10.05');
    expect(() => decimalAmount(1.5)).toThrow(/integer/);
  });
});

describe('rates, quantities, dates', () => {
  it('prints basis points as percentages', () => {
    expect(formatRate(2000, 'fr')).toBe(`20${NBSP}%`);
    expect(formatRate(550, 'fr')).toBe(`5,5${NBSP}%`);
    expect(formatRate(210, 'en')).toBe('2.1%');
    expect(formatRate(0, 'en')).toBe('0%');
    expect(formatRate(1025, 'en')).toBe('10.25%');
  });

  it('names the exemption rather than printing 0 % on a non-taxed line', () => {
    expect(formatLineVat('E', 0, 'fr')).toBe('Exonéré');
    expect(formatLineVat('AE', 0, 'en')).toBe('Rev. charge');
    expect(formatLineVat('O', 0, 'fr')).toBe('Hors champ');
    expect(formatLineVat('Z', 0, 'fr')).toBe(`0${NBSP}%`);
    expect(formatLineVat('S', 2000, 'en')).toBe('20%');
  });

  it('prints quantities with the decimal separator of the language', () => {
    expect(formatQuantity(2, 'fr')).toBe('2');
    expect(formatQuantity(1.5, 'fr')).toBe('1,5');
    expect(formatQuantity(0.25, 'en')).toBe('0.25');
  });

  it('prints dates without any time zone arithmetic', () => {
    expect(formatDate('2026-11-24', 'fr')).toBe('24/11/2026');
    expect(formatDate('2026-01-05', 'en')).toBe('5 January 2026');
    expect(() => formatDate('24/11/2026', 'fr')).toThrow(/YYYY-MM-DD/);
  });
});
