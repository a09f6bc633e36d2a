import { describe, expect, it } from 'vitest';
import { PricingError } from './errors.ts';
import { applicablePromotions } from './promotions.ts';
import type { Promotion } from './rules.ts';

const AUTO: Promotion = { label: 'Soldes', percentBp: 1000, validFrom: '2026-01-07', validTo: '2026-02-03' };
const CODED: Promotion = { code: 'Bienvenue', amount: 500, validFrom: '2026-01-01', validTo: '2026-12-31' };
const WEB_ONLY: Promotion = { code: 'WEB10', percentBp: 1000, channels: ['web'] };
const ALL = [AUTO, CODED, WEB_ONLY];

describe('applicablePromotions', () => {
  it('applies automatic promotions within their inclusive period', () => {
    expect(applicablePromotions(ALL, { date: '2026-01-07' })).toEqual([AUTO]);
    expect(applicablePromotions(ALL, { date: '2026-02-03' })).toEqual([AUTO]);
    expect(applicablePromotions(ALL, { date: '2026-02-04' })).toEqual([]);
    expect(applicablePromotions(undefined, { date: '2026-02-04' })).toEqual([]);
  });

  it('applies a coded promotion when the code matches, ignoring case and spaces', () => {
    expect(applicablePromotions(ALL, { date: '2026-01-10', promotionCode: ' BIENVENUE ' })).toEqual([AUTO, CODED]);
    expect(applicablePromotions(ALL, { date: '2026-03-10', promotionCode: 'bienvenue' })).toEqual([CODED]);
    expect(applicablePromotions(ALL, { date: '2026-03-10', promotionCode: '' })).toEqual([]);
    expect(applicablePromotions(ALL, { date: '2026-03-10', promotionCode: null })).toEqual([]);
  });

  it('restricts promotions to their channels', () => {
    expect(applicablePromotions(ALL, { date: '2026-03-10', promotionCode: 'web10', channel: 'web' })).toEqual([WEB_ONLY]);
    expect(() => applicablePromotions(ALL, { date: '2026-03-10', promotionCode: 'web10', channel: 'telesales' })).toThrow(/canal/);
    expect(() => applicablePromotions(ALL, { date: '2026-03-10', promotionCode: 'web10' })).toThrow(PricingError);
  });

  it('refuses a code that does not apply, saying why', () => {
    const reason = (code: string, date: string) => {
      try {
        applicablePromotions(ALL, { date, promotionCode: code });
      } catch (error) {
        expect(error).toMatchObject({ field: 'promotionCode', code: 'invalid_promotion_code' });
        return (error as Error).message;
      }
      return null;
    };
    expect(reason('NOEL', '2026-03-10')).toContain('n’existe pas');
    expect(reason('bienvenue', '2027-01-01')).toContain('2027-01-01');
  });
});
