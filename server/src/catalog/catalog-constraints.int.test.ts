import { eq, sql } from 'drizzle-orm';
import { pgErrorOf } from '../platform/db/pg-error.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companies, workspaces } from '../identity/schema.ts';
import { seedDemoIdentity } from '../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { commissionSchemes, productVersions, products, risks } from './schema.ts';

/** The rules the database itself enforces, on PGlite and on PostgreSQL alike. */
let test: TestRuntime;
let productId: string;
let versionId: string;

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  const db = test.runtime.db;
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, 'winvest'));
  const [mtv] = await db.select().from(companies).where(eq(companies.legalName, 'Mondial TV'));
  const [risk] = await db.insert(risks).values({ workspaceId: ws!.id, companyId: mtv!.id, code: 'OTT', label: 'Offre TV' }).returning();
  const [product] = await db
    .insert(products)
    .values({ workspaceId: ws!.id, companyId: mtv!.id, riskId: risk!.id, sku: 'MTV-OFFRE-001', name: 'Offre TV Essentiel', revenueModel: 'revenue', searchText: 'Offre TV Essentiel MTV-OFFRE-001 Réglementé' })
    .returning();
  productId = product!.id;
  const [version] = await db
    .insert(productVersions)
    .values({ workspaceId: ws!.id, productId, version: 1, effectiveFrom: new Date('2026-01-01T00:00:00Z'), effectiveTo: new Date('2026-07-01T00:00:00Z') })
    .returning();
  versionId = version!.id;
});
afterAll(() => test.close());

/** Resolves to the name of the constraint the database refused the write with. */
async function refusal(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write;
  } catch (error) {
    return pgErrorOf(error)?.constraint;
  }
  return undefined;
}

async function addVersion(version: number, from: string, to: string | null) {
  const [product] = await test.runtime.db.select().from(products).where(eq(products.id, productId));
  return test.runtime.db.insert(productVersions).values({
    workspaceId: product!.workspaceId,
    productId,
    version,
    effectiveFrom: new Date(from),
    effectiveTo: to ? new Date(to) : null,
  });
}

describe('catalog constraints in the database', () => {
  it('refuses overlapping versions of one product (exclusion constraint)', async () => {
    expect(await refusal(addVersion(2, '2026-06-01T00:00:00Z', null))).toBe('product_version_no_overlap');
    expect(await refusal(addVersion(2, '2025-12-01T00:00:00Z', '2026-01-02T00:00:00Z'))).toBe('product_version_no_overlap');
  });

  it('accepts a version that starts exactly where the previous one ends', async () => {
    await expect(addVersion(2, '2026-07-01T00:00:00Z', null)).resolves.toBeDefined();
  });

  it('refuses commission splits that do not add up to exactly 1', async () => {
    const insert = (split: Record<string, string | number>) =>
      test.runtime.db.insert(commissionSchemes).values({ productVersionId: versionId, settlement: 'upfront', split });
    expect(await refusal(insert({ company: 0.6, commercial: 0.3 }))).toBe('commission_scheme_split_sums_to_one');
    expect(await refusal(insert({ company: '1.5', other: '-0.5' }))).toBe('commission_scheme_split_sums_to_one');
    await expect(insert({ company: '0.6', commercial: '0.3', manager: '0.1' })).resolves.toBeDefined();
  });

  it('finds products by French full-text search, accents ignored', async () => {
    // 'reglementes' (plural, no accents) matches 'Réglementé' through f_unaccent and the French stemmer.
    const hits = await test.runtime.db
      .select({ sku: products.sku })
      .from(products)
      .where(sql`${products.search} @@ plainto_tsquery('french', public.f_unaccent('reglementes'))`);
    expect(hits.map((h) => h.sku)).toEqual(['MTV-OFFRE-001']);
  });

  it('keeps no GIN pending list on the search indexes, so a search never scans unmerged entries', async () => {
    const list = await queryRows<{ name: string; options: string[] | null }>(
      test.runtime.db,
      sql`select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'catalog' and c.relname in ('product_search_idx', 'product_search_trgm_idx') order by c.relname`,
    );
    expect(list.map((r) => [r.name, r.options])).toEqual([
      ['product_search_idx', ['fastupdate=false']],
      ['product_search_trgm_idx', ['fastupdate=false']],
    ]);
  });
});
