import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { formatMoney } from '../src/money.ts';
import {
  attributesFromRows,
  bpToPercentInput,
  customerPageUrl,
  defaultFeePlan,
  feePlanFromForm,
  feePlanToForm,
  formatCardNumber,
  isCardNumber,
  maximumOf,
  orderNeedsPolling,
  parseAttributeValue,
  parsePercentToBp,
  parseRefundAmount,
  refundTarget,
} from '../src/pages/payments/paymentForms.ts';
import { parseDays } from '../src/pages/payments/SandboxPanel.tsx';
import type { OrderDetail, Payment, Refund } from '../src/paymentsApi.ts';

const payment = (patch: Partial<Payment>): Payment => ({
  id: 'p1',
  kind: 'checkout',
  provider: 'sandbox',
  status: 'succeeded',
  amount: 10_000,
  currency: 'EUR',
  refundedAmount: 0,
  checkoutSessionId: null,
  checkoutUrl: null,
  paymentIntentId: 'pi_1',
  invoiceId: null,
  failureMessage: null,
  succeededAt: '2026-03-01T10:00:00.000Z',
  failedAt: null,
  expiredAt: null,
  createdAt: '2026-03-01T09:59:00.000Z',
  ...patch,
});
const refund = (patch: Partial<Refund>): Refund => ({
  id: 'r1',
  paymentId: 'p1',
  amount: 1_000,
  reason: null,
  status: 'succeeded',
  providerRefundId: null,
  failureMessage: null,
  requestedBy: null,
  createdAt: '2026-03-02T10:00:00.000Z',
  ...patch,
});

describe('payment screens: pure helpers', () => {
  it('refunds at most what the latest collected payment still holds, refunds in flight included', () => {
    expect(refundTarget({ payments: [payment({})], refunds: [] })).toEqual({ paymentId: 'p1', max: 10_000 });
    expect(refundTarget({ payments: [payment({ refundedAmount: 4_000 })], refunds: [refund({ amount: 4_000 }), refund({ id: 'r2', amount: 2_500, status: 'requested' })] })).toEqual({
      paymentId: 'p1',
      max: 3_500,
    });
    // A renewal paid later is refunded first; once it is exhausted, the earlier payment is.
    const renewal = payment({ id: 'p2', kind: 'renewal', succeededAt: '2027-03-01T10:00:00.000Z' });
    expect(refundTarget({ payments: [payment({}), renewal], refunds: [] })).toEqual({ paymentId: 'p2', max: 10_000 });
    expect(refundTarget({ payments: [payment({}), { ...renewal, refundedAmount: 10_000 }], refunds: [] })).toEqual({ paymentId: 'p1', max: 10_000 });
    // Nothing collected, a free confirmation, or everything given back: nothing to refund.
    expect(refundTarget({ payments: [payment({ status: 'pending', succeededAt: null })], refunds: [] })).toBeNull();
    expect(refundTarget({ payments: [payment({ kind: 'free', amount: 0 })], refunds: [] })).toBeNull();
    expect(refundTarget({ payments: [payment({ refundedAmount: 10_000 })], refunds: [] })).toBeNull();
  });

  it('parses the typed refund amount exactly to minor units and refuses what the server would', () => {
    expect(parseRefundAmount('40', 10_000)).toEqual({ amount: 4_000 });
    expect(parseRefundAmount('40,10', 10_000)).toEqual({ amount: 4_010 });
    expect(parseRefundAmount('0.29', 10_000)).toEqual({ amount: 29 });
    expect(parseRefundAmount('100,00 €', 10_000)).toEqual({ amount: 10_000 });
    expect(parseRefundAmount('100,01', 10_000)).toEqual({ error: 'refund.error.max' });
    expect(parseRefundAmount('0', 10_000)).toEqual({ error: 'refund.error.zero' });
    expect(parseRefundAmount('4,005', 10_000)).toEqual({ error: 'refund.error.amount' });
    expect(parseRefundAmount('-5', 10_000)).toEqual({ error: 'refund.error.amount' });
    expect(maximumOf('maximum 4000')).toBe(4_000);
    expect(maximumOf('rien à rembourser')).toBeNull();
  });

  it('types quote attributes: numbers and booleans as such, text otherwise', () => {
    expect(parseAttributeValue('25')).toBe(25);
    expect(parseAttributeValue('2.5')).toBe(2.5);
    expect(parseAttributeValue('true')).toBe(true);
    expect(parseAttributeValue(' particulier ')).toBe('particulier');
    expect(parseAttributeValue('2026-03-01')).toBe('2026-03-01');
    expect(parseAttributeValue('')).toBeNull();
    expect(attributesFromRows([{ key: 'client_type', value: 'particulier' }, { key: 'age', value: '25' }, { key: ' ', value: 'x' }])).toEqual({ client_type: 'particulier', age: 25 });
    expect(attributesFromRows([])).toBeUndefined();
  });

  it('reads rates as exact basis points and writes them back', () => {
    expect(parsePercentToBp('15')).toBe(1_500);
    expect(parsePercentToBp('2,9')).toBe(290);
    expect(parsePercentToBp('17.5 %')).toBe(1_750);
    expect(parsePercentToBp('100')).toBe(10_000);
    expect(parsePercentToBp('100,01')).toBeNull();
    expect(parsePercentToBp('2,905')).toBeNull();
    expect(bpToPercentInput(290)).toBe('2,9');
    expect(bpToPercentInput(1_500)).toBe('15');
    expect(bpToPercentInput(1_725)).toBe('17,25');
  });

  it('round-trips the fee plan form and names each refusal by field', () => {
    expect(feePlanFromForm(feePlanToForm(defaultFeePlan))).toEqual({ plan: defaultFeePlan });
    const form = { ...feePlanToForm(defaultFeePlan), commission: '17,5', providerFeeFixed: '0,25', payoutDelayDays: '2' };
    expect(feePlanFromForm(form)).toEqual({ plan: { ...defaultFeePlan, commissionBp: 1_750, providerFeeFixed: 25, payoutDelayDays: 2 } });
    expect(feePlanFromForm({ ...form, commission: 'abc', providerFee: '101', providerFeeFixed: '200', payoutDelayDays: '61' })).toEqual({
      errors: { commission: 'merchants.error.percent', providerFee: 'merchants.error.percent', providerFeeFixed: 'merchants.error.amount', payoutDelayDays: 'merchants.error.delay' },
    });
  });

  it('keeps watching an order while a job or a webhook has something to settle', () => {
    const base = { order: { status: 'paid' } as OrderDetail['order'], refunds: [] as Refund[], events: [] as OrderDetail['events'], payments: [payment({})] };
    expect(orderNeedsPolling(base)).toBe(false);
    expect(orderNeedsPolling({ ...base, refunds: [refund({ status: 'pending' })] })).toBe(true);
    expect(orderNeedsPolling({ ...base, events: [{ id: 'e', provider: 'sandbox', eventId: 'evt', type: 'charge.refunded', status: 'received', outcome: null, receivedAt: '', providerCreated: 0 }] })).toBe(true);
    expect(orderNeedsPolling({ ...base, order: { status: 'awaiting_payment' } as OrderDetail['order'], payments: [payment({ status: 'pending' })] })).toBe(true);
  });

  it('formats card numbers and the days of the sandbox clock', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4000-0000 0000-0002x')).toBe('4000 0000 0000 0002');
    expect(isCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(isCardNumber('4242')).toBe(false);
    expect(parseDays('30')).toBe(30);
    expect(parseDays('0,5')).toBe(0.5);
    expect(parseDays('0')).toBeNull();
    expect(parseDays('4000')).toBeNull();
    expect(customerPageUrl('http://127.0.0.1:3000', 'ab_c-d')).toBe('http://127.0.0.1:3000/commande/ab_c-d');
  });

  it('speaks of order statuses in both languages and shows money the local way', () => {
    expect(fr['order.status.partially_refunded']).toBe('Partiellement remboursée');
    expect(en['order.status.partially_refunded']).toBe('Partially refunded');
    expect(fr['sandbox.banner']).toBe('Bac à sable — aucun paiement réel');
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    expect(formatMoney(2_990, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('29,90 €');
    expect(formatMoney(18_500, 'CHF', 'fr')).toBe('CHF 185.–');
  });
});
