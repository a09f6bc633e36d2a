import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { workspaces } from '../../identity/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import type { Services } from '../../platform/services.ts';
import { customers, type orders, subscriptions } from '../../sales/schema.ts';
import { ownerPaymentAlertMail, paymentFailedMail } from '../mail/payment-mails.ts';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy, nextDunningStep } from '../rules/dunning-schedule.ts';
import { dunningAttempts } from '../schema.ts';
import { ownerEmails } from '../settlement/order-recipients.ts';
import { orderPageUrl, type SettlementCause } from '../settlement/settle-order.ts';

export const CANCEL_SUBSCRIPTION_TOPIC = 'payments.subscription.cancel_requested';

export async function dunningPolicy(tx: DbOrTx, workspaceId: string): Promise<DunningPolicy> {
  const [row] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.settings.dunning ?? DEFAULT_DUNNING_POLICY;
}

/**
 * A renewal's attempt number `attempt` failed (Stripe's `invoice.attempt_count`). Records it once, then either
 * schedules the next retry of the policy or applies its final action (suspend, or cancel with the provider). The
 * customer is told what happens next and the company's admins are alerted — once per attempt, however often the
 * event is delivered, because the attempt row is unique.
 */
export async function recordDunningFailure(
  tx: DbOrTx,
  services: Services,
  input: { order: typeof orders.$inferSelect; subscriptionId: string; invoiceId: string; attempt: number; failedAt: Date; cause: SettlementCause },
): Promise<void> {
  const { order, subscriptionId, invoiceId, attempt, failedAt } = input;
  const inserted = await tx
    .insert(dunningAttempts)
    .values({ workspaceId: order.workspaceId, subscriptionId, invoiceId, attempt, scheduledAt: failedAt, status: 'failed', ranAt: failedAt })
    .onConflictDoUpdate({
      target: [dunningAttempts.subscriptionId, dunningAttempts.invoiceId, dunningAttempts.attempt],
      set: { status: 'failed', ranAt: sql`coalesce(${dunningAttempts.ranAt}, excluded.ran_at)` },
      where: sql`${dunningAttempts.status} <> 'failed'`,
    })
    .returning({ id: dunningAttempts.id });
  if (inserted.length === 0) return; // this attempt's failure was already handled

  const [first] = await tx
    .select({ ranAt: dunningAttempts.ranAt })
    .from(dunningAttempts)
    .where(and(eq(dunningAttempts.subscriptionId, subscriptionId), eq(dunningAttempts.invoiceId, invoiceId), eq(dunningAttempts.attempt, 1)));
  const policy = await dunningPolicy(tx, order.workspaceId);
  const step = nextDunningStep(policy, first?.ranAt ?? failedAt, attempt);
  const [customer] = await tx.select().from(customers).where(eq(customers.id, order.customerId));
  const language = customer!.language === 'en' ? 'en' : 'fr';
  const url = orderPageUrl(services, order);
  let nextAttempt: string | null = null;
  if (step.kind === 'retry') {
    await tx
      .insert(dunningAttempts)
      .values({ workspaceId: order.workspaceId, subscriptionId, invoiceId, attempt: step.attempt, scheduledAt: step.at })
      .onConflictDoNothing();
    nextAttempt = step.at.toISOString().slice(0, 10);
  } else {
    await applyFinalAction(tx, order, subscriptionId, step.action, failedAt, input.cause);
  }
  await services.mail.queue(tx, {
    template: paymentFailedMail,
    data: { customerName: customer!.name, orderNumber: order.number, amount: order.totalInclTax, currency: order.currency, url, reason: 'échéance refusée', nextAttempt },
    to: customer!.email,
    language,
    workspaceId: order.workspaceId,
  });
  const what = step.kind === 'retry' ? `Échec de paiement (tentative ${attempt})` : `Échec de paiement définitif — abonnement ${step.action === 'cancel' ? 'résilié' : 'suspendu'}`;
  for (const to of await ownerEmails(tx, order.workspaceId, order.companyId)) {
    await services.mail.queue(tx, { template: ownerPaymentAlertMail, data: { orderNumber: order.number, customerName: customer!.name, amount: order.totalInclTax, currency: order.currency, what, url }, to, workspaceId: order.workspaceId });
  }
}

async function applyFinalAction(tx: DbOrTx, order: typeof orders.$inferSelect, subscriptionId: string, action: 'suspend' | 'cancel', at: Date, cause: SettlementCause): Promise<void> {
  if (action === 'suspend') {
    await tx
      .update(subscriptions)
      .set({ suspendedAt: sql`coalesce(${subscriptions.suspendedAt}, ${at})` })
      .where(eq(subscriptions.id, subscriptionId));
    return;
  }
  await tx
    .update(subscriptions)
    .set({ cancelledAt: sql`coalesce(${subscriptions.cancelledAt}, ${at})`, cancelledBy: sql`coalesce(${subscriptions.cancelledBy}, 'dunning')` })
    .where(eq(subscriptions.id, subscriptionId));
  // The provider is told by a job, after commit: it must stop charging a contract Comptoir has ended.
  await recordEvent(tx, { topic: CANCEL_SUBSCRIPTION_TOPIC, payload: { subscriptionId, atPeriodEnd: false, reason: 'dunning' }, workspaceId: order.workspaceId, actor: cause.actorLabel });
}

/** A renewal got paid (by a retry or by the customer): its pending retries are dropped. */
export async function settleDunningPaid(tx: DbOrTx, subscriptionId: string, invoiceId: string): Promise<void> {
  await tx
    .update(dunningAttempts)
    .set({ status: sql`case when ${dunningAttempts.ranAt} is null then 'cancelled' else 'paid' end`, updatedAt: new Date() })
    .where(and(eq(dunningAttempts.subscriptionId, subscriptionId), eq(dunningAttempts.invoiceId, invoiceId), inArray(dunningAttempts.status, ['scheduled'])));
}

/** Due retries, taken with SKIP LOCKED so several workers share them without running one twice. */
export async function claimDueRetries(tx: DbOrTx, now: Date, workspaceId?: string, limit = 50) {
  return tx
    .select()
    .from(dunningAttempts)
    .where(
      and(
        eq(dunningAttempts.status, 'scheduled'),
        lte(dunningAttempts.scheduledAt, now),
        sql`${dunningAttempts.ranAt} is null`,
        workspaceId ? eq(dunningAttempts.workspaceId, workspaceId) : sql`true`,
      ),
    )
    .orderBy(dunningAttempts.scheduledAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}
