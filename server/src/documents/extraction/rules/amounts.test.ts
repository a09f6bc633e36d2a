import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMoney, parseAmountToMinor } from './amounts.ts';
import { addYearsMinusOneDay, findDates, isoDate } from './dates.ts';
import { normalizeText } from './normalize.ts';

describe('Swiss and French amounts', () => {
  it.each([
    ["1'234.50", 123_450],
    ['1 234,50', 123_450],
    ['1.234,56', 123_456],
    ['185.–', 18_500],
    ['185.-', 18_500],
    ['185', 18_500],
    ['12,5', 1_250],
    ['0.05', 5],
    ["12'345'678.90", 1_234_567_890],
  ])('%s → %i centimes', (raw, minor) => {
    expect(parseAmountToMinor(raw)).toBe(minor);
  });

  it.each(['', 'abc', "1'23.50", "12'34", '1.2.3', '9999999999999'])('refuses %j', (raw) => {
    expect(parseAmountToMinor(raw)).toBeUndefined();
  });

  it('finds amounts with their currency on either side', () => {
    const line = normalizeText('Prime annuelle : CHF 1’234.50, soit Fr. 102.90 par mois, ou 99,00 € ou EUR 1.234,56 ou 1 234,50 CHF');
    expect(findMoney(line).map((m) => [m.amount, m.currency])).toEqual([
      [123_450, 'CHF'],
      [10_290, 'CHF'],
      [9_900, 'EUR'],
      [123_456, 'EUR'],
      [123_450, 'CHF'],
    ]);
  });

  it('reads English grouping (1,234.50) as thousands, not decimals', () => {
    expect(findMoney('CHF 1,234.50')[0]?.amount).toBe(123_450);
  });

  it('turns any well-formed amount back into the same centimes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom("'", ' ', '.'), (minor, group) => {
        const francs = Math.floor(minor / 100)
          .toString()
          .replace(/\B(?=(\d{3})+(?!\d))/g, group);
        const decimalSeparator = group === '.' ? ',' : '.';
        const raw = `${francs}${decimalSeparator}${String(minor % 100).padStart(2, '0')}`;
        expect(parseAmountToMinor(raw)).toBe(minor);
      }),
    );
  });

  it('never throws and only answers safe non-negative integers (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const value = parseAmountToMinor(raw);
        if (value !== undefined) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        for (const m of findMoney(raw)) expect(Number.isSafeInteger(m.amount) && m.amount >= 0).toBe(true);
      }),
    );
  });
});

describe('dates', () => {
  it('reads dd.mm.yyyy, d/m/yy, ISO and French month names', () => {
    expect(findDates('Début : 01.01.2026, fin 31/12/26, émise le 2025-11-15, valable dès le 1er janvier 2027 et le 15 août 2027').map((d) => d.iso)).toEqual([
      '2026-01-01',
      '2026-12-31',
      '2025-11-15',
      '2027-01-01',
      '2027-08-15',
    ]);
  });

  it('refuses impossible calendar dates', () => {
    expect(findDates('31.02.2026 et 29.02.2025 et 00.01.2026 et 12.13.2026')).toEqual([]);
    expect(findDates('29.02.2028')[0]?.iso).toBe('2028-02-29');
    expect(isoDate(1800, 1, 1)).toBeUndefined();
  });

  it('ends a contract of N years the day before its anniversary', () => {
    expect(addYearsMinusOneDay('2026-01-01', 1)).toBe('2026-12-31');
    expect(addYearsMinusOneDay('2026-07-15', 3)).toBe('2029-07-14');
    expect(addYearsMinusOneDay('2028-02-29', 1)).toBe('2029-02-28');
  });
});
