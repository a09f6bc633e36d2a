import { GuardedCache } from '../../platform/cache/guarded-cache.ts';
import type { Invalidation } from '../../platform/cache/invalidation.ts';
import type { InvalidationHub } from '../../platform/cache/invalidation-hub.ts';
import type { companies } from '../../identity/schema.ts';
import type { ProductRow, VersionRow } from '../catalog-scope.ts';
import type { ProductPlan } from '../../pricing/engine/contract.ts';
import type { Promotion } from '../../pricing/engine/rules.ts';

export type CompanyRow = typeof companies.$inferSelect;

/** What a quote looks up before pricing, keyed by workspace first: nothing crosses tenants. */
export interface CachedProduct {
  workspaceId: string;
  product: ProductRow;
  company: CompanyRow;
}
export interface CachedVersions {
  workspaceId: string;
  /** Every version of the product: the one in force is picked per quote date (versionInForce). */
  versions: VersionRow[];
}
/** A version's plans, rules and promotions, already in the engine's shape (mapped once, not per quote). */
export interface CachedContents {
  workspaceId: string;
  plans: ProductPlan[];
  promotions: Promotion[];
}
/** The public catalogue's view of a product: its web+public publication windows, checked per request. */
export interface CachedPublicProduct extends CachedProduct {
  windows: { startAt: Date; endAt: Date | null }[];
}
export interface CachedWorkspaceSlug {
  workspaceId: string;
}

export interface QuoteCaches {
  /** `${workspaceId} sku ${sku}` or `${workspaceId} id ${productId}`. */
  products: GuardedCache<string, CachedProduct>;
  /** `${workspaceId} ${productId}`. */
  versions: GuardedCache<string, CachedVersions>;
  /** `${workspaceId} ${versionId}`. */
  contents: GuardedCache<string, CachedContents>;
  /** `${workspaceId} sku|id ${value}`. */
  publicProducts: GuardedCache<string, CachedPublicProduct>;
  /** Workspace slug → id for the public route. */
  workspaceSlugs: GuardedCache<string, CachedWorkspaceSlug>;
}

/**
 * Issue #4: a quote used to ask the database for the product by SKU (with its company), the
 * version in force and its plans, rules and promotions on every call. They change rarely and
 * are kept here, per database, until a change in their workspace is announced: a product,
 * version, publication, plan, rule, promotion or company write (migration 0008's NOTIFY from
 * any process, and appendAudit's in-process announcement from this one) forgets every entry
 * of that workspace. The actor's company scope is still checked on every quote (quote-service.ts),
 * and the version in force is still chosen per quote date from the cached periods.
 */
export function quoteCaches(hub: InvalidationHub): QuoteCaches {
  let caches = byHub.get(hub);
  if (!caches) {
    const options = { maxAgeMs: 10 * 60_000, relevant: isCatalogChange, affects: sameWorkspace };
    caches = {
      products: new GuardedCache<string, CachedProduct>(hub, { ...options, maxEntries: 50_000 }),
      versions: new GuardedCache<string, CachedVersions>(hub, { ...options, maxEntries: 50_000 }),
      contents: new GuardedCache<string, CachedContents>(hub, { ...options, maxEntries: 20_000 }),
      publicProducts: new GuardedCache<string, CachedPublicProduct>(hub, { ...options, maxEntries: 50_000 }),
      workspaceSlugs: new GuardedCache<string, CachedWorkspaceSlug>(hub, { maxAgeMs: 10 * 60_000, maxEntries: 1_000, relevant: (i) => i.kind === 'workspace', affects: sameWorkspace }),
    };
    byHub.set(hub, caches);
  }
  return caches;
}

const byHub = new WeakMap<InvalidationHub, QuoteCaches>();

/** Tables whose audited writes change what a quote reads (see the triggers of migration 0008). */
const quotedTables = new Set(['catalog.product', 'catalog.product_version', 'catalog.publication', 'identity.company']);

function isCatalogChange(invalidation: Invalidation): boolean {
  return invalidation.kind === 'catalog' || (invalidation.kind === 'written' && quotedTables.has(invalidation.table));
}

function sameWorkspace(invalidation: Invalidation, entry: { workspaceId: string }): boolean {
  switch (invalidation.kind) {
    case 'catalog':
    case 'written':
      return entry.workspaceId === invalidation.workspaceId;
    case 'workspace':
      return entry.workspaceId === invalidation.id;
    default:
      return true;
  }
}

/** The version whose period [effectiveFrom, effectiveTo) holds `at` — the SQL of the former lookup, in memory. */
export function versionInForce(versions: readonly VersionRow[], at: Date): VersionRow | undefined {
  const t = at.getTime();
  return versions.find((v) => v.effectiveFrom.getTime() <= t && (v.effectiveTo === null || v.effectiveTo.getTime() > t));
}
