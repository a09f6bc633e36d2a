import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COVERAGE_CODES } from '../extraction/rules/coverages.ts';
import { formatChf, recommendCoverage } from './recommend-coverage.ts';
import { COVERAGE_RULES, SAVINGS_RULES } from './recommendation-rules.ts';

const chf = (amount: number, period: 'year' | 'month' = 'year') => ({ amount, currency: 'CHF', period });

describe('recommendCoverage — gaps', () => {
  it('flags the compulsory and recommended covers a private client lacks, with the reason in French', () => {
    const result = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'sante_lamal', premium: chf(38_940, 'month') }], needs: { coverages: [], priorities: [] } });
    expect(result.gaps.map((g) => g.coverage)).toEqual(['rc_privee', 'menage']);
    expect(result.gaps[0]!.reason).toMatch(/^Recommandée : .*autrui/);
  });

  it('flags LAMal as compulsory when missing, and "selon besoin" covers only when wanted', () => {
    const result = recommendCoverage({ clientType: 'particulier', policies: [], needs: { coverages: ['protection_juridique'], priorities: ['prix'] } });
    expect(result.gaps.find((g) => g.coverage === 'sante_lamal')).toMatchObject({ level: 'obligatoire', reason: expect.stringContaining('LAMal') });
    expect(result.gaps.find((g) => g.coverage === 'protection_juridique')?.reason).toContain('souhaitée');
    expect(result.gaps.some((g) => g.coverage === 'vie')).toBe(false);
  });

  it('counts every cover of a combined policy', () => {
    const result = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'menage', coverages: ['menage', 'rc_privee'] }, { coverageType: 'sante_lamal' }], needs: { coverages: [], priorities: [] } });
    expect(result.gaps).toEqual([]);
    expect(result.lines).toContain('Aucune lacune ni doublon détecté selon les règles.');
  });

  it('applies the staff rules to companies with employees, or when the number is unknown', () => {
    const base = { clientType: 'entreprise' as const, policies: [{ coverageType: 'rc_entreprise' }, { coverageType: 'choses_entreprise' }], needs: { coverages: [], priorities: [] as [] } };
    expect(recommendCoverage({ ...base, employees: 4 }).gaps.map((g) => g.coverage)).toEqual(['laa', 'lpp', 'perte_de_gain']);
    expect(recommendCoverage({ ...base, employees: 0 }).gaps).toEqual([]);
    expect(recommendCoverage(base).gaps[0]!.reason).toContain('si l’entreprise emploie du personnel');
  });
});

describe('recommendCoverage — overlaps and savings', () => {
  it('finds a double RC privée and saves the cheaper premium entirely', () => {
    const result = recommendCoverage({
      clientType: 'particulier',
      policies: [
        { documentId: 'a', insurer: 'AXA', coverageType: 'rc_privee', premium: chf(18_000) },
        { documentId: 'b', insurer: 'Allianz Suisse', coverageType: 'rc_privee', premium: chf(12_000) },
        { coverageType: 'sante_lamal', premium: chf(40_000, 'month') },
        { coverageType: 'menage', premium: chf(30_000) },
      ],
      needs: { coverages: [], priorities: ['prix'] },
    });
    expect(result.overlaps).toEqual([expect.objectContaining({ coverage: 'rc_privee', policies: [0, 1], documentIds: ['a', 'b'], savings: 12_000 })]);
    // 120.– (double) + RC AXA 180 × 15 % = 27.– + LAMal 4 800 × 8 % = 384.– + ménage 300 × 15 % = 45.–
    expect(result.estimatedSavings.amount).toBe(12_000 + 2_700 + 38_400 + 4_500);
    expect(result.estimatedSavings.basis).toContain('double assurance');
    expect(result.annualPremiums).toBe(18_000 + 12_000 + 480_000 + 30_000);
  });

  it('does not call two vehicles or two 3a accounts a double insurance', () => {
    const result = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'auto', premium: chf(90_000) }, { coverageType: 'auto', premium: chf(70_000) }, { coverageType: 'vie', premium: chf(6_883_00) }, { coverageType: 'vie' }], needs: { coverages: [], priorities: ['prix'] } });
    expect(result.overlaps).toEqual([]);
    expect(result.estimatedSavings.amount).toBe(10_800 + 8_400);
  });

  it('scales the saving by the first priority and rounds to the franc', () => {
    const policies = [{ coverageType: 'menage', premium: chf(33_350) }];
    const by = (priorities: ('prix' | 'couverture' | 'service')[]) => recommendCoverage({ clientType: 'particulier', policies, needs: { coverages: [], priorities } }).estimatedSavings.amount;
    // 333.50 × 15 % = 50.025 → 50.–; × 50 % = 25.0125 → 25.–; × 75 % = 37.51875 → 38.–
    expect(by(['prix', 'service'])).toBe(5_000);
    expect(by(['couverture'])).toBe(2_500);
    expect(by(['service'])).toBe(3_800);
    expect(by([])).toBe(3_800);
  });

  it('compares premiums and savings with the budget', () => {
    const over = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'sante_lamal', premium: chf(50_000, 'month') }], needs: { coverages: [], budget: { amount: 40_000, period: 'month' }, priorities: ['prix'] } });
    expect(over.lines.some((l) => l.startsWith('Budget : CHF 4’800.– par an ; même après économies'))).toBe(true);
    const under = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'rc_privee', premium: chf(10_000) }], needs: { coverages: [], budget: { amount: 100_000, period: 'year' }, priorities: [] } });
    expect(under.lines.some((l) => l.includes('il reste'))).toBe(true);
  });

  it('leaves out premiums in another currency, and says so', () => {
    const result = recommendCoverage({ clientType: 'particulier', policies: [{ coverageType: 'menage', premium: { amount: 30_000, currency: 'EUR', period: 'year' } }], needs: { coverages: [], priorities: [] } });
    expect(result.estimatedSavings.amount).toBe(0);
    expect(result.lines).toContain('1 prime(s) hors CHF ou incomplète(s) non comptée(s).');
  });
});

describe('recommendCoverage — the rules table', () => {
  it('gives every rule a French rationale and every savings rate a sane value', () => {
    for (const rule of COVERAGE_RULES) expect(rule.rationale.length).toBeGreaterThan(20);
    for (const rule of SAVINGS_RULES) {
      expect(rule.rateBp).toBeGreaterThanOrEqual(0);
      expect(rule.rateBp).toBeLessThanOrEqual(3_000);
    }
    expect(new Set(SAVINGS_RULES.map((r) => r.coverage)).size).toBe(COVERAGE_CODES.length);
  });

  it('writes francs the Swiss way', () => {
    expect(formatChf(123_450)).toBe('CHF 1’234.50');
    expect(formatChf(18_500)).toBe('CHF 185.–');
    expect(formatChf(5)).toBe('CHF 0.05');
  });

  it('never throws; savings are whole francs, never negative, never above the premiums (property)', () => {
    const policy = fc.record({
      coverageType: fc.option(fc.constantFrom(...COVERAGE_CODES, 'inconnue'), { nil: null }),
      premium: fc.option(fc.record({ amount: fc.integer({ min: -100, max: 10_000_000 }), currency: fc.constantFrom('CHF', 'EUR'), period: fc.constantFrom('year' as const, 'month' as const) }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('particulier' as const, 'entreprise' as const),
        fc.array(policy, { maxLength: 8 }),
        fc.subarray([...COVERAGE_CODES]),
        fc.subarray(['prix', 'couverture', 'service'] as const),
        fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
        (clientType, policies, coverages, priorities, employees) => {
          const result = recommendCoverage({ clientType, policies, needs: { coverages, priorities }, employees });
          expect(Number.isSafeInteger(result.estimatedSavings.amount)).toBe(true);
          expect(result.estimatedSavings.amount % 100).toBe(0);
          expect(result.estimatedSavings.amount).toBeGreaterThanOrEqual(0);
          expect(result.estimatedSavings.amount).toBeLessThanOrEqual(result.annualPremiums);
          for (const gap of result.gaps) expect(gap.reason.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 300 },
    );
  });
});
