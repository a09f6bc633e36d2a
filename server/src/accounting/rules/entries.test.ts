import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_PREVOYANCE_SCHEME, commissionEntries, computeCommissions, MONDIAL_TV_SCHEME, revenueEntry } from '../../commissions/engine/index.ts';
import { accountPlan, DEFAULT_ACCOUNT_PLAN } from './accounts.ts';
import { customerAuxiliary, finalize, fromEngineEntry, invoiceEntry, paymentEntry, type PostingEntry, providerFeeEntry, refundEntry, signedLine, totals, UnbalancedEntryError } from './entries.ts';

const plan = DEFAULT_ACCOUNT_PLAN;
const uuid = '0190a000-0000-7000-8000-000000000001';

function assertWellFormed(entry: PostingEntry): void {
  const sum = totals(entry.lines);
  expect(sum.debit).toBe(sum.credit);
  for (const line of entry.lines) {
    expect(line.debit >= 0 && line.credit >= 0).toBe(true);
    expect((line.debit === 0) !== (line.credit === 0)).toBe(true);
  }
}

describe('postings', () => {
  it('puts a negative amount on the other side', () => {
    expect(signedLine('debit', -500, { account: '411000', kind: 'Tiers', label: 'x' })).toMatchObject({ debit: 0, credit: 500 });
    expect(signedLine('credit', 500, { account: '706100', kind: 'CA', label: 'x' })).toMatchObject({ debit: 0, credit: 500 });
    expect(signedLine('credit', 0, { account: '706100', kind: 'CA', label: 'x' })).toBeNull();
    expect(() => signedLine('credit', 0.5, { account: '706100', kind: 'CA', label: 'x' })).toThrow(RangeError);
  });

  it('refuses an entry that does not balance', () => {
    expect(() => finalize({ journal: 'OD', date: '2025-09-01', label: 'x', sourceKey: 'k', pieceRef: 'p', currency: 'EUR', lines: [signedLine('debit', 100, { account: '411000', kind: 'Tiers', label: 'x' }), signedLine('credit', 99, { account: '706100', kind: 'CA', label: 'x' })] })).toThrow(UnbalancedEntryError);
  });

  it('keeps valid overrides of the account plan only', () => {
    expect(accountPlan({ revenue: '701100', bank: 'abc', fees: '9' })).toEqual({ ...plan, revenue: '701100' });
  });

  it('balances every invoice and credit note, for any VAT breakdown (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ vatRateBp: fc.constantFrom(0, 210, 550, 1000, 2000), taxableAmount: fc.integer({ min: 0, max: 10_000_000 }), taxAmount: fc.integer({ min: 0, max: 2_000_000 }) }), { minLength: 1, maxLength: 4 }), fc.boolean(), (vat, credit) => {
        const totalInclTax = vat.reduce((t, r) => t + r.taxableAmount + r.taxAmount, 0);
        fc.pre(totalInclTax > 0);
        const entry = invoiceEntry({ kind: credit ? 'credit_note' : 'invoice', number: 'F-1', issueDate: '2025-09-01', currency: 'EUR', customerId: uuid, customerName: 'C', orderId: uuid, vat, totalInclTax }, plan);
        assertWellFormed(entry);
        expect(totals(entry.lines).debit).toBe(totalInclTax);
      }),
    );
  });

  it('puts an invoice and its payment on the same customer auxiliary account, so they letter together', () => {
    const customerId = '0190a000-1234-7abc-8def-0123456789ab';
    const invoice = invoiceEntry({ kind: 'invoice', number: 'F-1', issueDate: '2025-09-01', currency: 'EUR', customerId, customerName: 'Dupont', orderId: uuid, vat: [{ vatRateBp: 2000, taxableAmount: 1000, taxAmount: 200 }], totalInclTax: 1200 }, plan);
    const payment = paymentEntry({ paymentId: uuid, date: '2025-09-02', amount: 1200, currency: 'EUR', provider: 'stripe', customerId, customerName: 'Dupont', orderId: uuid, orderNumber: 'CMD-1' }, plan);
    const customerLines = [...invoice.lines, ...payment.lines].filter((line) => line.account === plan.customer);
    expect(customerLines.map((line) => [line.auxAccount, line.auxLabel])).toEqual([
      ['C0190A0001234', 'Dupont'],
      ['C0190A0001234', 'Dupont'],
    ]);
    expect(customerAuxiliary(customerId, 'Dupont')).toEqual({ auxAccount: 'C0190A0001234', auxLabel: 'Dupont' });
  });

  it('balances payments, refunds and fees; a full refund nets the payment to zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0, 2000), (amount, fee, rate) => {
        const facts = { paymentId: uuid, date: '2025-09-01', amount, currency: 'EUR', provider: 'stripe', customerId: uuid, customerName: 'C', orderId: uuid, orderNumber: 'CMD-1' };
        const payment = paymentEntry(facts, plan);
        const refund = refundEntry({ ...facts, refundedAfter: amount }, plan);
        assertWellFormed(payment);
        assertWellFormed(refund);
        const net = new Map<string, number>();
        for (const line of [...payment.lines, ...refund.lines]) net.set(line.account, (net.get(line.account) ?? 0) + line.debit - line.credit);
        expect([...net.values()].every((v) => v === 0)).toBe(true);
        if (fee > 0) assertWellFormed(providerFeeEntry({ sourceKey: 'f', date: '2025-09-01', provider: 'stripe', feeExclTax: fee, vatRateBp: rate, currency: 'EUR', pieceRef: 'p' }, plan));
      }),
    );
  });

  it('converts the engine Annex F entries, clawbacks included, into balanced postings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 100, max: 1_000_000 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 4 }), (amounts, cancelIndex) => {
        const sales = amounts.map((amount, i) => ({ id: `S-${i}`, at: `2025-09-0${(i % 9) + 1}`, amount, salesperson: 'alice', manager: 'bob', partner: 'oggo' }));
        const scheme = { ...ACTION_PREVOYANCE_SCHEME, clawback: { months: 12, rule: 'full' as const } };
        const cancellations = cancelIndex < sales.length ? [{ saleId: sales[cancelIndex]!.id, at: '2025-10-15' }] : [];
        const result = computeCommissions({ company: { name: 'AP', timeZone: 'Europe/Paris', currency: 'EUR' }, scheme, sales, cancellations, until: '2025-12-31' });
        const entries = commissionEntries(result.lines, scheme.mode, true);
        for (const [i, entry] of entries.entries()) assertWellFormed(fromEngineEntry(entry, { sourceKey: `c:${i}`, pieceRef: 'x', currency: 'EUR' }));
      }),
      { numRuns: 50 },
    );
    const mtv = revenueEntry('2025-09-01', 'MTV-1', 2492, 2000);
    expect(fromEngineEntry(mtv, { sourceKey: 'r', pieceRef: 'x', currency: 'EUR' }).lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['411000', 2990, 0],
      ['706100', 0, 2492],
      ['445710', 0, 498],
    ]);
    expect(MONDIAL_TV_SCHEME.mode).toBe('internal_revenue');
  });
});
