import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { companies } from '../../identity/schema.ts';
import { type PromotionPeriod, withPromoBadge } from '../rules/promo-badge.ts';
import { products, productVersions, promotions } from '../schema.ts';

/**
 * The badges to show for products (search results, the product page): the stored ones plus
 * « Promo » when the version in force has a promotion in force today in the company's zone.
 * One query for the whole list, whatever its length.
 */
export async function withAutomaticBadges<T extends { id: string; badges: string[] }>(db: DbOrTx, items: T[], now: Date): Promise<T[]> {
  if (items.length === 0) return items;
  const rows = await db
    .select({ productId: productVersions.productId, timeZone: companies.timeZone, validFrom: promotions.validFrom, validTo: promotions.validTo })
    .from(promotions)
    .innerJoin(productVersions, eq(productVersions.id, promotions.productVersionId))
    .innerJoin(products, eq(products.id, productVersions.productId))
    .innerJoin(companies, eq(companies.id, products.companyId))
    .where(
      and(
        inArray(
          productVersions.productId,
          items.map((item) => item.id),
        ),
        lte(productVersions.effectiveFrom, now),
        or(isNull(productVersions.effectiveTo), gt(productVersions.effectiveTo, now)),
      ),
    );
  const byProduct = new Map<string, { timeZone: string; periods: PromotionPeriod[] }>();
  for (const row of rows) {
    const entry = byProduct.get(row.productId) ?? { timeZone: row.timeZone, periods: [] };
    entry.periods.push({ validFrom: row.validFrom, validTo: row.validTo });
    byProduct.set(row.productId, entry);
  }
  return items.map((item) => {
    const entry = byProduct.get(item.id);
    return entry ? { ...item, badges: withPromoBadge(item.badges, entry.periods, now, entry.timeZone) } : item;
  });
}
