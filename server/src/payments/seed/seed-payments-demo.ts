import { and, eq } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { companies, users, workspaces } from '../../identity/schema.ts';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import { createOrder } from '../../sales/orders/create-order.ts';
import { orders } from '../../sales/schema.ts';
import { startCheckout } from '../checkout/start-checkout.ts';
import { paymentProvider } from '../provider/provider-registry.ts';
import { getObject, putObject, type SandboxObject } from '../sandbox/sandbox-store.ts';
import { merchantAccounts } from '../schema.ts';
import { orderPageUrl } from '../settlement/settle-order.ts';

const demoOrders = [
  { workspace: 'winvest', quote: { sku: 'DEP-SERVICE-001' }, customer: { kind: 'person' as const, name: 'Camille Martin', email: 'camille.martin@example.fr' } },
  { workspace: 'winwin', quote: { sku: 'WW-MANDAT-GESTION', attributes: { client_type: 'particulier', age: 30 } }, customer: { kind: 'person' as const, name: 'Léa Muller', email: 'lea.muller@example.ch', country: 'CH' } },
  { workspace: 'pygmalion', quote: { sku: 'PYG-CRM-01', plan: 'SESSION' }, merchant: 'Cockpit Académie SAS', customer: { kind: 'company' as const, name: 'Aéroport de Nîmes', email: 'formation@aeroport-nimes.example' } },
  { workspace: 'mecaformation', quote: { sku: 'MECA-COACHING', plan: 'GARAGES_PRO' }, customer: { kind: 'person' as const, name: 'Hugo Bernard', email: 'hugo.bernard@example.fr' } },
];

const merchantCompanies = ['Aéro Formation Sud SARL', 'Cockpit Académie SAS'];

/**
 * Demo payments: Pygmalion's two training organisations are marketplace merchants (onboarded on the sandbox), and each
 * workspace has one order waiting for payment, with the link a customer would receive. Paying it on the sandbox page
 * runs the whole flow (webhooks, receipt, marketplace split).
 */
export async function seedPaymentsDemo(services: Services): Promise<DemoSeedReport> {
  const lines: string[] = [];
  if (services.config.payments.kind !== 'sandbox') return { lines: ['Paiements : Stripe est configuré, pas de données de démonstration.'] };
  for (const legalName of merchantCompanies) {
    const [company] = await services.db.select().from(companies).where(eq(companies.legalName, legalName));
    if (!company) continue;
    const [existing] = await services.db.select().from(merchantAccounts).where(eq(merchantAccounts.companyId, company.id));
    if (existing) continue;
    const account = await paymentProvider(services).createConnectedAccount({
      email: `finance+${company.id.slice(0, 8)}@comptoir.demo`,
      businessName: company.legalName,
      country: 'FR',
      returnUrl: `${services.config.publicUrl}/app/paiements/marchands`,
      refreshUrl: `${services.config.publicUrl}/app/paiements/marchands`,
      idempotencyKey: `merchant:${company.id}`,
    });
    // The demo merchants have finished their onboarding: the sandbox account is enabled like Stripe's after KYC.
    await services.db.transaction(async (tx) => {
      const sandboxAccount = await getObject<SandboxObject>(tx, account.id, true);
      await putObject(tx, { ...sandboxAccount!, charges_enabled: true, payouts_enabled: true, details_submitted: true });
      await tx.insert(merchantAccounts).values({
        workspaceId: company.workspaceId,
        companyId: company.id,
        provider: 'sandbox',
        providerAccountId: account.id,
        onboardingUrl: account.onboardingUrl,
        chargesEnabled: true,
        payoutsEnabled: true,
        commissionBp: legalName.startsWith('Aéro') ? 1500 : 2000,
        payoutDelayDays: legalName.startsWith('Aéro') ? 2 : 7,
      });
    });
    lines.push(`Marchand ${company.brandName} : commission ${legalName.startsWith('Aéro') ? '15' : '20'} %, versement à J+${legalName.startsWith('Aéro') ? 2 : 7}`);
  }

  for (const demo of demoOrders) {
    const auth = await demoAdmin(services, demo.workspace);
    if (!auth) continue;
    const [already] = await services.db.select({ id: orders.id }).from(orders).where(eq(orders.workspaceId, auth.workspace.id)).limit(1);
    if (already) continue;
    const [merchant] = demo.merchant ? await services.db.select().from(companies).where(eq(companies.legalName, demo.merchant)) : [];
    const order = await createOrder(services, auth, { customer: demo.customer, quote: demo.quote, merchantCompanyId: merchant?.id ?? null });
    await startCheckout(services, order.id, { auth, actorLabel: 'system:seed-demo' });
    lines.push(`Commande ${order.number} (${demo.workspace}) à payer : ${orderPageUrl(services, order)}`);
  }
  return { lines };
}

/** The demo workspace's admin, as the actor of its demo orders (audited as such). */
async function demoAdmin(services: Services, slug: string): Promise<AuthenticatedContext | undefined> {
  const [workspace] = await services.db.select().from(workspaces).where(eq(workspaces.slug, slug));
  const [user] = await services.db.select().from(users).where(and(eq(users.email, `admin@${slug}.demo`)));
  if (!workspace || !user) return undefined;
  return {
    kind: 'user',
    requestId: 'seed-demo',
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, settings: workspace.settings },
    user: { id: user.id, email: user.email, displayName: user.displayName, language: user.language === 'en' ? 'en' : 'fr', isDemo: true },
    grants: [{ role: 'workspace_admin', companyIds: [] }],
    session: { id: 'seed-demo', csrfToken: '', mfaEnrollmentRequired: false, viaBearer: true },
  };
}
