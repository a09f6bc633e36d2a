import { deepFreeze } from '../../platform/cache/deep-freeze.ts';
import type { Services } from '../../platform/services.ts';
import type { VersionRow } from '../catalog-scope.ts';
import { toEnginePlans, toEnginePromotions } from './engine-mapping.ts';
import { loadPricingContents } from './pricing-contents.ts';
import { type CachedContents, type CachedProduct, type CachedPublicProduct, quoteCaches, versionInForce } from './quote-cache.ts';
import { quoteStatements } from './quote-statements.ts';

/** What the quote path needs of the platform: the root database (prepared statements), the clock, the caches' bus. */
export type QuoteServices = Pick<Services, 'db' | 'clock' | 'invalidation'>;

type ProductIdentity = { sku?: string; productId?: string };

function productKey(workspaceId: string, identity: ProductIdentity): string {
  return identity.productId ? `${workspaceId} id ${identity.productId}` : `${workspaceId} sku ${identity.sku}`;
}

/** The product of this workspace with this SKU or id, and its selling company — whatever the actor's scope (checked by the caller). */
export async function productInWorkspace(services: QuoteServices, workspaceId: string, identity: ProductIdentity): Promise<CachedProduct | undefined> {
  return quoteCaches(services.invalidation).products.getOrLoad(productKey(workspaceId, identity), services.clock.now().getTime(), async () => {
    const statements = quoteStatements(services.db);
    const [row] = identity.productId
      ? await statements.productById.execute({ workspaceId, productId: identity.productId })
      : await statements.productBySku.execute({ workspaceId, sku: identity.sku! });
    return row ? deepFreeze({ workspaceId, product: row.product, company: row.company }) : undefined;
  });
}

/** The product as the public catalogue sees it: with the windows in which it is published publicly on the web. */
export async function publicProductInWorkspace(services: QuoteServices, workspaceId: string, identity: ProductIdentity): Promise<CachedPublicProduct | undefined> {
  return quoteCaches(services.invalidation).publicProducts.getOrLoad(productKey(workspaceId, identity), services.clock.now().getTime(), async () => {
    const found = await productInWorkspace(services, workspaceId, identity);
    if (!found) return undefined;
    const windows = await quoteStatements(services.db).publicWebWindows.execute({ productId: found.product.id });
    return deepFreeze({ ...found, windows });
  });
}

/** Is the product on the public web catalogue at `now`: active, with a public web publication live then. */
export function isPubliclyQuotable(entry: CachedPublicProduct, now: Date): boolean {
  const t = now.getTime();
  return entry.product.lifecycleStatus === 'active' && entry.windows.some((w) => w.startAt.getTime() <= t && (w.endAt === null || w.endAt.getTime() > t));
}

/** The version of the product in force at `at` (the start of the quote date in the company's zone). */
export async function versionInForceAt(services: QuoteServices, workspaceId: string, productId: string, at: Date): Promise<VersionRow | undefined> {
  const entry = await quoteCaches(services.invalidation).versions.getOrLoad(`${workspaceId} ${productId}`, services.clock.now().getTime(), async () =>
    deepFreeze({ workspaceId, versions: await quoteStatements(services.db).versionsOfProduct.execute({ productId }) }),
  );
  return entry ? versionInForce(entry.versions, at) : undefined;
}

/** The version's plans (with their rules) and promotions, as the engine takes them (promotion days in the company's zone). */
export async function pricingContentsOf(services: QuoteServices, workspaceId: string, versionId: string, timeZone: string): Promise<CachedContents> {
  const entry = await quoteCaches(services.invalidation).contents.getOrLoad(`${workspaceId} ${versionId}`, services.clock.now().getTime(), async () => {
    const contents = await loadPricingContents(services.db, versionId);
    return deepFreeze({ workspaceId, plans: toEnginePlans(contents.plans, contents.rules), promotions: toEnginePromotions(contents.promotions, timeZone) });
  });
  return entry!;
}

/** The public route's workspace, by slug. */
export async function workspaceIdBySlug(services: QuoteServices, slug: string): Promise<string | undefined> {
  const entry = await quoteCaches(services.invalidation).workspaceSlugs.getOrLoad(slug, services.clock.now().getTime(), async () => {
    const [row] = await quoteStatements(services.db).workspaceBySlug.execute({ slug });
    return row ? { workspaceId: row.id } : undefined;
  });
  return entry?.workspaceId;
}
