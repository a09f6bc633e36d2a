import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { AuthenticatedContext } from '../identity/access/auth-context.ts';
import { outOfScope, requirePermission } from '../identity/access/guards.ts';
import { inCompanyScope } from '../identity/access/scope.ts';
import type { Permission } from '../identity/permissions.ts';
import { products, productVersions } from './schema.ts';

export type ProductRow = typeof products.$inferSelect;
export type VersionRow = typeof productVersions.$inferSelect;

export const productScopeColumns = { workspaceId: products.workspaceId, companyId: products.companyId };

/**
 * Loads a product the actor may see; then checks `permission` on its company.
 * Out of scope is "not found" (its existence is not confirmed), lacking the
 * permission on a visible product is "forbidden".
 */
export async function loadProduct(db: DbOrTx, auth: AuthenticatedContext, productId: string, permission: Permission = 'catalog.read', lock = false): Promise<ProductRow> {
  requirePermission(auth, 'catalog.read');
  const query = db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), inCompanyScope(productScopeColumns, auth, 'catalog.read')));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw outOfScope('Product');
  requirePermission(auth, permission, row.companyId);
  return row;
}

export async function loadVersion(db: DbOrTx, auth: AuthenticatedContext, versionId: string, permission: Permission = 'catalog.read'): Promise<{ product: ProductRow; version: VersionRow }> {
  const [version] = await db.select().from(productVersions).where(and(eq(productVersions.id, versionId), eq(productVersions.workspaceId, auth.workspace.id)));
  if (!version) throw outOfScope('Version');
  const product = await loadProduct(db, auth, version.productId, permission);
  return { product, version };
}
