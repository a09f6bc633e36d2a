import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDay, asView, defaultPeriod, formatBucket, formatDuration, formatPermille, kpiVerdict, nextAnnualRenewal, ratePermille } from './journeyFormat.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('per-mille KPIs written as percentages', () => {
  it('writes one decimal from the integer, French and English', () => {
    expect(plain(formatPermille(734, 'fr'))).toBe('73,4 %');
    expect(formatPermille(734, 'en')).toBe('73.4%');
    expect(plain(formatPermille(1000, 'fr'))).toBe('100,0 %');
    expect(plain(formatPermille(0, 'fr'))).toBe('0,0 %');
    expect(plain(formatPermille(5, 'fr'))).toBe('0,5 %');
    expect(plain(formatPermille(700, 'fr', { trimZero: true }))).toBe('70 %');
    expect(plain(formatPermille(705, 'fr', { trimZero: true }))).toBe('70,5 %');
  });
  it('has no value without a denominator', () => {
    expect(formatPermille(null, 'fr')).toBe('—');
  });
  it('reads back as the same per-mille for every value (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (permille) => {
        const text = formatPermille(permille, 'en');
        expect(Math.round(Number(text.replace('%', '')) * 10)).toBe(permille);
      }),
    );
  });
});

describe('durations in minutes', () => {
  it('rounds to the minute, hours past sixty', () => {
    expect(plain(formatDuration(27 * 60 + 10, 'fr'))).toBe('27 min');
    expect(plain(formatDuration(27 * 60 + 30, 'fr'))).toBe('28 min');
    expect(plain(formatDuration(65 * 60, 'fr'))).toBe('1 h 05 min');
    expect(formatDuration(125 * 60, 'en')).toBe('2 h 05 min');
    expect(plain(formatDuration(20, 'fr'))).toBe('< 1 min');
    expect(formatDuration(null, 'fr')).toBe('—');
  });
});

describe('KPI verdicts against seed 004 targets', () => {
  it('is strict, above or below', () => {
    const above = { target: 700, below: false };
    const below = { target: 1800, below: true };
    expect(kpiVerdict(734, above)).toBe('met');
    expect(kpiVerdict(700, above)).toBe('missed');
    expect(kpiVerdict(650, above)).toBe('missed');
    expect(kpiVerdict(1500, below)).toBe('met');
    expect(kpiVerdict(1800, below)).toBe('missed');
    expect(kpiVerdict(null, above)).toBe('unknown');
  });
});

describe('chart buckets and periods', () => {
  it('labels months and weeks', () => {
    expect(formatBucket('2026-03', 'month', 'fr')).toBe('mars 2026');
    expect(formatBucket('2026-03', 'month', 'en')).toBe('Mar 2026');
    expect(formatBucket('2026-03-02', 'week', 'fr')).toBe('02/03/2026');
    expect(formatBucket('garbage', 'month', 'fr')).toBe('garbage');
  });
  it('defaults to the twelve months up to today', () => {
    expect(defaultPeriod(new Date(2026, 10, 24))).toEqual({ from: '2025-12-01', to: '2026-11-24' });
    expect(defaultPeriod(new Date(2026, 0, 5))).toEqual({ from: '2025-02-01', to: '2026-01-05' });
  });
  it('accepts only real days from the URL', () => {
    expect(asDay('2026-02-28')).toBe('2026-02-28');
    expect(asDay('2026-02-30')).toBeUndefined();
    expect(asDay('2026-2-3')).toBeUndefined();
    expect(asDay(42)).toBeUndefined();
    expect(asView('clients-actifs')).toBe('clients-actifs');
    expect(asView('nope')).toBe('prospects');
  });
});

describe('next renewal of an annual mandate', () => {
  const now = new Date('2026-11-24T05:00:00Z');
  it('is the first anniversary after now', () => {
    expect(nextAnnualRenewal('2026-03-10T09:00:00Z', 18_500, now)?.toISOString()).toBe('2027-03-10T09:00:00.000Z');
    expect(nextAnnualRenewal('2024-12-01T09:00:00Z', 18_500, now)?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(nextAnnualRenewal('2025-11-24T04:00:00Z', 18_500, now)?.toISOString()).toBe('2027-11-24T04:00:00.000Z');
  });
  it('does not exist for offered mandates or clients never activated', () => {
    expect(nextAnnualRenewal('2026-03-10T09:00:00Z', 0, now)).toBeNull();
    expect(nextAnnualRenewal(null, 18_500, now)).toBeNull();
  });
  it('is always after now and less than a year away', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2015-01-01'), max: now, noInvalidDate: true }), (activated) => {
        const next = nextAnnualRenewal(activated.toISOString(), 100, now)!;
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(366 * 86_400_000);
      }),
    );
  });
});

describe('conversion rates computed on the page', () => {
  it('rounds half up in per mille, like the server', () => {
    expect(ratePermille(1, 3)).toBe(333);
    expect(ratePermille(2, 3)).toBe(667);
    expect(ratePermille(1, 8)).toBe(125);
    expect(ratePermille(1, 16)).toBe(63);
    expect(ratePermille(5, 5)).toBe(1000);
    expect(ratePermille(0, 0)).toBeNull();
  });
});
