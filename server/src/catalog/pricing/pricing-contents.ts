import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { productPlans, pricingRules, promotions } from '../schema.ts';

export interface PricingContents {
  plans: (typeof productPlans.$inferSelect)[];
  rules: (typeof pricingRules.$inferSelect)[];
  promotions: (typeof promotions.$inferSelect)[];
}

/**
 * What a price needs of a version, and nothing else (no documents, publications, mappings…).
 * Kept in memory by quote-cache.ts until a change in the workspace is announced.
 */
export async function loadPricingContents(db: Db, versionId: string): Promise<PricingContents> {
  const statements = contentStatements(db);
  const [plans, rules, promos] = await Promise.all([
    statements.plans.execute({ versionId }),
    statements.rules.execute({ versionId }),
    statements.promotions.execute({ versionId }),
  ]);
  return { plans, rules, promotions: promos };
}

function prepare(db: Db) {
  const versionId = sql.placeholder('versionId');
  return {
    plans: db
      .select()
      .from(productPlans)
      .where(eq(productPlans.productVersionId, versionId))
      .orderBy(asc(productPlans.position), asc(productPlans.code))
      .prepare('catalog_quote_plans'),
    rules: db.select().from(pricingRules).where(eq(pricingRules.productVersionId, versionId)).prepare('catalog_quote_rules'),
    promotions: db.select().from(promotions).where(eq(promotions.productVersionId, versionId)).prepare('catalog_quote_promotions'),
  };
}

const byDb = new WeakMap<Db, ReturnType<typeof prepare>>();

function contentStatements(db: Db): ReturnType<typeof prepare> {
  let statements = byDb.get(db);
  if (!statements) {
    statements = prepare(db);
    byDb.set(db, statements);
  }
  return statements;
}
