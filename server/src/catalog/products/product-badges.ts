import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
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

/**
 * The Promo badge's inputs as columns of a product query (the search): the company's time zone and the periods of the
 * promotions of the version in force at `now`. Correlated subqueries that PostgreSQL evaluates after the sort and the
 * LIMIT — for the page's rows only — so the search needs no second round trip.
 */
export function promoBadgeColumns(now: Date) {
  // Written out with aliases: in a one-table select drizzle leaves columns unqualified, and the inner tables' own
  // "id" would capture the outer product's.
  const at = now.toISOString();
  return {
    timeZone: sql<string>`(select c.time_zone from identity.company c where c.id = "product"."company_id")`,
    promotionPeriods: sql<[string | null, string | null][] | null>`(select json_agg(json_build_array(pr.valid_from, pr.valid_to))
      from catalog.promotion pr join catalog.product_version v on v.id = pr.product_version_id
      where v.product_id = "product"."id" and v.effective_from <= ${at} and (v.effective_to is null or v.effective_to > ${at}))`,
  };
}

/** A product's badges from the columns of `promoBadgeColumns`. */
export function badgesWithPromo(badges: string[], columns: { timeZone: string; promotionPeriods: [string | null, string | null][] | null }, now: Date): string[] {
  const periods: PromotionPeriod[] = (columns.promotionPeriods ?? []).map(([from, to]) => ({ validFrom: from ? new Date(from) : null, validTo: to ? new Date(to) : null }));
  return withPromoBadge(badges, periods, now, columns.timeZone);
}
