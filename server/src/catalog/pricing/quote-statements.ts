import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { companies } from '../../identity/schema.ts';
import { products, productVersions } from '../schema.ts';

/** The quote's hot lookups, prepared once per database (see identity/auth/session-statements.ts). */
function prepare(db: Db) {
  return {
    productBySku: db
      .select({ product: products, company: companies })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(and(eq(products.workspaceId, sql.placeholder('workspaceId')), eq(products.sku, sql.placeholder('sku'))))
      .prepare('catalog_quote_product_by_sku'),
    productById: db
      .select({ product: products, company: companies })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(and(eq(products.workspaceId, sql.placeholder('workspaceId')), eq(products.id, sql.placeholder('productId'))))
      .prepare('catalog_quote_product_by_id'),
    versionInForce: db
      .select()
      .from(productVersions)
      .where(
        and(
          eq(productVersions.productId, sql.placeholder('productId')),
          lte(productVersions.effectiveFrom, sql.placeholder('at')),
          or(isNull(productVersions.effectiveTo), gt(productVersions.effectiveTo, sql.placeholder('at'))),
        ),
      )
      .limit(1)
      .prepare('catalog_quote_version_in_force'),
  };
}

const byDb = new WeakMap<Db, ReturnType<typeof prepare>>();

export function quoteStatements(db: Db): ReturnType<typeof prepare> {
  let statements = byDb.get(db);
  if (!statements) {
    statements = prepare(db);
    byDb.set(db, statements);
  }
  return statements;
}
