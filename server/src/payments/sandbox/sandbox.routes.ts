import { z } from 'zod';
import { requireWorkspaceWide } from '../../identity/access/guards.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { runDueDunning } from '../subscriptions/run-dunning.task.ts';
import { runSandboxBilling } from './sandbox-billing.ts';
import { expireSandboxSession, paySandboxSession, type SandboxSession } from './sandbox-checkout.ts';
import { emitSandboxEvent } from './sandbox-events.ts';
import { advanceSandboxClock, getObject, listObjects, putObject, type SandboxObject, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';
import { TEST_CARDS } from './test-cards.ts';

const tags = ['payments sandbox'];
const sessionParams = z.object({ checkoutSessionId: z.string().regex(/^cs_test_[A-Za-z0-9]{24}$/) });

/** The sandbox's own pages and controls. They exist only while the sandbox is the provider in use. */
export function sandboxRoutes(app: App, runtime: Runtime): void {
  const requireSandbox = () => {
    if (runtime.config.payments.kind !== 'sandbox') throw new ProblemError('notFound', 'The payment sandbox is off: Stripe is configured.');
  };

  app.get(
    '/api/public/sandbox/checkout/:checkoutSessionId',
    {
      schema: {
        tags,
        summary: 'The hosted checkout page’s data: what is paid, to whom, and the test cards',
        params: sessionParams,
        response: {
          200: z.object({
            id: z.string(),
            status: z.enum(['open', 'complete', 'expired']),
            mode: z.enum(['payment', 'subscription']),
            currency: z.string(),
            amountTotal: z.number().int(),
            lines: z.array(z.object({ description: z.string(), unitAmount: z.number().int(), quantity: z.number().int() })),
            recurring: z.object({ interval: z.enum(['month', 'year']), intervalCount: z.number().int() }).nullable(),
            customerEmail: z.string(),
            cancelUrl: z.string(),
            successUrl: z.string(),
            expiresAt: z.number().int(),
            testCards: z.array(z.object({ number: z.string(), behaviour: z.string(), label: z.object({ fr: z.string(), en: z.string() }) })),
          }),
        },
      },
      config: { public: true },
    },
    async (request) => {
      requireSandbox();
      const session = await getObject<SandboxSession>(runtime.db, request.params.checkoutSessionId);
      if (!session) throw new ProblemError('notFound', 'Session de paiement introuvable.');
      return {
        id: session.id,
        status: session.status,
        mode: session.mode,
        currency: session.currency.toUpperCase(),
        amountTotal: session.amount_total,
        lines: session.line_items,
        recurring: session.recurring,
        customerEmail: session.customer_email,
        cancelUrl: session.cancel_url,
        successUrl: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id),
        expiresAt: session.expires_at,
        testCards: TEST_CARDS,
      };
    },
  );

  app.post(
    '/api/public/sandbox/checkout/:checkoutSessionId/pay',
    {
      schema: {
        tags,
        summary: 'Pay on the hosted page with a test card; a declined card answers 402 and the page stays payable',
        params: sessionParams,
        body: z.object({ cardNumber: z.string().min(12).max(23) }),
        response: { 200: z.object({ redirectUrl: z.string() }) },
      },
      config: { public: true },
    },
    async (request) => {
      requireSandbox();
      const outcome = await runtime.db.transaction((tx) => paySandboxSession(tx, runtime, request.params.checkoutSessionId, request.body.cardNumber));
      if (outcome.outcome === 'declined') throw new ProblemError('paymentDeclined', outcome.message, { code: 'card_declined', errors: [{ field: 'body.cardNumber', message: outcome.message }] });
      return { redirectUrl: outcome.redirectUrl };
    },
  );

  app.post(
    '/api/public/sandbox/accounts/:accountId/complete',
    { schema: { tags, summary: 'Finish a merchant’s onboarding on the sandbox (Stripe’s hosted onboarding stand-in)', params: z.object({ accountId: z.string().regex(/^acct_[A-Za-z0-9]{24}$/) }), response: { 200: z.object({ returnUrl: z.string() }) } }, config: { public: true } },
    async (request) => {
      requireSandbox();
      return runtime.db.transaction(async (tx) => {
        const account = await getObject<SandboxObject & { return_url: string }>(tx, request.params.accountId, true);
        if (!account) throw new ProblemError('notFound', 'Compte introuvable.');
        Object.assign(account, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
        await putObject(tx, account);
        await emitSandboxEvent(tx, runtime, 'account.updated', account, account.id);
        return { returnUrl: account.return_url };
      });
    },
  );

  const clockSchema = z.object({ now: z.date(), offsetDays: z.number(), eventsEmitted: z.number().int() });
  app.get(
    '/api/payments/sandbox/clock',
    { schema: { tags, summary: 'The sandbox clock', response: { 200: clockSchema } } },
    async (request) => {
      requireSandbox();
      requireWorkspaceWide(request.auth, 'payments.refund');
      const now = await sandboxNow(runtime.db, runtime.clock, request.auth.workspace.id);
      return { now, offsetDays: Math.round(((now.getTime() - runtime.clock.now().getTime()) / 86_400_000) * 100) / 100, eventsEmitted: 0 };
    },
  );

  app.post(
    '/api/payments/sandbox/clock/advance',
    {
      schema: { tags, summary: 'Move the sandbox clock forward: renewals, failed renewals and expiries happen now', body: z.object({ days: z.number().min(0.01).max(3660) }), response: { 200: clockSchema } },
    },
    async (request) => {
      requireSandbox();
      requireWorkspaceWide(request.auth, 'payments.refund');
      return advanceSandboxAndRetry(runtime, request.auth.workspace.id, request.body.days);
    },
  );
}

/**
 * Advances the clock, then runs the workspace's dunning retries that fell due in sandbox time: the failure events are
 * dated by the sandbox clock, so their retries are too. Retries run after the clock's transaction (they call the
 * provider, which writes on its own).
 */
export async function advanceSandboxAndRetry(runtime: Runtime, workspaceId: string, days: number) {
  const result = await advanceSandbox(runtime, workspaceId, days);
  const retried = await runDueDunning(runtime, { now: result.now, workspaceId });
  return { ...result, eventsEmitted: result.eventsEmitted + retried };
}

/** Advances the sandbox clock and lets the sandbox catch up: sessions expire, periods renew or fail. Also the CLI's. */
export async function advanceSandbox(runtime: Parameters<typeof runSandboxBilling>[1], workspaceId: string, days: number) {
  return runtime.db.transaction(async (tx) => {
    await advanceSandboxClock(tx, workspaceId, Math.round(days * 86_400));
    const now = await sandboxNow(tx, runtime.clock, workspaceId);
    let eventsEmitted = 0;
    for (const session of await listObjects<SandboxSession>(tx, 'checkout.session')) {
      if (workspaceOf(session) === workspaceId && session.status === 'open' && session.expires_at < unixSeconds(now)) {
        await expireSandboxSession(tx, runtime, session);
        eventsEmitted++;
      }
    }
    eventsEmitted += await runSandboxBilling(tx, runtime, workspaceId);
    return { now, offsetDays: Math.round(((now.getTime() - runtime.clock.now().getTime()) / 86_400_000) * 100) / 100, eventsEmitted };
  });
}
