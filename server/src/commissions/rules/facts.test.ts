import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionEntries, type CommissionScheme, computeCommissions, entryTotals } from '../engine/index.ts';
import { engineFacts, eventDigest, lineKey, type OrderFacts, statementTotals } from './facts.ts';

const company = { name: 'AP', timeZone: 'Europe/Paris', currency: 'EUR' as const };
const scheme: CommissionScheme = {
  code: 'AP-SANTE-001',
  currency: 'EUR',
  mode: 'commission_only',
  base: 'premium',
  settlement: 'upfront',
  accrual: 'precompte',
  appliesTo: 'both',
  rate: { decimal: '0.10' },
  clawback: { months: 12, rule: 'full' },
  split: { company: '0.5', salesperson: '0.2', manager: '0.1', partner: '0.2' },
};

function order(id: string, paidAt: string, amount: number, cancelledAt: string | null = null): OrderFacts {
  return { orderId: id, paidAt: new Date(paidAt), amountExclTax: amount, salesperson: 'alice', partner: 'oggo', status: 'paid', payments: [{ kind: 'checkout', succeededAt: new Date(paidAt), status: 'succeeded' }], cancelledAt: cancelledAt ? new Date(cancelledAt) : null };
}

describe('engine facts from orders', () => {
  it('makes sales, collections, renewals and cancellations; unpaid orders earn nothing', () => {
    const paid = order('o1', '2025-09-01T10:00:00Z', 120_000);
    paid.payments.push({ kind: 'renewal', succeededAt: new Date('2026-09-01T10:00:00Z'), status: 'succeeded' }, { kind: 'renewal', succeededAt: null, status: 'failed' });
    const facts = engineFacts([{ ...order('o0', '2025-08-01T10:00:00Z', 1), paidAt: null }, paid, order('o2', '2025-09-02T10:00:00Z', 98_000, '2025-10-01T00:00:00Z')]);
    expect(facts.sales.map((s) => s.id)).toEqual(['o1', 'o2']);
    expect(facts.collections).toHaveLength(3);
    expect(facts.renewals).toEqual([{ saleId: 'o1', at: '2026-09-01T10:00:00.000Z', amount: 120_000 }]);
    expect(facts.cancellations).toEqual([{ saleId: 'o2', at: '2025-10-01T00:00:00.000Z' }]);
  });

  it('reproduces Annex F §7 (120,00 / 98,00 / 145,00 € of commission) from three paid orders', () => {
    const facts = engineFacts([order('AP-SANTE-001', '2025-09-01T08:00:00Z', 120_000), order('AP-SANTE-002', '2025-09-02T08:00:00Z', 98_000), order('AP-SANTE-003', '2025-09-05T08:00:00Z', 145_000)]);
    const result = computeCommissions({ company, scheme: { ...scheme, split: { company: '1' }, clawback: undefined }, ...facts, until: '2025-09-30' });
    expect(result.lines.map((l) => [l.saleId, l.eventDate, l.amount, l.status])).toEqual([
      ['AP-SANTE-001', '2025-09-01', 12_000, 'precomptee'],
      ['AP-SANTE-002', '2025-09-02', 9_800, 'precomptee'],
      ['AP-SANTE-003', '2025-09-05', 14_500, 'precomptee'],
    ]);
    const entries = commissionEntries(result.lines, 'commission_only', true);
    expect(entries.map((e) => e.lines.find((l) => l.account === '756200')!.credit)).toEqual([12_000, 9_800, 14_500]);
  });

  it('a sale then its cancellation inside the clawback window nets to zero, role by role and in the ledger (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 1, max: 330 }), (amount, days) => {
        const cancelled = new Date(Date.UTC(2025, 8, 1, 12) + days * 86_400_000).toISOString();
        const facts = engineFacts([order('S1', '2025-09-01T12:00:00Z', amount, cancelled)]);
        const result = computeCommissions({ company, scheme, ...facts, until: '2026-12-31' });
        const byRole = new Map<string, number>();
        for (const line of result.lines) byRole.set(line.role, (byRole.get(line.role) ?? 0) + line.amount);
        expect([...byRole.values()].every((v) => v === 0)).toBe(true);
        if (result.lines.some((l) => l.kind === 'commission' && l.amount > 0)) expect(result.lines.some((l) => l.kind === 'clawback' && l.amount < 0)).toBe(true);
        const net = new Map<string, number>();
        for (const entry of commissionEntries(result.lines, 'commission_only', true)) {
          const t = entryTotals(entry);
          expect(t.debit).toBe(t.credit);
          for (const l of entry.lines) net.set(l.account, (net.get(l.account) ?? 0) + l.debit - l.credit);
        }
        expect([...net.values()].every((v) => v === 0)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('splits always sum to the commission of the event (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 8 }), (amounts) => {
        const facts = engineFacts(amounts.map((a, i) => order(`S${i}`, `2025-09-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`, a)));
        const result = computeCommissions({ company, scheme, ...facts, until: '2025-12-31' });
        const events = new Map<string, { commission: number; sum: number }>();
        for (const line of result.lines) {
          const key = `${line.saleId}|${line.kind}|${line.eventDate}`;
          const e = events.get(key) ?? { commission: line.commission, sum: 0 };
          e.sum += line.amount;
          events.set(key, e);
        }
        for (const e of events.values()) expect(e.sum).toBe(e.commission);
      }),
    );
  });

  it('keys lines stably, digests what matters, and totals statements', () => {
    const line = { saleId: 'S1', kind: 'commission' as const, role: 'partner' as const, beneficiary: 'oggo', eventDate: '2025-09-01' };
    expect(lineKey(line)).toBe('S1|commission|partner|oggo|2025-09-01');
    const a = eventDigest([{ role: 'partner', beneficiary: 'oggo', amount: 100, commission: 500 }, { role: 'company', beneficiary: null, amount: 400, commission: 500 }]);
    expect(eventDigest([{ role: 'company', beneficiary: null, amount: 400, commission: 500 }, { role: 'partner', beneficiary: 'oggo', amount: 100, commission: 500 }])).toBe(a);
    expect(eventDigest([{ role: 'partner', beneficiary: 'oggo', amount: 101, commission: 500 }])).not.toBe(a);
    expect(statementTotals([{ role: 'salesperson', beneficiary: 'alice', amount: 500, status: 'precomptee' }, { role: 'salesperson', beneficiary: 'alice', amount: -200, status: 'clawback' }, { role: 'partner', beneficiary: 'oggo', amount: 0, status: 'annulee' }])).toEqual([
      { role: 'salesperson', beneficiary: 'alice', earned: 500, clawedBack: 200, net: 300, count: 2 },
    ]);
  });
});
