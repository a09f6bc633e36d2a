import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCommissions } from './compute.ts';
import type { CommissionInput, CommissionLine, CommissionScheme, Sale } from './contract.ts';
import { CommissionError } from './errors.ts';
import { splitPlan } from './testing/arbitraries.ts';

const company = { name: 'Winvest', timeZone: 'Europe/Paris', currency: 'EUR' as const };

const BASE: CommissionScheme = {
  code: 'T',
  mode: 'commission_only',
  currency: 'EUR',
  base: 'premium',
  settlement: 'upfront',
  accrual: 'precompte',
  appliesTo: 'both',
  rate: { bp: 1000 },
  split: { company: '0.6', salesperson: '0.3', manager: '0.1' },
};

const sale = (id: string, at: string, amount: number, extra: Partial<Sale> = {}): Sale => ({ id, at, amount, salesperson: 'alice', manager: 'marc', ...extra });
const run = (scheme: Partial<CommissionScheme>, rest: Omit<CommissionInput, 'company' | 'scheme'>) => computeCommissions({ company, scheme: { ...BASE, ...scheme }, ...rest });
const sum = (lines: CommissionLine[]) => lines.reduce((a, l) => a + l.amount, 0);
const byRole = (lines: CommissionLine[]) => lines.map((l) => [l.role, l.beneficiary, l.amount]);

describe('computeCommissions — modes, bases and settlements', () => {
  it('commission only, upfront précompté: one commission per sale, split 60/30/10', () => {
    const { lines } = run({}, { sales: [sale('S1', '2025-09-01', 123_457)] });
    // 10 % × 1 234,57 € = 123,457 → 123,46 €; 7 407,6 / 3 703,8 / 1 234,6 cents: the 2 cents left go to the largest
    // remainders, ,8 (salesperson) then ,6 (company before manager on a tie).
    expect(lines.every((l) => l.commission === 12_346 && l.status === 'precomptee')).toBe(true);
    expect(byRole(lines)).toEqual([
      ['company', 'Winvest', 7_408],
      ['salesperson', 'alice', 3_704],
      ['manager', 'marc', 1_234],
    ]);
    expect(sum(lines)).toBe(12_346);
  });

  it('internal revenue on collection: one post-comptée line per collection, renewal rate after month 12', () => {
    const { lines } = run(
      { mode: 'internal_revenue', base: 'revenue', settlement: 'on_collection', accrual: 'postcompte', rate: { decimal: '0.08' }, renewalRate: { decimal: '0.04' }, split: { salesperson: '1' } },
      {
        sales: [sale('S1', '2025-01-15', 0)],
        collections: [
          { saleId: 'S1', at: '2025-01-20', amount: 10_000 },
          { saleId: 'S1', at: '2026-01-14', amount: 10_000 },
          { saleId: 'S1', at: '2026-01-15', amount: 10_000 },
        ],
      },
    );
    expect(lines.map((l) => [l.kind, l.eventDate, l.status, l.rate, l.amount])).toEqual([
      ['commission', '2025-01-20', 'postcomptee', '8 %', 800],
      ['commission', '2026-01-14', 'postcomptee', '8 %', 800],
      ['renewal', '2026-01-15', 'postcomptee', '4 %', 400],
    ]);
  });

  it('mixed on margin, with a fixed amount per sale as the alternative base', () => {
    const margin = run({ mode: 'mixed', base: 'margin', accrual: 'postcompte', rate: { bp: 2500 }, split: { partner: '0.5', platform: '0.5' } }, { sales: [sale('S1', '2025-09-01', 50_000, { margin: 12_001, partner: 'P1' })] });
    // 25 % × 120,01 € of margin = 3 000,25 cents → 30,00 €, halved.
    expect(byRole(margin.lines)).toEqual([
      ['partner', 'P1', 1_500],
      ['platform', null, 1_500],
    ]);
    expect(margin.lines[0]!.base).toBe(12_001);
    const fixed = run({ base: 'fixed', rate: undefined, fixedAmount: 3_000, split: { salesperson: '1' } }, { sales: [sale('S1', '2025-09-01', 99_999)] });
    expect(fixed.lines.map((l) => [l.base, l.rate, l.amount])).toEqual([[0, null, 3_000]]);
  });

  it('recurring with time tiers: months 1–3 at 20 %, then 10 %; stops at the cancellation', () => {
    const { lines } = run(
      {
        mode: 'internal_revenue',
        base: 'revenue',
        settlement: 'recurring',
        accrual: 'postcompte',
        rate: undefined,
        tiers: { basis: 'months', mode: 'graduated', tiers: [{ from: 1, rate: { bp: 2000 } }, { from: 4, rate: { bp: 1000 } }] },
        split: { salesperson: '1' },
        due: { kind: 'day_of_month', day: 15, monthsAfter: 1 },
      },
      { sales: [sale('S1', '2025-01-31', 2_492)], cancellations: [{ saleId: 'S1', at: '2025-06-10' }], until: '2025-12-31' },
    );
    expect(lines.map((l) => [l.eventDate, l.dueDate, l.tier, l.amount])).toEqual([
      ['2025-01-31', '2025-02-15', 'mois 1–3', 498],
      ['2025-02-28', '2025-03-15', 'mois 1–3', 498],
      ['2025-03-31', '2025-04-15', 'mois 1–3', 498],
      ['2025-04-30', '2025-05-15', 'mois à partir de 4', 249],
      ['2025-05-31', '2025-06-15', 'mois à partir de 4', 249],
    ]);
  });

  it('appliesTo new or renewal keeps only those events', () => {
    const facts = { sales: [sale('S1', '2025-01-01', 10_000)], renewals: [{ saleId: 'S1', at: '2026-01-01' }] };
    expect(run({ appliesTo: 'new' }, facts).lines.every((l) => l.kind === 'commission')).toBe(true);
    expect(run({ appliesTo: 'renewal' }, facts).lines.every((l) => l.kind === 'renewal')).toBe(true);
    expect(run({ appliesTo: 'both' }, facts).lines).toHaveLength(6);
  });

  it('graduated revenue tiers for a salesperson’s month, all-units volume tiers with an amount per sale', () => {
    const graduated = run(
      { rate: undefined, tiers: { basis: 'revenue', mode: 'graduated', tiers: [{ from: 0, rate: { bp: 1000 } }, { from: 100_000, rate: { bp: 2000 } }] }, split: { salesperson: '1' } },
      { sales: [sale('S1', '2025-09-01', 80_000), sale('S2', '2025-09-02', 40_000), sale('S3', '2025-10-01', 40_000)] },
    );
    expect(graduated.lines.map((l) => [l.saleId, l.tier, l.amount])).toEqual([
      ['S1', 'CA 0,00 €–999,99 €', 8_000],
      ['S2', 'CA 0,00 €–999,99 € + CA à partir de 1 000,00 €', 6_000],
      ['S3', 'CA 0,00 €–999,99 €', 4_000],
    ]);
    const perSale = run(
      { rate: undefined, tiers: { basis: 'volume', mode: 'all_units', tiers: [{ from: 0, amount: 1_000 }, { from: 3, amount: 1_500 }] }, split: { salesperson: '1' } },
      { sales: [sale('S1', '2025-09-01', 1), sale('S2', '2025-09-01', 1), sale('S3', '2025-09-01', 1)] },
    );
    expect(perSale.lines.map((l) => l.amount)).toEqual([1_500, 1_500, 1_500]);
  });
});

describe('computeCommissions — cancellations, bonuses, bounds, holds', () => {
  it('clawback inside the window: full, or pro rata of the unearned months; nothing outside', () => {
    const facts = { sales: [sale('S1', '2025-01-10', 120_000)], cancellations: [{ saleId: 'S1', at: '2025-04-09' }] };
    const full = run({ clawback: { months: 12, rule: 'full' } }, facts);
    expect(full.lines.filter((l) => l.status === 'clawback').map((l) => [l.role, l.amount, l.eventDate, l.period])).toEqual([
      ['company', -7_200, '2025-04-09', '2025-04'],
      ['salesperson', -3_600, '2025-04-09', '2025-04'],
      ['manager', -1_200, '2025-04-09', '2025-04'],
    ]);
    expect(sum(full.lines)).toBe(0);
    // 2 whole months elapsed (10 Jan → 9 Apr): 10/12 of 120 € = 100 € taken back.
    const proRata = run({ clawback: { months: 12, rule: 'pro_rata' } }, facts);
    expect(proRata.lines.filter((l) => l.kind === 'clawback').reduce((a, l) => a + l.amount, 0)).toBe(-10_000);
    expect(proRata.lines.find((l) => l.kind === 'clawback')!.explanation).toMatch(/^Reprise au prorata : 10\/12 non acquis de la commission du 10\/01\/2025 \(120,00 €\)/);
    // The window runs to the day before the anniversary: 3 months from 10 January still covers 9 April, 2 do not.
    expect(run({ clawback: { months: 3, rule: 'full' } }, facts).lines.filter((l) => l.kind === 'clawback')).toHaveLength(3);
    expect(run({ clawback: { months: 2, rule: 'full' } }, facts).lines.filter((l) => l.kind === 'clawback')).toHaveLength(0);
  });

  it('malus on early termination goes to the salesperson alone', () => {
    const { lines } = run({ malus: { months: 6, amount: 5_000 } }, { sales: [sale('S1', '2025-01-10', 10_000)], cancellations: [{ saleId: 'S1', at: '2025-07-09T20:00:00Z' }] });
    expect(lines.filter((l) => l.kind === 'malus').map((l) => [l.role, l.beneficiary, l.amount, l.status])).toEqual([['salesperson', 'alice', -5_000, 'clawback']]);
  });

  it('one-shot bonus once the month’s threshold is reached, per salesperson', () => {
    const sales = [sale('S1', '2025-09-01', 1), sale('S2', '2025-09-20', 1), sale('S3', '2025-09-21', 1, { salesperson: 'bob' })];
    const { lines } = run({ bonuses: [{ basis: 'volume', threshold: 2, amount: 20_000, label: 'Prime 2 ventes' }] }, { sales });
    expect(lines.filter((l) => l.kind === 'bonus').map((l) => [l.beneficiary, l.amount, l.eventDate, l.explanation])).toEqual([
      ['alice', 20_000, '2025-09-30', 'Prime 2 ventes de 2025-09 : 2 ventes ≥ seuil de 2 ventes → 200,00 € ; commercial alice'],
    ]);
  });

  it('minimum and maximum per line and per period', () => {
    const sales = [sale('S1', '2025-09-01', 1_000), sale('S2', '2025-09-02', 900_000)];
    const perLine = run({ perLine: { min: 500, max: 50_000 }, split: { salesperson: '1' } }, { sales });
    expect(perLine.lines.map((l) => l.amount)).toEqual([500, 50_000]);
    expect(perLine.lines[1]!.explanation).toMatch(/ramené à 500,00 € \(maximum par ligne\)/);
    const perPeriod = run({ perPeriod: { max: 60_000 }, split: { salesperson: '1' } }, { sales });
    expect(perPeriod.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['commission', 100],
      ['commission', 90_000],
      ['adjustment', -30_100],
    ]);
  });

  it('a held sale’s lines are gelées with the reason', () => {
    const { lines } = run({}, { sales: [sale('S1', '2025-09-01', 10_000, { hold: 'pièces CQ manquantes' })] });
    expect(lines.every((l) => l.status === 'gelee' && l.explanation.includes('gelée : pièces CQ manquantes'))).toBe(true);
  });

  it('refuses what it cannot compute, naming the field', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CommissionError ? e.field : String(e);
      }
      return 'no error';
    };
    expect(error(() => run({ split: { company: '0.5' } }, { sales: [] }))).toBe('scheme.split');
    expect(error(() => run({ base: 'revenue' }, { sales: [] }))).toBe('scheme.base');
    expect(error(() => run({ settlement: 'recurring' }, { sales: [] }))).toBe('scheme.accrual');
    expect(error(() => run({ accrual: 'postcompte', settlement: 'recurring' }, { sales: [] }))).toBe('until');
    expect(error(() => run({}, { sales: [sale('S1', '2025-09-01', 1.5)] }))).toBe('sales[0].amount');
    expect(error(() => run({}, { sales: [sale('S1', '2025-09-01', 1)], cancellations: [{ saleId: 'S2', at: '2025-09-02' }] }))).toBe('cancellations[0].saleId');
    expect(error(() => run({}, { sales: [sale('S1', '2025-09-01', 1)], cancellations: [{ saleId: 'S1', at: '2025-08-31' }] }))).toBe('cancellations[0].at');
    expect(error(() => run({ rate: { decimal: '0,1' } }, { sales: [] }))).toBe('scheme.rate');
    expect(error(() => run({ currency: 'CHF' }, { sales: [] }))).toBe('scheme.currency');
  });
});

describe('computeCommissions — properties', () => {
  const amount = fc.integer({ min: 0, max: 5_000_000 });
  const day = fc.integer({ min: 0, max: 700 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const rate = fc.oneof(fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ bp })), fc.integer({ min: 0, max: 100_000 }).map((n) => ({ decimal: String(n / 100_000) })));

  it('every event’s lines add up to its commission, whatever the plan', () => {
    fc.assert(
      fc.property(splitPlan, rate, fc.array(fc.tuple(day, amount), { minLength: 1, maxLength: 6 }), (split, r, specs) => {
        const { lines } = run({ split, rate: r }, { sales: specs.map(([d, a], i) => sale(`S${i}`, d, a)) });
        const byEvent = new Map<string, { commission: number; total: number }>();
        for (const l of lines) {
          const e = byEvent.get(l.saleId!) ?? { commission: l.commission, total: 0 };
          e.total += l.amount;
          byEvent.set(l.saleId!, e);
        }
        for (const e of byEvent.values()) expect(e.total).toBe(e.commission);
      }),
    );
  });

  it('a sale followed by its full clawback nets to zero, per beneficiary', () => {
    fc.assert(
      fc.property(splitPlan, rate, amount, day, fc.integer({ min: 0, max: 364 }), fc.option(fc.record({ min: fc.integer({ min: 0, max: 1000 }), max: fc.integer({ min: 1000, max: 500_000 }) }), { nil: undefined }), (split, r, a, d, after, perLine) => {
        const cancelled = new Date(Date.parse(d) + after * 86_400_000).toISOString().slice(0, 10);
        const { lines } = run({ split, rate: r, perLine, clawback: { months: 12, rule: 'full' }, renewalRate: r }, { sales: [sale('S1', d, a)], cancellations: [{ saleId: 'S1', at: cancelled }] });
        const net = new Map<string, number>();
        for (const l of lines) net.set(l.role, (net.get(l.role) ?? 0) + l.amount);
        for (const v of net.values()) expect(v).toBe(0);
      }),
    );
  });

  it('pro rata clawback never takes back more than the commission', () => {
    fc.assert(
      fc.property(rate, amount, day, fc.integer({ min: 0, max: 400 }), (r, a, d, after) => {
        const cancelled = new Date(Date.parse(d) + after * 86_400_000).toISOString().slice(0, 10);
        const { lines } = run({ rate: r, clawback: { months: 12, rule: 'pro_rata' } }, { sales: [sale('S1', d, a)], cancellations: [{ saleId: 'S1', at: cancelled }] });
        const commission = lines.filter((l) => l.kind === 'commission').reduce((s, l) => s + l.amount, 0);
        const clawback = lines.filter((l) => l.kind === 'clawback').reduce((s, l) => s + l.amount, 0);
        expect(clawback).toBeLessThanOrEqual(0);
        expect(-clawback).toBeLessThanOrEqual(commission);
      }),
    );
  });

  it('min/max bounds hold per line and per period', () => {
    const bounds = fc.tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 200_000 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
    fc.assert(
      fc.property(bounds, bounds, rate, fc.array(fc.tuple(day, amount, fc.constantFrom('alice', 'bob')), { minLength: 1, maxLength: 8 }), (perLine, perPeriod, r, specs) => {
        const sales = specs.map(([d, a, who], i) => sale(`S${i}`, d, a, { salesperson: who }));
        const lines = run({ rate: r, perLine, split: { salesperson: '1' } }, { sales }).lines;
        for (const l of lines) {
          expect(l.amount).toBeGreaterThanOrEqual(perLine.min);
          expect(l.amount).toBeLessThanOrEqual(perLine.max);
        }
        const periodLines = run({ rate: r, perPeriod, split: { salesperson: '1' } }, { sales }).lines;
        const totals = new Map<string, number>();
        for (const l of periodLines) totals.set(`${l.period}|${l.beneficiary}`, (totals.get(`${l.period}|${l.beneficiary}`) ?? 0) + l.amount);
        for (const total of totals.values()) {
          expect(total).toBeGreaterThanOrEqual(perPeriod.min);
          expect(total).toBeLessThanOrEqual(perPeriod.max);
        }
      }),
    );
  });

  it('the order in which sales are given does not change the lines (tiers follow dates, then ids)', () => {
    const scheme: Partial<CommissionScheme> = {
      rate: undefined,
      tiers: { basis: 'revenue', mode: 'graduated', tiers: [{ from: 0, rate: { bp: 500 } }, { from: 200_000, rate: { bp: 900 } }] },
      bonuses: [{ basis: 'volume', threshold: 3, amount: 1_000 }],
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(day, amount, fc.constantFrom('alice', 'bob')), { minLength: 1, maxLength: 8 }), fc.func(fc.integer()), (specs, key) => {
        const sales = specs.map(([d, a, who], i) => sale(`S${i}`, d, a, { salesperson: who }));
        const shuffled = [...sales].sort((x, y) => key(x.id) - key(y.id));
        expect(run(scheme, { sales: shuffled }).lines).toEqual(run(scheme, { sales }).lines);
      }),
    );
  });
});
