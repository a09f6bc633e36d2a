import { eq, sql } from 'drizzle-orm';
import type { ScheduledTask } from '../../platform/jobs/job-system.ts';
import type { Services } from '../../platform/services.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { dunningAttempts } from '../schema.ts';
import { claimDueRetries } from './dunning.ts';

/**
 * Runs the retries that are due: each is claimed (SKIP LOCKED, marked as run) in a short transaction, then the provider
 * is asked to charge the invoice again with a key unique to the attempt. The outcome comes back as a webhook
 * (`invoice.paid` or `invoice.payment_failed`), which schedules the next step. A provider outage un-claims the attempt.
 */
export async function runDueDunning(services: Services, options: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const now = options.now ?? services.clock.now();
  const claimed = await services.db.transaction(async (tx) => {
    const due = await claimDueRetries(tx, now, options.workspaceId);
    for (const attempt of due) await tx.update(dunningAttempts).set({ ranAt: now, updatedAt: new Date() }).where(eq(dunningAttempts.id, attempt.id));
    return due;
  });
  for (const attempt of claimed) {
    try {
      await paymentProvider(services).retryInvoice({ invoiceId: attempt.invoiceId, idempotencyKey: `dunning:${attempt.id}` });
    } catch (error) {
      services.log.warn({ err: error, attempt: attempt.id }, 'dunning retry failed to reach the provider; it will run again');
      await services.db.update(dunningAttempts).set({ ranAt: sql`null` }).where(eq(dunningAttempts.id, attempt.id));
    }
  }
  return claimed.length;
}

export const runDunningTask: ScheduledTask = {
  name: 'payments.run-dunning',
  cron: '*/10 * * * *',
  run: (services) => runDueDunning(services),
};
