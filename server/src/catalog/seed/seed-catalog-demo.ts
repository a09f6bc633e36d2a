import { and, eq } from 'drizzle-orm';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies, workspaces } from '../../identity/schema.ts';
import type { PricedProduct } from '../../pricing/engine/contract.ts';
import { DEPANSSUR, MECAFORMATION_COACHING, MECAFORMATION_SUBSCRIPTION, MONDIAL_TV, WIN_WIN } from '../../pricing/engine/fixtures.ts';
import type { Recurrence } from '../../pricing/engine/recurrence.ts';
import { searchTextOf } from '../products/product-service.ts';
import {
  accountingMappings,
  commissionSchemes,
  commissionTiers,
  partners,
  pricingRules,
  productDocuments,
  productPlans,
  products,
  productVersions,
  publications,
  risks,
} from '../schema.ts';

interface DemoProduct {
  workspace: string;
  company: string;
  risk: { code: string; label: string; scope?: 'personal' | 'professional' };
  partner?: { name: string; type: 'insurer' | 'other' };
  priced?: PricedProduct;
  sku: string;
  name: string;
  revenueModel: 'revenue' | 'commission' | 'mixed';
  pricingSource?: 'internal' | 'partner_api';
  documents: string[];
  channels: ('field' | 'telesales' | 'web' | 'partner' | 'marketplace')[];
  visibility: 'internal' | 'public';
  commission?: { split: Record<string, string>; settlement: 'upfront' | 'recurring' | 'on_collection'; tiers?: { min: string; max: string | null; value: string }[] };
  badges?: string[];
  description: string;
}

/** Seed 003 §13, seed 004's grid, seed 002's coaching offers, and Pygmalion courses as products. */
const demoProducts: DemoProduct[] = [
  {
    workspace: 'winvest',
    company: 'Mondial TV',
    risk: { code: 'OTT', label: 'Offre TV' },
    priced: MONDIAL_TV,
    sku: 'MTV-OFFRE-001',
    name: 'Offre TV',
    revenueModel: 'revenue',
    documents: ['CGU', 'CGV'],
    channels: ['web', 'telesales', 'field'],
    visibility: 'public',
    // Commissions commerciales par paliers de volume : 0–99 → 10 %, 100–499 → 12 %, 500+ → 15 %.
    commission: { split: { commercial: '1' }, settlement: 'recurring', tiers: [{ min: '0', max: '100', value: '10' }, { min: '100', max: '500', value: '12' }, { min: '500', max: null, value: '15' }] },
    description: 'Offre TV en trois formules mensuelles, TVA 20 % incluse.',
  },
  {
    workspace: 'winvest',
    company: 'Action Prévoyance',
    risk: { code: 'SANTE', label: 'Complémentaire santé' },
    partner: { name: 'Assistance Action Prévoyance', type: 'insurer' },
    sku: 'AP-SANTE-001',
    name: 'Complémentaire santé Action Prévoyance',
    revenueModel: 'commission',
    pricingSource: 'partner_api',
    documents: ['DIPA', 'CG'],
    channels: ['telesales', 'field'],
    visibility: 'internal',
    // Commission 1re année 100 % précomptée, renouvellement 100 %.
    commission: { split: { company: '1' }, settlement: 'upfront' },
    description: 'Produit partenaire, commission seule, tarification automatique par l’API du partenaire.',
  },
  {
    workspace: 'winvest',
    company: 'USGP',
    risk: { code: 'ASSISTANCE', label: 'Dépannage et assistance' },
    priced: DEPANSSUR,
    sku: 'DEP-SERVICE-001',
    name: 'Depanssur',
    revenueModel: 'revenue',
    documents: ['DIPA', 'CG'],
    channels: ['web', 'telesales'],
    visibility: 'public',
    description: 'Intervention de dépannage, 100 € TTC, facture immédiate.',
  },
  {
    workspace: 'winwin',
    company: 'WIN WIN Finance Sàrl',
    risk: { code: 'MANDAT', label: 'Mandat de gestion' },
    priced: WIN_WIN,
    sku: 'WW-MANDAT-GESTION',
    name: 'Mandat de gestion',
    revenueModel: 'revenue',
    documents: ['DIPA', 'CG'],
    channels: ['web'],
    visibility: 'public',
    description: 'Mandat de gestion annuel : grille par âge pour les particuliers, par nombre d’employés pour les entreprises, mandat offert.',
  },
  {
    workspace: 'mecaformation',
    company: 'MécaFormation SAS',
    risk: { code: 'FORMATION', label: 'Formation et coaching', scope: 'professional' },
    priced: MECAFORMATION_COACHING,
    sku: 'MECA-COACHING',
    name: 'Coaching MécaFormation',
    revenueModel: 'revenue',
    documents: ['CGV'],
    channels: ['web'],
    visibility: 'public',
    badges: ['nouveau'],
    description: 'Accompagnement individuel : Primo-Arrivants (890 €) et Garages Pro (1 490 €), exonérés de TVA (art. 261-4-4° a du CGI).',
  },
  {
    workspace: 'mecaformation',
    company: 'MécaFormation SAS',
    risk: { code: 'FORMATION', label: 'Formation et coaching', scope: 'professional' },
    priced: MECAFORMATION_SUBSCRIPTION,
    sku: 'MECA-ABONNEMENT',
    name: 'Abonnement MécaFormation',
    revenueModel: 'revenue',
    documents: ['CGV'],
    channels: ['web'],
    visibility: 'public',
    description: 'Accès à la plateforme e-learning, au mois ou à l’année.',
  },
  ...(['Qualification de type A320', 'Facteurs humains (CRM)'] as const).map((name, index) => ({
    workspace: 'pygmalion',
    company: index === 0 ? 'Aéro Formation Sud SARL' : 'Cockpit Académie SAS',
    risk: { code: 'AERO', label: 'Formation aéronautique', scope: 'professional' as const },
    priced: {
      sku: index === 0 ? 'PYG-A320-TR' : 'PYG-CRM-01',
      name,
      versionNumber: 1,
      currency: 'EUR' as const,
      country: 'FR' as const,
      plans: [
        {
          code: 'SESSION',
          name: 'Session inter-entreprises',
          rule: { type: 'fixed' as const, amount: index === 0 ? 1_850_000 : 69_000, taxMode: 'excl' as const, taxCategory: 'exempt' as const, exemptionCode: 'FR-261-4-4a' as const, recurrence: { kind: 'one_time' } as Recurrence },
        },
      ],
    },
    sku: index === 0 ? 'PYG-A320-TR' : 'PYG-CRM-01',
    name,
    revenueModel: 'revenue' as const,
    documents: ['CGV'],
    channels: ['marketplace' as const, 'web' as const],
    visibility: 'public' as const,
    description: 'Formation publiée sur la marketplace Pygmalion par un organisme de formation.',
  })),
];

function planRecurrence(recurrence: Recurrence): 'one_shot' | 'monthly' | 'yearly' {
  if (recurrence.kind === 'one_time') return 'one_shot';
  return recurrence.unit === 'year' ? 'yearly' : 'monthly';
}

export async function seedCatalogDemo(services: Services): Promise<DemoSeedReport> {
  const seeder: AuthContext = { kind: 'anonymous', requestId: 'seed-demo' };
  const lines: string[] = [];
  const since = new Date('2026-01-01T00:00:00Z');
  for (const demo of demoProducts) {
    const [workspace] = await services.db.select().from(workspaces).where(eq(workspaces.slug, demo.workspace));
    if (!workspace) continue;
    const [existing] = await services.db.select({ id: products.id }).from(products).where(and(eq(products.workspaceId, workspace.id), eq(products.sku, demo.sku)));
    if (existing) continue;
    await services.db.transaction(async (tx) => {
      const [company] = await tx.select().from(companies).where(and(eq(companies.workspaceId, workspace.id), eq(companies.legalName, demo.company)));
      const [risk] =
        (await tx.select().from(risks).where(and(eq(risks.companyId, company!.id), eq(risks.code, demo.risk.code)))).length > 0
          ? await tx.select().from(risks).where(and(eq(risks.companyId, company!.id), eq(risks.code, demo.risk.code)))
          : await tx.insert(risks).values({ workspaceId: workspace.id, companyId: company!.id, code: demo.risk.code, label: demo.risk.label, scope: demo.risk.scope ?? 'personal' }).returning();
      const [partner] = demo.partner ? await tx.insert(partners).values({ workspaceId: workspace.id, companyId: company!.id, type: demo.partner.type, name: demo.partner.name }).returning() : [];
      const base = { sku: demo.sku, name: demo.name, shortName: null, riskId: risk!.id, partnerId: partner?.id ?? null };
      const [product] = await tx
        .insert(products)
        .values({
          ...base,
          workspaceId: workspace.id,
          companyId: company!.id,
          description: demo.description,
          revenueModel: demo.revenueModel,
          pricingSource: demo.pricingSource ?? 'internal',
          lifecycleStatus: 'active',
          badges: demo.badges ?? [],
          searchText: await searchTextOf(tx, base),
        })
        .returning();
      const [version] = await tx.insert(productVersions).values({ workspaceId: workspace.id, productId: product!.id, version: 1, effectiveFrom: since, notes: 'Version de démonstration' }).returning();
      for (const [position, plan] of (demo.priced?.plans ?? []).entries()) {
        const [planRow] = await tx
          .insert(productPlans)
          .values({ productVersionId: version!.id, code: plan.code, name: plan.name, recurrence: planRecurrence(plan.rule.recurrence), adjustments: { options: plan.options, surcharges: plan.surcharges }, position })
          .returning();
        await tx.insert(pricingRules).values({
          productVersionId: version!.id,
          planId: planRow!.id,
          type: plan.rule.type,
          currency: company!.currency,
          payload: plan.rule as unknown as Record<string, unknown>,
          taxCategory: plan.rule.taxCategory,
          taxIncluded: plan.rule.taxMode === 'incl',
        });
      }
      for (const type of demo.documents) {
        const content = Buffer.from(`${type} — ${demo.name} (${demo.company})\nDocument de démonstration Comptoir.\n`, 'utf8');
        const stored = await services.files.put(content, { contentType: 'text/plain; charset=utf-8' });
        await tx.insert(productDocuments).values({
          productVersionId: version!.id,
          type,
          title: `${type} ${demo.name}`,
          fileSha256: stored.sha256,
          fileName: `${demo.sku}-${type}.txt`,
          contentType: 'text/plain; charset=utf-8',
          size: stored.size,
          mandatory: true,
          publishedAt: since,
        });
      }
      const natures = demo.revenueModel === 'commission' ? ['commission'] : demo.revenueModel === 'mixed' ? ['revenue', 'commission'] : ['revenue'];
      for (const nature of natures) {
        await tx.insert(accountingMappings).values({ productVersionId: version!.id, companyId: company!.id, nature, glAccount: nature === 'commission' ? '756100' : '706000', journal: 'VE', taxCode: company!.country === 'FR' ? 'TVA20' : null });
      }
      if (demo.commission) {
        const [scheme] = await tx.insert(commissionSchemes).values({ productVersionId: version!.id, settlement: demo.commission.settlement, split: demo.commission.split }).returning();
        for (const tier of demo.commission.tiers ?? []) {
          await tx.insert(commissionTiers).values({ schemeId: scheme!.id, basis: 'volume', min: tier.min, max: tier.max, valueType: 'percent', value: tier.value });
        }
      }
      await tx.insert(publications).values({ productVersionId: version!.id, companyId: company!.id, channels: demo.channels, visibility: demo.visibility, startAt: since });
      await appendAudit(tx, seeder, { action: 'create', tableName: 'catalog.product', recordId: product!.id, companyId: company!.id, after: { sku: demo.sku, name: demo.name } }, { workspaceId: workspace.id, actorLabel: 'system:seed-demo' });
    });
    lines.push(`${demo.workspace}: ${demo.sku} — ${demo.name}`);
  }
  return { lines };
}
