import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionEntries, entryTotals, revenueEntry, revenueEntryInclTax } from './accounting.ts';
import { computeCommissions } from './compute.ts';
import type { CommissionScheme } from './contract.ts';
import { ACTION_PREVOYANCE_SCHEME, DEPANSSUR } from './examples.ts';
import { simulate } from './simulate.ts';
import { splitPlan } from './testing/arbitraries.ts';

const rows = (entries: ReturnType<typeof commissionEntries>) => entries.flatMap((e) => e.lines.map((l) => [e.date, e.journal, l.account, l.debit, l.credit, l.vat, l.vatRateBp]));

describe('accounting entries (seed 003 Annex F)', () => {
  it('Depanssur 100 € TTC, TVA 20 %, facture immédiate: 411 100,00 = 706 83,33 + 4457 16,67', () => {
    const entry = revenueEntryInclTax('2025-09-01', 'DEP-1', DEPANSSUR.amountInclTax, DEPANSSUR.vatRateBp);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit, l.vat])).toEqual([
      ['411000', 10_000, 0, 0],
      ['706100', 0, 8_333, 1_667],
      ['445710', 0, 1_667, 1_667],
    ]);
    expect(revenueEntry('2025-09-01', null, 2_492, 2000).lines.map((l) => l.credit)).toEqual([0, 2_492, 498]);
  });

  it('Action Prévoyance, September 2025 (Annex F §7): 756200 credited 120,00 / 98,00 / 145,00, no VAT', () => {
    const { lines } = computeCommissions({
      company: { name: 'AP', timeZone: 'Europe/Paris', currency: 'EUR' },
      scheme: ACTION_PREVOYANCE_SCHEME,
      sales: [
        { id: 'AP-SANTE-001', at: '2025-09-01', amount: 120_000 },
        { id: 'AP-SANTE-002', at: '2025-09-02', amount: 98_000 },
        { id: 'AP-SANTE-003', at: '2025-09-05', amount: 145_000 },
      ],
    });
    const entries = commissionEntries(lines, 'commission_only', true);
    expect(rows(entries).filter((r) => r[2] === '756200')).toEqual([
      ['2025-09-01', 'VENTE', '756200', 0, 12_000, 0, 0],
      ['2025-09-02', 'VENTE', '756200', 0, 9_800, 0, 0],
      ['2025-09-05', 'VENTE', '756200', 0, 14_500, 0, 0],
    ]);
    // The company keeps it all: nothing owed to people or partners.
    expect(entries).toHaveLength(3);
  });

  it('shares for people go to 641, to partners and the platform to 628; a clawback is negative on 756', () => {
    const scheme: CommissionScheme = { ...ACTION_PREVOYANCE_SCHEME, split: { company: '0.5', salesperson: '0.3', partner: '0.1', platform: '0.1' }, clawback: { months: 12, rule: 'full' } };
    const { lines } = computeCommissions({
      company: { timeZone: 'Europe/Paris', currency: 'EUR' },
      scheme,
      sales: [{ id: 'S1', at: '2025-09-01', amount: 100_000, salesperson: 'alice', partner: 'courtier' }],
      cancellations: [{ saleId: 'S1', at: '2025-10-01' }],
    });
    const entries = commissionEntries(lines, 'commission_only', true);
    expect(rows(entries).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['2025-09-01', '467000', 10_000, 0],
      ['2025-09-01', '756200', 0, 10_000],
      ['2025-10-01', '467000', -10_000, 0],
      ['2025-10-01', '756200', 0, -10_000],
      ['2025-09-01', '641100', 3_000, 0],
      ['2025-09-01', '421000', 0, 3_000],
      ['2025-09-01', '628100', 1_000, 0],
      ['2025-09-01', '401000', 0, 1_000],
      ['2025-09-01', '628100', 1_000, 0],
      ['2025-09-01', '401000', 0, 1_000],
      ['2025-10-01', '641100', -3_000, 0],
      ['2025-10-01', '421000', 0, -3_000],
      ['2025-10-01', '628100', -1_000, 0],
      ['2025-10-01', '401000', 0, -1_000],
      ['2025-10-01', '628100', -1_000, 0],
      ['2025-10-01', '401000', 0, -1_000],
    ]);
  });

  it('property: every entry balances (debit = credit), for revenue and commissions of any plan', () => {
    fc.assert(
      fc.property(
        splitPlan,
        fc.constantFrom('commission_only', 'internal_revenue', 'mixed') as fc.Arbitrary<CommissionScheme['mode']>,
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 210, 550, 1000, 2000, 810),
        fc.boolean(),
        (split, mode, bp, amounts, vat, cancel) => {
          const scheme: CommissionScheme = {
            ...ACTION_PREVOYANCE_SCHEME,
            mode,
            base: mode === 'commission_only' ? 'premium' : 'revenue',
            rate: { bp },
            split,
            clawback: { months: 12, rule: 'pro_rata' },
            bonuses: [{ basis: 'volume', threshold: 2, amount: 5_000 }],
            malus: { months: 6, amount: 1_000 },
          };
          const { lines } = computeCommissions({
            company: { timeZone: 'Europe/Paris', currency: 'EUR' },
            scheme,
            sales: amounts.map((a, i) => ({ id: `S${i}`, at: '2025-09-01', amount: a, salesperson: 'alice', manager: 'marc', partner: 'p' })),
            cancellations: cancel ? [{ saleId: 'S0', at: '2025-11-20' }] : [],
          });
          const entries = [...commissionEntries(lines, mode, scheme.base === 'premium'), ...amounts.map((a) => revenueEntry('2025-09-01', null, a, vat)), ...amounts.map((a) => revenueEntryInclTax('2025-09-01', null, a, vat))];
          for (const entry of entries) {
            const { debit, credit } = entryTotals(entry);
            expect(debit).toBe(credit);
          }
        },
      ),
    );
  });
});

describe('simulate (Annex E §2.4)', () => {
  const company = { name: 'Mondial TV', timeZone: 'Europe/Paris', currency: 'EUR' as const };

  it('Mondial TV: 150 Essentiel sales for 1 237,50 € HT → all at 12 %, one bar, all to the salesperson, with the revenue entry', async () => {
    const { MONDIAL_TV_SCHEME } = await import('./examples.ts');
    const result = simulate({ company, scheme: MONDIAL_TV_SCHEME, volume: 150, amount: 123_750, date: '2025-09-01' });
    expect(result.bars).toEqual([{ tier: '100–499 ventes', volume: 150, base: 123_750, rate: '12 %', commission: 14_850, segments: [{ role: 'salesperson', amount: 14_850 }] }]);
    expect(result.total).toBe(14_850); // 150 × (12 % × 8,25 € = 0,99 €)
    expect(result.beneficiaries).toEqual([{ role: 'salesperson', amount: 14_850 }]);
    expect(result.entries[0]!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['411000', 148_500, 0],
      ['706100', 0, 123_750],
      ['445710', 0, 24_750],
    ]);
    expect(result.entries.slice(1).every((e) => e.lines[0]!.account === '641100')).toBe(true);
  });

  it('graduated volume tiers give one bar per tier, split into segments per role', () => {
    const scheme: CommissionScheme = {
      code: 'G',
      mode: 'commission_only',
      currency: 'EUR',
      base: 'premium',
      settlement: 'upfront',
      accrual: 'precompte',
      appliesTo: 'both',
      tiers: { basis: 'volume', mode: 'graduated', tiers: [{ from: 0, rate: { bp: 1000 } }, { from: 3, rate: { bp: 2000 } }] },
      split: { company: '0.7', salesperson: '0.2', manager: '0.1' },
      bonuses: [{ basis: 'volume', threshold: 4, amount: 10_000 }],
    };
    const result = simulate({ company, scheme, volume: 4, amount: 400_000, date: '2025-09-01' });
    expect(result.bars.map((b) => [b.tier, b.volume, b.commission, b.segments.map((s) => `${s.role}:${s.amount}`).join(' ')])).toEqual([
      ['0–2 ventes', 2, 20_000, 'company:14000 salesperson:4000 manager:2000'],
      ['à partir de 3 ventes', 2, 40_000, 'company:28000 salesperson:8000 manager:4000'],
    ]);
    expect(result.bonuses).toBe(10_000);
    expect(result.total).toBe(70_000);
    for (const entry of result.entries) expect(entryTotals(entry).debit).toBe(entryTotals(entry).credit);
  });

  it('a product without a commission scheme (Depanssur) simulates its revenue only', () => {
    const result = simulate({ company, scheme: null, volume: 1, amount: 8_333, date: '2025-09-01' });
    expect(result.total).toBe(0);
    expect(result.entries.map((e) => e.lines.map((l) => l.debit + l.credit))).toEqual([[10_000, 8_333, 1_667]]);
  });
});
