import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { VersionRow } from '../catalog-scope.ts';
import type { VersionSnapshot } from '../rules/version-diff.ts';
import {
  accountingMappings,
  commissionSchemes,
  commissionTiers,
  cqRules,
  pricingRules,
  productDocuments,
  productPlans,
  promotions,
  publications,
} from '../schema.ts';
import { readTogether } from '../../platform/db/read-together.ts';

/** Everything a version holds, loaded in a handful of queries. */
export async function loadVersionContents(db: DbOrTx, versionId: string) {
  const [plans, rules, promos, schemes, documents, pubs, mappings, cq] = await readTogether(db, [
    () => db.select().from(productPlans).where(eq(productPlans.productVersionId, versionId)).orderBy(asc(productPlans.position), asc(productPlans.code)),
    () => db.select().from(pricingRules).where(eq(pricingRules.productVersionId, versionId)),
    () => db.select().from(promotions).where(eq(promotions.productVersionId, versionId)),
    () => db.select().from(commissionSchemes).where(eq(commissionSchemes.productVersionId, versionId)),
    () => db.select().from(productDocuments).where(eq(productDocuments.productVersionId, versionId)).orderBy(asc(productDocuments.type)),
    () => db.select().from(publications).where(eq(publications.productVersionId, versionId)),
    () => db.select().from(accountingMappings).where(eq(accountingMappings.productVersionId, versionId)),
    () => db.select().from(cqRules).where(eq(cqRules.productVersionId, versionId)),
  ]);
  const tiers = schemes.length ? await db.select().from(commissionTiers).where(inArray(commissionTiers.schemeId, schemes.map((s) => s.id))).orderBy(asc(commissionTiers.min)) : [];
  return { plans, rules, promotions: promos, schemes, tiers, documents, publications: pubs, accountingMappings: mappings, cqRules: cq };
}

export type VersionContents = Awaited<ReturnType<typeof loadVersionContents>>;

export function toSnapshot(version: VersionRow, contents: VersionContents): VersionSnapshot {
  const planCode = new Map(contents.plans.map((p) => [p.id, p.code]));
  return {
    version: version.version,
    effectiveFrom: version.effectiveFrom.toISOString(),
    effectiveTo: version.effectiveTo?.toISOString() ?? null,
    notes: version.notes,
    plans: contents.plans.map((plan) => ({
      code: plan.code,
      name: plan.name,
      recurrence: plan.recurrence,
      billingCycleDays: plan.billingCycleDays,
      rules: contents.rules
        .filter((rule) => rule.planId === plan.id)
        .map((rule) => ({ type: rule.type, currency: rule.currency, taxCategory: rule.taxCategory, taxIncluded: rule.taxIncluded, payload: rule.payload })),
    })),
    commissions: contents.schemes.map((scheme) => ({
      planCode: scheme.planId ? (planCode.get(scheme.planId) ?? null) : null,
      appliesTo: scheme.appliesTo,
      settlement: scheme.settlement,
      split: scheme.split,
      tiers: contents.tiers.filter((t) => t.schemeId === scheme.id).map(({ id: _i, schemeId: _s, ...tier }) => tier),
    })),
    documents: contents.documents.map((d) => ({ type: d.type, title: d.title, fileSha256: d.fileSha256, mandatory: d.mandatory })),
    promotions: contents.promotions.map((p) => ({ code: p.code, label: p.label, percentBp: p.percentBp, amount: p.amount })),
  };
}
