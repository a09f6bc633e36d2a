import type { MessageKey } from '../../i18n/fr.ts';
import { centsToInput, parseAmountToCents } from '../../money.ts';
import type { AttributeValue, FeePlan, OrderDetail, Payment, Refund } from '../../paymentsApi.ts';

// Pure helpers of the order and payment screens: what may be refunded, typed amounts and rates,
// quote attributes, and when a page should keep watching the server. No React, unit-tested.

/** Refunds already on their way (asked, or sent and waiting for the provider's webhook). */
function inFlight(refunds: readonly Refund[], paymentId: string): number {
  return refunds.filter((r) => r.paymentId === paymentId && (r.status === 'requested' || r.status === 'pending')).reduce((sum, r) => sum + r.amount, 0);
}

/** What a payment still holds: collected, less refunded, less refunds in flight. */
export function refundableOn(payment: Pick<Payment, 'id' | 'amount' | 'refundedAmount'>, refunds: readonly Refund[]): number {
  return Math.max(0, payment.amount - payment.refundedAmount - inFlight(refunds, payment.id));
}

/**
 * The payment a refund goes to and the most it may take, as the server decides it
 * (server/src/payments/refunds/request-refund.ts): the latest collected payment with money left on it.
 * null when there is nothing to refund.
 */
export function refundTarget(detail: Pick<OrderDetail, 'payments' | 'refunds'>): { paymentId: string; max: number } | null {
  const collected = detail.payments
    .filter((p) => p.status === 'succeeded' && p.amount > 0)
    .sort((a, b) => (b.succeededAt ?? '').localeCompare(a.succeededAt ?? ''));
  for (const payment of collected) {
    const max = refundableOn(payment, detail.refunds);
    if (max > 0) return { paymentId: payment.id, max };
  }
  return null;
}

/** The refund amount typed as decimal text → minor units, or why it is refused (a message key). */
export function parseRefundAmount(text: string, max: number): { amount: number } | { error: MessageKey } {
  const amount = parseAmountToCents(text);
  if (amount === null) return { error: 'refund.error.amount' };
  if (amount <= 0) return { error: 'refund.error.zero' };
  if (amount > max) return { error: 'refund.error.max' };
  return { amount };
}

/** The server's « maximum 4000 » field message (minor units) → the amount it names, to show it as money. */
export function maximumOf(message: string): number | null {
  const match = /^maximum (\d+)$/.exec(message.trim());
  return match ? Number(match[1]) : null;
}

/** A quote attribute typed in a text box: « 25 » is a number, « true »/« false » a boolean, anything else text. */
export function parseAttributeValue(text: string): AttributeValue {
  const value = text.trim();
  if (value === '') return null;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

export interface AttributeRow {
  key: string;
  value: string;
}

/** Attribute rows → the quote's attributes object; rows without a name are skipped. */
export function attributesFromRows(rows: readonly AttributeRow[]): Record<string, AttributeValue> | undefined {
  const entries = rows.filter((row) => row.key.trim()).map((row) => [row.key.trim(), parseAttributeValue(row.value)] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** A rate typed as a percentage (« 15 », « 2,9 », « 17.5 % ») → basis points, exactly; null when not a rate. */
export function parsePercentToBp(text: string): number | null {
  const bp = parseAmountToCents(text.replace(/%/g, ''));
  return bp === null || bp > 10_000 ? null : bp;
}

/** Basis points → « 2,9 » (for an input showing a percentage). */
export function bpToPercentInput(bp: number): string {
  const text = centsToInput(bp);
  return text.replace(/,00$/, '').replace(/(,\d)0$/, '$1');
}

export interface FeePlanForm {
  commission: string;
  providerFee: string;
  providerFeeFixed: string;
  payoutDelayDays: string;
  refundReversesMerchantShare: boolean;
  refundReturnsCommission: boolean;
}

export type FeePlanField = 'commission' | 'providerFee' | 'providerFeeFixed' | 'payoutDelayDays';

export function feePlanToForm(plan: FeePlan): FeePlanForm {
  return {
    commission: bpToPercentInput(plan.commissionBp),
    providerFee: bpToPercentInput(plan.providerFeeBp),
    providerFeeFixed: centsToInput(plan.providerFeeFixed),
    payoutDelayDays: String(plan.payoutDelayDays),
    refundReversesMerchantShare: plan.refundReversesMerchantShare,
    refundReturnsCommission: plan.refundReturnsCommission,
  };
}

/** The seed's defaults (000 B.2): 15 % commission, 2.9 % + 0.30 € provider fee, payout at J+7. */
export const defaultFeePlan: FeePlan = {
  commissionBp: 1500,
  providerFeeBp: 290,
  providerFeeFixed: 30,
  payoutDelayDays: 7,
  refundReversesMerchantShare: true,
  refundReturnsCommission: false,
};

/** The fee plan form → the API body, or the refusals by field (message keys). */
export function feePlanFromForm(form: FeePlanForm): { plan: FeePlan } | { errors: Partial<Record<FeePlanField, MessageKey>> } {
  const errors: Partial<Record<FeePlanField, MessageKey>> = {};
  const commissionBp = parsePercentToBp(form.commission);
  const providerFeeBp = parsePercentToBp(form.providerFee);
  const providerFeeFixed = parseAmountToCents(form.providerFeeFixed);
  const delay = /^\d{1,2}$/.test(form.payoutDelayDays.trim()) ? Number(form.payoutDelayDays.trim()) : null;
  if (commissionBp === null) errors.commission = 'merchants.error.percent';
  if (providerFeeBp === null) errors.providerFee = 'merchants.error.percent';
  if (providerFeeFixed === null || providerFeeFixed > 10_000) errors.providerFeeFixed = 'merchants.error.amount';
  if (delay === null || delay > 60) errors.payoutDelayDays = 'merchants.error.delay';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    plan: {
      commissionBp: commissionBp!,
      providerFeeBp: providerFeeBp!,
      providerFeeFixed: providerFeeFixed!,
      payoutDelayDays: delay!,
      refundReversesMerchantShare: form.refundReversesMerchantShare,
      refundReturnsCommission: form.refundReturnsCommission,
    },
  };
}

/**
 * Whether the order page should keep asking the server: something is on its way that only a job or a webhook
 * will settle (a refund sent to the provider, an event not applied yet, a payment being made).
 */
export function orderNeedsPolling(detail: Pick<OrderDetail, 'order' | 'refunds' | 'events' | 'payments'>): boolean {
  if (detail.refunds.some((r) => r.status === 'requested' || r.status === 'pending')) return true;
  if (detail.events.some((e) => e.status === 'received')) return true;
  return detail.order.status === 'awaiting_payment' && detail.payments.some((p) => p.status === 'pending');
}

/** The customer's page for an order, as sent to them (same origin as the back-office). */
export function customerPageUrl(origin: string, publicToken: string): string {
  return `${origin}/commande/${encodeURIComponent(publicToken)}`;
}

/** Digits of a card number as typed (« 4242 4242 4242 4242 »), grouped by four for display. */
export function formatCardNumber(text: string): string {
  return text
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A card number the sandbox can be asked about: 12 to 19 digits. */
export function isCardNumber(text: string): boolean {
  return /^\d{12,19}$/.test(text.replace(/[\s-]/g, ''));
}
