import { withAutomaticBadges } from './product-badges.ts';
import { and, asc, desc, eq, exists, gt, isNull, lte, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { type AuthenticatedContext, companyScope } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import { productScopeColumns } from '../catalog-scope.ts';
import { externalMappings, pricingRules, products, productVersions, publications } from '../schema.ts';
import type { SearchProductsInput } from './product-input.ts';
import { toProductView } from './product-service.ts';

/**
 * What a search result shows, and the total in the same round trip (`count(*) over ()` is
 * counted before LIMIT). Not `select *`: the row's tsvector and search text are the largest
 * columns and the answer never shows them (issue #4: a loaded search spent its time moving them).
 */
const listed = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  shortName: products.shortName,
  description: products.description,
  companyId: products.companyId,
  partnerId: products.partnerId,
  riskId: products.riskId,
  revenueModel: products.revenueModel,
  lifecycleStatus: products.lifecycleStatus,
  pricingSource: products.pricingSource,
  badges: products.badges,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
  total: sql<number>`(count(*) over ())::int`.as('total'),
};

/** French full text on the generated vector, or the trigram index for a partial word (accents ignored either way). */
function textMatch(q: Placeholder | string, pattern: Placeholder | string) {
  const query = sql`websearch_to_tsquery('french', public.f_unaccent(${q}))`;
  return {
    where: or(sql`${products.search} @@ ${query}`, sql`public.f_unaccent(lower(${products.searchText})) like ${pattern}`)!,
    rank: sql`ts_rank(${products.search}, ${query})`,
  };
}

/** `%word%`, lower-cased, accents and LIKE wildcards neutralised. */
export function likePattern(q: string): string {
  return `%${q
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search people type most (words, nothing else), prepared once per database like the
 * quote's lookups: one statement when the actor sees every company, one for a company list.
 */
function prepare(db: Db) {
  const text = textMatch(sql.placeholder('q'), sql.placeholder('pattern'));
  const base = (scope: SQL) =>
    db
      .select(listed)
      .from(products)
      .where(and(eq(products.workspaceId, sql.placeholder('workspaceId')), scope, text.where))
      .orderBy(desc(text.rank), asc(products.name))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'));
  return {
    wholeWorkspace: base(sql`true`).prepare('catalog_search_words_all'),
    someCompanies: base(sql`${products.companyId} = any(${sql.placeholder('companyIds')}::uuid[])`).prepare('catalog_search_words_companies'),
  };
}

const byDb = new WeakMap<Db, ReturnType<typeof prepare>>();

function searchStatements(db: Db): ReturnType<typeof prepare> {
  let statements = byDb.get(db);
  if (!statements) {
    statements = prepare(db);
    byDb.set(db, statements);
  }
  return statements;
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof prepare>['wholeWorkspace']['execute']>>[number];

/**
 * Seed 003 §3.7: French full-text search (accents ignored) on name, SKU, partner and
 * risk, with a trigram fallback for partial words, plus the filters of §3.4.
 */
export async function searchProducts(db: Db, auth: AuthenticatedContext, input: SearchProductsInput, now: Date) {
  requirePermission(auth, 'catalog.read');
  const onlyWords = input.q && !input.companyId && !input.riskId && !input.partnerId && !input.status && !input.integrated && !input.published && !input.pricingMode;
  let rows: ListedRow[];
  if (onlyWords) {
    const scope = companyScope(auth, 'catalog.read');
    if (!scope.all && scope.companyIds.length === 0) return { items: [], total: 0 };
    const params = { workspaceId: auth.workspace.id, q: input.q, pattern: likePattern(input.q!), limit: input.limit, offset: input.offset };
    const statements = searchStatements(db);
    rows = scope.all ? await statements.wholeWorkspace.execute(params) : await statements.someCompanies.execute({ ...params, companyIds: scope.companyIds });
  } else {
    rows = await filteredSearch(db, auth, input, now);
  }
  // Past the last page there is no row to carry the total: count it apart (rare).
  const total = rows[0]?.total ?? (input.offset > 0 ? await countOnly(db, auth, input, now) : 0);
  return { items: await withAutomaticBadges(db, rows.map(toProductView), now), total };
}

function conditions(db: Db, auth: AuthenticatedContext, input: SearchProductsInput, now: Date): { where: SQL | undefined; rank?: SQL } {
  const all: (SQL | undefined)[] = [inCompanyScope(productScopeColumns, auth, 'catalog.read')];
  let rank: SQL | undefined;
  if (input.q) {
    const text = textMatch(input.q, likePattern(input.q));
    all.push(text.where);
    rank = text.rank;
  }
  if (input.companyId) all.push(eq(products.companyId, input.companyId));
  if (input.riskId) all.push(eq(products.riskId, input.riskId));
  if (input.partnerId) all.push(eq(products.partnerId, input.partnerId));
  if (input.status) all.push(eq(products.lifecycleStatus, input.status));
  if (input.integrated) {
    const integrated = or(eq(products.pricingSource, 'partner_api'), exists(db.select({ one: sql`1` }).from(externalMappings).where(eq(externalMappings.productId, products.id))));
    all.push(input.integrated === 'true' ? integrated : sql`not (${integrated})`);
  }
  if (input.published) {
    const live = exists(
      db
        .select({ one: sql`1` })
        .from(publications)
        .innerJoin(productVersions, eq(productVersions.id, publications.productVersionId))
        .where(and(eq(productVersions.productId, products.id), lte(publications.startAt, now), or(isNull(publications.endAt), gt(publications.endAt, now)))),
    );
    all.push(input.published === 'true' ? live : sql`not (${live})`);
  }
  if (input.pricingMode) {
    all.push(
      input.pricingMode === 'partner_api'
        ? eq(products.pricingSource, 'partner_api')
        : exists(
            db
              .select({ one: sql`1` })
              .from(pricingRules)
              .innerJoin(productVersions, eq(productVersions.id, pricingRules.productVersionId))
              .where(and(eq(productVersions.productId, products.id), eq(pricingRules.type, input.pricingMode))),
          ),
    );
  }
  return { where: and(...all), ...(rank ? { rank } : {}) };
}

async function filteredSearch(db: Db, auth: AuthenticatedContext, input: SearchProductsInput, now: Date): Promise<ListedRow[]> {
  const { where, rank } = conditions(db, auth, input, now);
  return db
    .select(listed)
    .from(products)
    .where(where)
    .orderBy(...(rank ? [desc(rank)] : []), asc(products.name))
    .limit(input.limit)
    .offset(input.offset);
}

async function countOnly(db: Db, auth: AuthenticatedContext, input: SearchProductsInput, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(products).where(conditions(db, auth, input, now).where);
  return row?.n ?? 0;
}
