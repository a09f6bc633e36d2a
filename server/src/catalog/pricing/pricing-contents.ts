import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { productPlans, pricingRules, promotions, publications } from '../schema.ts';

export interface PricingContents {
  plans: (typeof productPlans.$inferSelect)[];
  rules: (typeof pricingRules.$inferSelect)[];
  promotions: (typeof promotions.$inferSelect)[];
}

/**
 * What a price needs of a version, and nothing else. A version that is in force and
 * published cannot change any more (assertVersionEditable refuses it), so its contents
 * are kept in memory: no invalidation is needed, by construction.
 */
const immutableContents = new Map<string, PricingContents>();
const MAX_CACHED_VERSIONS = 20_000;

export async function loadPricingContents(db: DbOrTx, version: { id: string; effectiveFrom: Date }, now: Date): Promise<PricingContents> {
  const cached = immutableContents.get(version.id);
  if (cached) return cached;
  const [plans, rules, promos, published] = await Promise.all([
    db.select().from(productPlans).where(eq(productPlans.productVersionId, version.id)).orderBy(asc(productPlans.position), asc(productPlans.code)),
    db.select().from(pricingRules).where(eq(pricingRules.productVersionId, version.id)),
    db.select().from(promotions).where(eq(promotions.productVersionId, version.id)),
    db.select({ id: publications.id }).from(publications).where(eq(publications.productVersionId, version.id)).limit(1),
  ]);
  const contents = { plans, rules, promotions: promos };
  if (version.effectiveFrom <= now && published.length > 0) {
    if (immutableContents.size >= MAX_CACHED_VERSIONS) immutableContents.delete(immutableContents.keys().next().value!);
    immutableContents.set(version.id, contents);
  }
  return contents;
}
