import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { orders } from '../../sales/schema.ts';
import { type CheckoutSessionObject, METADATA, type PaymentIntentObject, type ProviderEvent } from '../provider/provider-event.ts';
import { checkoutSessionFact, paymentIntentFact } from '../rules/event-facts.ts';
import type { PaymentFact } from '../rules/payment-facts.ts';
import { paymentAttempts } from '../schema.ts';
import { applyFactsToPayments, type PaymentRow } from '../settlement/payment-rows.ts';
import { type OrderRow, type SettlementCause, settleLockedOrders } from '../settlement/settle-order.ts';
import type { ApplyOutcome } from './apply-provider-event.ts';

export interface InboxItem {
  /** The inbox row's id: the key of the outcome. */
  key: string;
  provider: string;
  event: ProviderEvent;
  cause: SettlementCause;
}

const SESSION_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired']);
const INTENT_EVENTS = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

interface Candidate {
  item: InboxItem;
  kind: 'session' | 'intent';
  providerId: string;
  metadataPaymentId: string | null;
}

/**
 * The inbox's hot path: the checkout and payment-intent events of a batch of one-off orders — what a burst of payments
 * is made of — applied together with the same rules as `applyProviderEvent` (facts merged by `applyPaymentFact`, the
 * order derived by `settleLockedOrders`): their orders locked in one statement, their payments in one, the payments
 * that changed saved in one, the orders in one, receipts and events in one each. Several events of one order in the
 * batch make one settlement (the same final state: facts commute). Answers the outcome of each event it applied; the
 * others (subscriptions, events that name nothing known yet, other types) are left to `applyProviderEvent`.
 */
export async function applyCheckoutEventsInBulk(tx: DbOrTx, services: Services, items: readonly InboxItem[]): Promise<Map<string, ApplyOutcome>> {
  const outcomes = new Map<string, ApplyOutcome>();
  const candidates = items.flatMap((item): Candidate[] => {
    const object = item.event.data.object as Record<string, unknown> & { id: string; metadata?: Record<string, string> | null };
    const kind = SESSION_EVENTS.has(item.event.type) ? 'session' : INTENT_EVENTS.has(item.event.type) ? 'intent' : null;
    if (!kind) return [];
    const paymentId = object.metadata?.[METADATA.paymentId];
    return [{ item, kind, providerId: object.id, metadataPaymentId: paymentId && /^[0-9a-f-]{36}$/i.test(paymentId) ? paymentId.toLowerCase() : null }];
  });
  for (const provider of new Set(candidates.map((c) => c.item.provider))) {
    await applyForProvider(tx, services, provider, candidates.filter((c) => c.item.provider === provider), outcomes);
  }
  return outcomes;
}

async function applyForProvider(tx: DbOrTx, services: Services, provider: string, candidates: Candidate[], outcomes: Map<string, ApplyOutcome>): Promise<void> {
  const sessions = candidates.filter((c) => c.kind === 'session').map((c) => c.providerId);
  const intents = candidates.filter((c) => c.kind === 'intent').map((c) => c.providerId);
  const ids = candidates.flatMap((c) => (c.metadataPaymentId ? [c.metadataPaymentId] : []));
  const named = await tx
    .selectDistinct({ orderId: paymentAttempts.orderId })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.provider, provider),
        or(
          sessions.length ? inArray(paymentAttempts.checkoutSessionId, sessions) : undefined,
          intents.length ? inArray(paymentAttempts.paymentIntentId, intents) : undefined,
          ids.length ? inArray(paymentAttempts.id, ids) : undefined,
        ),
      ),
    );
  if (named.length === 0) return;
  const orderIds = named.map((row) => row.orderId);
  // Orders first, then their payments, as every writer of an order locks them; in id order, as every batch does.
  const lockedOrders = await tx.select().from(orders).where(inArray(orders.id, orderIds)).orderBy(orders.id).for('update');
  const payments = await tx.select().from(paymentAttempts).where(inArray(paymentAttempts.orderId, orderIds)).orderBy(paymentAttempts.id).for('update');
  const orderById = new Map(lockedOrders.map((o) => [o.id, o]));
  const byId = new Map(payments.map((p) => [p.id, p]));
  const bySession = new Map(payments.filter((p) => p.checkoutSessionId).map((p) => [p.checkoutSessionId!, p]));
  const byIntent = new Map(payments.filter((p) => p.paymentIntentId).map((p) => [p.paymentIntentId!, p]));

  const applied: { candidate: Candidate; payment: PaymentRow; order: OrderRow; fact: PaymentFact | null }[] = [];
  const customers = new Map<string, string>();
  for (const candidate of candidates) {
    const { item, kind } = candidate;
    // The provider's id wins over the metadata when both name a payment (as in `lockPaymentAndOrder`).
    const payment = (kind === 'session' ? bySession : byIntent).get(candidate.providerId) ?? (candidate.metadataPaymentId ? byId.get(candidate.metadataPaymentId) : undefined);
    const order = payment ? orderById.get(payment.orderId) : undefined;
    // Subscriptions (their contract row), renewals and what is not known yet go through `applyProviderEvent`.
    if (!payment || payment.provider !== provider || !order || order.kind === 'subscription' || (kind === 'intent' && payment.kind !== 'checkout')) continue;
    const at = new Date(item.event.created * 1000);
    if (kind === 'session') {
      const session = item.event.data.object as unknown as CheckoutSessionObject;
      if (session.customer) customers.set(order.customerId, session.customer);
      applied.push({ candidate, payment, order, fact: checkoutSessionFact(item.event.type, session, at, payment.amount) });
    } else {
      const intent = item.event.data.object as unknown as PaymentIntentObject;
      applied.push({ candidate, payment, order, fact: paymentIntentFact(item.event.type, intent, at) });
    }
  }
  if (applied.length === 0) return;

  if (customers.size > 0) {
    // The provider's customer id, remembered the first time it is seen (as `rememberProviderCustomer`).
    await tx.execute(sql`
      update sales.customer c set provider_customer_id = v.provider_customer_id
        from (values ${sql.join([...customers].map(([id, providerId]) => sql`(${id}::uuid, ${providerId}::text)`), sql`, `)}) as v(id, provider_customer_id)
       where c.id = v.id and c.provider_customer_id is null`);
  }
  const withFacts = applied.filter((a) => a.fact !== null);
  const { changes, latest } = await applyFactsToPayments(
    tx,
    withFacts.map((a) => ({ row: a.payment, fact: a.fact! })),
  );
  const changedOrders = new Map<string, SettlementCause>();
  withFacts.forEach((a, index) => {
    if (changes[index]!.changed && !changedOrders.has(a.order.id)) changedOrders.set(a.order.id, a.candidate.item.cause);
  });
  const settled = await settleLockedOrders(
    tx,
    services,
    [...changedOrders].map(([orderId, cause]) => ({
      before: orderById.get(orderId)!,
      payments: payments.filter((p) => p.orderId === orderId).map((p) => latest.get(p.id) ?? p),
      cause,
    })),
  );
  const orderAfter = new Map(settled.map((o) => [o.id, o]));
  let index = 0;
  for (const { candidate, order, fact } of applied) {
    const changed = fact ? changes[index++]!.changed : false;
    const now = orderAfter.get(order.id) ?? order;
    const what = candidate.kind === 'session' ? `${candidate.item.event.type} → ${fact?.kind ?? 'awaiting asynchronous payment'}` : `${candidate.item.event.type} on ${candidate.providerId}`;
    outcomes.set(candidate.item.key, {
      status: 'processed',
      workspaceId: order.workspaceId,
      orderId: order.id,
      summary: `${what}${changed || !fact ? '' : ': already known'}; order ${now.number} ${now.status}`,
    });
  }
}
