/**
 * Seed 000 B.2: a marketplace sale is shared between the provider (its fee: 2.9 % + 0.30 € by default), the platform
 * (its commission: 15–20 % of the sale) and the merchant (the rest). Integer minor units; each percentage rounds half
 * up to the cent, and the merchant's share is what remains, so the three always add up to the amount paid.
 */
export interface SplitPlan {
  commissionBp: number;
  providerFeeBp: number;
  providerFeeFixed: number;
}

export interface Split {
  amount: number;
  providerFee: number;
  platformCommission: number;
  merchantShare: number;
}

export function splitSale(amount: number, plan: SplitPlan): Split {
  assertMinorUnits(amount);
  if (amount === 0) return { amount, providerFee: 0, platformCommission: 0, merchantShare: 0 };
  const providerFee = Math.min(amount, percentHalfUp(amount, plan.providerFeeBp) + plan.providerFeeFixed);
  const platformCommission = Math.min(amount - providerFee, percentHalfUp(amount, plan.commissionBp));
  return { amount, providerFee, platformCommission, merchantShare: amount - providerFee - platformCommission };
}

export interface RefundPolicy {
  /** The merchant gives back its share of the refunded part (Stripe's `reverse_transfer`). */
  reverseMerchantShare: boolean;
  /** The platform gives back its commission on the refunded part (Stripe's `refund_application_fee`). */
  returnCommission: boolean;
}

export interface RefundSplit {
  /** What the merchant gives back (≤ 0): its share pro rata, plus the commission's part when the platform keeps it. */
  merchantShareReversed: number;
  /** What the platform gives back of its commission (≥ 0), for its own accounts. */
  commissionReturned: number;
}

/**
 * Who funds a refund, pro rata of the refunded amount. The provider keeps its fee (Stripe does not return it), so the
 * platform bears that part. When the merchant's share is reversed, the merchant also funds the commission's part unless
 * the platform returns its commission. Computed on cumulative refunded amounts and differenced, so two partial refunds
 * take back exactly what one refund of their sum would.
 */
export function splitRefund(sale: Split, refundedBefore: number, refundedAfter: number, policy: RefundPolicy): RefundSplit {
  const delta = (part: number) => (sale.amount === 0 ? 0 : proRataHalfUp(part, refundedAfter, sale.amount) - proRataHalfUp(part, refundedBefore, sale.amount));
  const commissionPart = delta(sale.platformCommission);
  const merchantPart = policy.reverseMerchantShare ? delta(sale.merchantShare) + (policy.returnCommission ? 0 : commissionPart) : 0;
  return { merchantShareReversed: 0 - merchantPart, commissionReturned: policy.returnCommission ? commissionPart : 0 };
}

/** amount × bp / 10 000, half up, in exact integer arithmetic (BigInt avoids any float). */
export function percentHalfUp(amount: number, bp: number): number {
  return proRataHalfUp(amount, bp, 10_000);
}

function proRataHalfUp(value: number, numerator: number, denominator: number): number {
  const product = BigInt(value) * BigInt(numerator);
  const d = BigInt(denominator);
  return Number((product * 2n + d) / (2n * d));
}

function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer of minor units, got ${amount}`);
}
