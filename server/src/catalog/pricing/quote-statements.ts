import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { companies, workspaces } from '../../identity/schema.ts';
import { products, productVersions, publications } from '../schema.ts';

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
    /** All of them (ten in Annex H): the one in force on a date is picked in memory (quote-cache.ts). */
    versionsOfProduct: db
      .select()
      .from(productVersions)
      .where(eq(productVersions.productId, sql.placeholder('productId')))
      .orderBy(asc(productVersions.effectiveFrom))
      .prepare('catalog_quote_versions_of_product'),
    /** The public catalogue: periods of the product's publications that are public on the web. */
    publicWebWindows: db
      .select({ startAt: publications.startAt, endAt: publications.endAt })
      .from(publications)
      .innerJoin(productVersions, eq(productVersions.id, publications.productVersionId))
      .where(and(eq(productVersions.productId, sql.placeholder('productId')), eq(publications.visibility, 'public'), sql`'web' = any(${publications.channels})`))
      .prepare('catalog_quote_public_web_windows'),
    workspaceBySlug: db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, sql.placeholder('slug'))).prepare('catalog_quote_workspace_by_slug'),
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
