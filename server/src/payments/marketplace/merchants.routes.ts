import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorLabel } from '../../identity/access/auth-context.ts';
import { requireAuthenticated, requireWorkspaceWide } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { merchantAccounts, merchantLedgerEntries, payouts } from '../schema.ts';
import { merchantBalance } from './merchant-balances.ts';
import { payOutMerchants } from './pay-out-merchants.ts';

const tags = ['payments'];
const params = z.object({ merchantId: z.uuid() });
const feePlan = z.object({
  commissionBp: z.number().int().min(0).max(10_000),
  providerFeeBp: z.number().int().min(0).max(10_000),
  providerFeeFixed: z.number().int().min(0).max(10_000),
  payoutDelayDays: z.number().int().min(0).max(60),
  refundReversesMerchantShare: z.boolean(),
  refundReturnsCommission: z.boolean(),
});
const merchantView = feePlan.extend({
  id: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  provider: z.string(),
  providerAccountId: z.string().nullable(),
  onboardingUrl: z.string().nullable(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  balance: z.object({ pending: z.number().int(), available: z.number().int(), paid: z.number().int() }),
});

/** Marketplace merchants (seed 000 B.2): onboarding, fee plan, balances, ledger and payouts. Workspace-wide (platform operator). */
export function merchantsRoutes(app: App, runtime: Runtime): void {
  const view = async (row: typeof merchantAccounts.$inferSelect, companyName: string) => ({ ...row, companyName, balance: await merchantBalance(runtime.db, row.id, runtime.clock.now()) });
  const load = async (workspaceId: string, merchantId: string) => {
    const [row] = await runtime.db
      .select({ merchant: merchantAccounts, companyName: companies.brandName })
      .from(merchantAccounts)
      .innerJoin(companies, eq(companies.id, merchantAccounts.companyId))
      .where(and(eq(merchantAccounts.id, merchantId), eq(merchantAccounts.workspaceId, workspaceId)));
    if (!row) throw new ProblemError('notFound', 'Marchand introuvable.');
    return row;
  };

  app.get('/api/payments/merchants', { schema: { tags, summary: 'Merchants with their balances', response: { 200: z.object({ items: z.array(merchantView) }) } } }, async (request) => {
    requireWorkspaceWide(request.auth, 'payments.read');
    const rows = await runtime.db
      .select({ merchant: merchantAccounts, companyName: companies.brandName })
      .from(merchantAccounts)
      .innerJoin(companies, eq(companies.id, merchantAccounts.companyId))
      .where(eq(merchantAccounts.workspaceId, request.auth.workspace.id))
      .orderBy(companies.brandName);
    return { items: await Promise.all(rows.map((row) => view(row.merchant, row.companyName))) };
  });

  app.post(
    '/api/payments/merchants',
    { schema: { tags, summary: 'Make a company a merchant: its connected account and onboarding link, and its fee plan', body: feePlan.partial().extend({ companyId: z.uuid() }), response: { 201: merchantView } } },
    async (request, reply) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.refund');
      const [company] = await runtime.db.select().from(companies).where(and(eq(companies.id, request.body.companyId), eq(companies.workspaceId, auth.workspace.id)));
      if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: 'body.companyId', message: 'société inconnue' }] });
      const [existing] = await runtime.db.select().from(merchantAccounts).where(eq(merchantAccounts.companyId, company.id));
      if (existing) throw new ProblemError('conflict', 'Cette société est déjà un marchand.', { code: 'merchant_exists' });
      const email = company.contacts.find((contact) => contact.email)?.email ?? `contact+${company.id}@comptoir.local`;
      const base = `${runtime.config.publicUrl}/paiements/marchands`;
      const account = await paymentProvider(runtime).createConnectedAccount({
        email,
        businessName: company.legalName,
        country: company.country === 'CH' ? 'CH' : 'FR',
        returnUrl: base,
        refreshUrl: base,
        idempotencyKey: `merchant:${company.id}`,
      });
      const { companyId: _c, ...plan } = request.body;
      const row = await runtime.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(merchantAccounts)
          .values({ workspaceId: auth.workspace.id, companyId: company.id, provider: paymentProvider(runtime).name, providerAccountId: account.id, onboardingUrl: account.onboardingUrl, ...plan })
          .returning();
        await appendAudit(tx, auth, { action: 'create', tableName: 'payments.merchant_account', recordId: created!.id, companyId: company.id, after: created! });
        return created!;
      });
      return reply.status(201).send(await view(row, company.brandName));
    },
  );

  app.patch(
    '/api/payments/merchants/:merchantId',
    { schema: { tags, summary: 'Change a merchant’s commission, fees, payout delay or refund policy', params, body: feePlan.partial(), response: { 200: merchantView } } },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.refund');
      const { merchant, companyName } = await load(auth.workspace.id, request.params.merchantId);
      const row = await runtime.db.transaction(async (tx) => {
        const [after] = await tx.update(merchantAccounts).set({ ...request.body, updatedAt: new Date() }).where(eq(merchantAccounts.id, merchant.id)).returning();
        await appendAudit(tx, auth, { action: 'update', tableName: 'payments.merchant_account', recordId: merchant.id, companyId: merchant.companyId, before: merchant, after: after! });
        return after!;
      });
      return view(row, companyName);
    },
  );

  app.get(
    '/api/payments/merchants/:merchantId/ledger',
    {
      schema: {
        tags,
        summary: 'A merchant’s statement: every movement and payout',
        params,
        response: {
          200: z.object({
            merchant: merchantView,
            entries: z.array(z.object({ id: z.uuid(), orderId: z.uuid().nullable(), kind: z.string(), amount: z.number().int(), currency: z.enum(['EUR', 'CHF']), availableAt: z.date(), payoutId: z.uuid().nullable(), description: z.string(), createdAt: z.date() })),
            payouts: z.array(z.object({ id: z.uuid(), amount: z.number().int(), currency: z.enum(['EUR', 'CHF']), status: z.string(), providerTransferId: z.string().nullable(), failureMessage: z.string().nullable(), createdAt: z.date() })),
          }),
        },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      requireWorkspaceWide(request.auth, 'payments.read');
      const { merchant, companyName } = await load(request.auth.workspace.id, request.params.merchantId);
      const [entries, payoutRows] = await Promise.all([
        runtime.db.select().from(merchantLedgerEntries).where(eq(merchantLedgerEntries.merchantAccountId, merchant.id)).orderBy(desc(merchantLedgerEntries.createdAt)),
        runtime.db.select().from(payouts).where(eq(payouts.merchantAccountId, merchant.id)).orderBy(desc(payouts.createdAt)),
      ]);
      return { merchant: await view(merchant, companyName), entries, payouts: payoutRows };
    },
  );

  app.post(
    '/api/payments/merchants/:merchantId/payouts',
    { schema: { tags, summary: 'Pay the merchant its available balance now', params, response: { 200: z.object({ payouts: z.number().int(), amount: z.number().int() }) } } },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'payments.refund');
      const { merchant } = await load(auth.workspace.id, request.params.merchantId);
      if (!merchant.payoutsEnabled) throw new ProblemError('conflict', 'Le marchand n’a pas terminé son inscription : versements désactivés.', { code: 'payouts_disabled' });
      return payOutMerchants(runtime, merchant.id, { auth, actorLabel: actorLabel(auth) });
    },
  );
}
