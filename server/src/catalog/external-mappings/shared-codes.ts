import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import { productScopeColumns } from '../catalog-scope.ts';
import { externalMappings, products } from '../schema.ts';

export interface SharedCode {
  system: string;
  externalCode: string;
  productId: string;
  sku: string;
  name: string;
}

/**
 * Seed 003 Annex E §3 "alerte doublons": the other products (among those the actor may see) that
 * carry one of these codes in the same system (system names compared without case). A warning,
 * not a refusal: two products may legitimately point at one partner code.
 */
export async function sharedCodes(db: DbOrTx, auth: AuthenticatedContext, productId: string, mappings: readonly { system: string; externalCode: string }[]): Promise<SharedCode[]> {
  if (mappings.length === 0) return [];
  const sameCode = mappings.map((m) => and(sql`lower(${externalMappings.system}) = ${m.system.toLowerCase()}`, eq(externalMappings.externalCode, m.externalCode)));
  return db
    .select({ system: externalMappings.system, externalCode: externalMappings.externalCode, productId: products.id, sku: products.sku, name: products.name })
    .from(externalMappings)
    .innerJoin(products, eq(products.id, externalMappings.productId))
    .where(and(ne(products.id, productId), inCompanyScope(productScopeColumns, auth, 'catalog.read'), or(...sameCode)))
    .orderBy(products.sku);
}
