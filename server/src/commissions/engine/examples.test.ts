import { describe, expect, it } from 'vitest';
import { computeCommissions } from './compute.ts';
import type { Sale } from './contract.ts';
import { ACTION_PREVOYANCE_SCHEME, MONDIAL_TV_MONTHLY_HT, MONDIAL_TV_SCHEME } from './examples.ts';

const PARIS = { name: 'Action Prévoyance', timeZone: 'Europe/Paris', currency: 'EUR' as const };

describe('seed 003 §13 — Assistance Action Prévoyance (commission seule, 1re année 100 % précomptée, renouvellement 100 %)', () => {
  // Annex F §7: AP-SANTE-001 120,00 on 01/09/2025, AP-SANTE-002 98,00 on 02/09/2025, AP-SANTE-003 145,00 on 05/09/2025.
  const sales: Sale[] = [
    { id: 'AP-SANTE-001', at: '2025-08-31T22:30:00Z', amount: 120_000, partner: 'Oggodata' }, // 00:30 in Paris, 1 September
    { id: 'AP-SANTE-002', at: '2025-09-02', amount: 98_000, partner: 'Oggodata' },
    { id: 'AP-SANTE-003', at: '2025-09-05T09:00:00+02:00', amount: 145_000, partner: 'Oggodata' },
  ];

  it('gives the first-year commissions of Annex F, précomptées at the sale, all to the company', () => {
    const result = computeCommissions({ company: PARIS, scheme: ACTION_PREVOYANCE_SCHEME, sales });
    expect(result.lines.map((l) => [l.saleId, l.eventDate, l.dueDate, l.period, l.status, l.role, l.amount, l.rate])).toEqual([
      ['AP-SANTE-001', '2025-09-01', '2025-09-01', '2025-09', 'precomptee', 'company', 12_000, '10 %'],
      ['AP-SANTE-002', '2025-09-02', '2025-09-02', '2025-09', 'precomptee', 'company', 9_800, '10 %'],
      ['AP-SANTE-003', '2025-09-05', '2025-09-05', '2025-09', 'precomptee', 'company', 14_500, '10 %'],
    ]);
    expect(result.totals).toEqual([{ period: '2025-09', role: 'company', beneficiary: 'Action Prévoyance', amount: 36_300 }]);
    expect(result.lines[0]!.explanation).toBe(
      'Commission vente AP-SANTE-001 du 01/09/2025 : 10 % × 1 200,00 € (prime HT) = 120,00 € ; précomptée (année payée d’avance) ; part entreprise Action Prévoyance 100 % → 120,00 €',
    );
  });

  it('pays 100 % of the commission again at renewal, post-comptée', () => {
    const result = computeCommissions({ company: PARIS, scheme: ACTION_PREVOYANCE_SCHEME, sales, renewals: [{ saleId: 'AP-SANTE-001', at: '2026-09-01', amount: 126_000 }] });
    const renewal = result.lines.find((l) => l.kind === 'renewal')!;
    expect([renewal.eventDate, renewal.status, renewal.amount, renewal.period]).toEqual(['2026-09-01', 'postcomptee', 12_600, '2026-09']);
  });
});

describe('seed 003 §13 — Mondial TV Offre TV (CA interne récurrent, paliers volume 0–99 → 10 %, 100–499 → 12 %, 500+ → 15 %)', () => {
  const company = { name: 'Mondial TV', timeZone: 'Europe/Paris', currency: 'EUR' as const };
  const { essentiel, confort, premium } = MONDIAL_TV_MONTHLY_HT;

  it('pays 10 % of each month’s revenue HT, post-comptée, on the 15th of the following month', () => {
    const sales: Sale[] = [
      { id: 'TV-1', at: '2025-09-10', amount: essentiel, salesperson: 'alice' },
      { id: 'TV-2', at: '2025-09-10', amount: confort, salesperson: 'alice' },
      { id: 'TV-3', at: '2025-09-30', amount: premium, salesperson: 'alice' },
    ];
    const result = computeCommissions({ company, scheme: MONDIAL_TV_SCHEME, sales, until: '2025-10-31' });
    expect(result.lines.map((l) => [l.saleId, l.eventDate, l.dueDate, l.status, l.beneficiary, l.tier, l.amount])).toEqual([
      ['TV-1', '2025-09-10', '2025-10-15', 'postcomptee', 'alice', '0–99 ventes', 83], // 10 % × 8,25 = 0,825 → 0,83
      ['TV-2', '2025-09-10', '2025-10-15', 'postcomptee', 'alice', '0–99 ventes', 166], // 1,658 → 1,66
      ['TV-3', '2025-09-30', '2025-10-15', 'postcomptee', 'alice', '0–99 ventes', 249], // 2,492 → 2,49
      ['TV-1', '2025-10-10', '2025-11-15', 'postcomptee', 'alice', '0–99 ventes', 83],
      ['TV-2', '2025-10-10', '2025-11-15', 'postcomptee', 'alice', '0–99 ventes', 166],
      ['TV-3', '2025-10-30', '2025-11-15', 'postcomptee', 'alice', '0–99 ventes', 249],
    ]);
    expect(result.lines[0]!.explanation).toBe(
      'Commission TV-1 mois 1 (10/09/2025) : 10 % (palier 0–99 ventes) × 8,25 € (CA HT) = 0,83 € ; post-comptée ; part commercial alice 100 % → 0,83 €',
    );
  });

  it.each([
    [99, '0–99 ventes', 83],
    [100, '100–499 ventes', 99],
    [499, '100–499 ventes', 99],
    [500, 'à partir de 500 ventes', 124], // 15 % × 8,25 = 1,2375 → 1,24
  ])('%i Essentiel sales in the month: every one at tier %s, %i cents each', (count, tier, each) => {
    const sales: Sale[] = Array.from({ length: count }, (_, i) => ({ id: `S${i}`, at: '2025-09-01', amount: essentiel, salesperson: 'bob' }));
    const result = computeCommissions({ company, scheme: MONDIAL_TV_SCHEME, sales, until: '2025-09-30' });
    expect(result.lines).toHaveLength(count);
    expect(new Set(result.lines.map((l) => `${l.tier}|${l.amount}`))).toEqual(new Set([`${tier}|${each}`]));
  });

  it('counts tiers per salesperson and per month of sale', () => {
    const sales: Sale[] = [
      ...Array.from({ length: 100 }, (_, i) => ({ id: `B${i}`, at: '2025-09-01', amount: essentiel, salesperson: 'bob' })),
      { id: 'A1', at: '2025-09-01', amount: essentiel, salesperson: 'alice' },
      { id: 'B-oct', at: '2025-10-01', amount: essentiel, salesperson: 'bob' },
    ];
    const result = computeCommissions({ company, scheme: MONDIAL_TV_SCHEME, sales, until: '2025-10-01' });
    expect(result.lines.find((l) => l.saleId === 'A1')!.amount).toBe(83);
    expect(result.lines.find((l) => l.saleId === 'B1')!.amount).toBe(99);
    expect(result.lines.find((l) => l.saleId === 'B-oct')!.amount).toBe(83);
  });
});
