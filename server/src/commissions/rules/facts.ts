import { createHash } from 'node:crypto';
import type { Cancellation, Collection, CommissionLine, Renewal, Sale } from '../engine/index.ts';

/** What the sales and payments modules know about one order of a product, as the engine's facts need it. */
export interface OrderFacts {
  orderId: string;
  /** When it was paid (the sale), null while unpaid: an unpaid order earns nothing. */
  paidAt: Date | null;
  /** HT of one billing period (the month of a monthly subscription, the year of a yearly one, the one-off sale). */
  amountExclTax: number;
  salesperson: string | null;
  partner: string | null;
  status: string;
  /** Succeeded payments: the first is the sale, renewals are the provider's later invoices. */
  payments: { kind: 'checkout' | 'renewal' | 'free'; succeededAt: Date | null; status: string }[];
  /** A cancelled subscription or a fully refunded order ends the contract (clawback window, malus). */
  cancelledAt: Date | null;
}

export interface EngineFacts {
  sales: Sale[];
  collections: Collection[];
  renewals: Renewal[];
  cancellations: Cancellation[];
}

/** Orders → the engine's sales, collections (every succeeded payment), renewals and cancellations. Pure. */
export function engineFacts(orders: readonly OrderFacts[]): EngineFacts {
  const facts: EngineFacts = { sales: [], collections: [], renewals: [], cancellations: [] };
  for (const order of [...orders].sort((a, b) => (a.paidAt?.getTime() ?? 0) - (b.paidAt?.getTime() ?? 0) || a.orderId.localeCompare(b.orderId))) {
    if (!order.paidAt) continue;
    facts.sales.push({ id: order.orderId, at: order.paidAt.toISOString(), amount: order.amountExclTax, ...(order.salesperson ? { salesperson: order.salesperson } : {}), ...(order.partner ? { partner: order.partner } : {}) });
    for (const payment of order.payments) {
      if (payment.status !== 'succeeded' || !payment.succeededAt) continue;
      facts.collections.push({ saleId: order.orderId, at: payment.succeededAt.toISOString(), amount: order.amountExclTax });
      if (payment.kind === 'renewal') facts.renewals.push({ saleId: order.orderId, at: payment.succeededAt.toISOString(), amount: order.amountExclTax });
    }
    if (order.cancelledAt) facts.cancellations.push({ saleId: order.orderId, at: order.cancelledAt.toISOString() });
  }
  return facts;
}

/** A line's identity across recomputations: its sale, kind, role, beneficiary and event day. */
export function lineKey(line: Pick<CommissionLine, 'saleId' | 'kind' | 'role' | 'beneficiary' | 'eventDate'>): string {
  return [line.saleId ?? '-', line.kind, line.role, line.beneficiary ?? '-', line.eventDate].join('|');
}

/** The event a line belongs to (all roles of one sale's commission, clawback, renewal… on one day). */
export function eventKey(line: Pick<CommissionLine, 'saleId' | 'kind' | 'eventDate' | 'period'>): string {
  return [line.saleId ?? `period:${line.period}`, line.kind, line.eventDate].join('|');
}

/** A short digest of what an event's lines amount to: a new digest means its entries must be posted again. */
export function eventDigest(lines: readonly Pick<CommissionLine, 'role' | 'beneficiary' | 'amount' | 'commission'>[]): string {
  const canonical = lines
    .map((l) => `${l.role}:${l.beneficiary ?? ''}:${l.amount}:${l.commission}`)
    .sort()
    .join(';');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Statement totals per beneficiary (role + person), from lines of a period. */
export function statementTotals(lines: readonly { role: string; beneficiary: string | null; amount: number; status: string }[]): { role: string; beneficiary: string | null; earned: number; clawedBack: number; net: number; count: number }[] {
  const byKey = new Map<string, { role: string; beneficiary: string | null; earned: number; clawedBack: number; net: number; count: number }>();
  for (const line of lines) {
    if (line.amount === 0) continue;
    const key = `${line.role}|${line.beneficiary ?? ''}`;
    const total = byKey.get(key) ?? { role: line.role, beneficiary: line.beneficiary, earned: 0, clawedBack: 0, net: 0, count: 0 };
    if (line.amount < 0) total.clawedBack += -line.amount;
    else total.earned += line.amount;
    total.net += line.amount;
    total.count++;
    byKey.set(key, total);
  }
  return [...byKey.values()].sort((a, b) => a.role.localeCompare(b.role) || (a.beneficiary ?? '').localeCompare(b.beneficiary ?? ''));
}
