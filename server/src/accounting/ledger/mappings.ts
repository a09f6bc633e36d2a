import { and, desc, eq, lte } from 'drizzle-orm';
import { accountingMappings, productVersions } from '../../catalog/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { type AccountPlan, accountPlan } from '../rules/accounts.ts';
import { accountingSettings } from '../schema.ts';

export interface ResolvedAccounts {
  plan: AccountPlan;
  costCenter: string | null;
}

/**
 * The accounts an entry of a company (and product) uses: the catalog's mapping of the product version in force at the
 * date (natures revenue, commission, fee, tax — seed 003 §3.6), else the company's plan, else Annex F's defaults.
 */
export async function resolveAccounts(tx: DbOrTx, companyId: string, productId: string | null, at: Date): Promise<ResolvedAccounts> {
  const [settings] = await tx.select({ accounts: accountingSettings.accounts }).from(accountingSettings).where(eq(accountingSettings.companyId, companyId));
  const plan = accountPlan(settings?.accounts);
  let costCenter: string | null = null;
  if (productId) {
    const [version] = await tx
      .select({ id: productVersions.id })
      .from(productVersions)
      .where(and(eq(productVersions.productId, productId), lte(productVersions.effectiveFrom, at)))
      .orderBy(desc(productVersions.effectiveFrom))
      .limit(1);
    if (version) {
      const rows = await tx.select().from(accountingMappings).where(and(eq(accountingMappings.productVersionId, version.id), eq(accountingMappings.companyId, companyId)));
      const overrides: Partial<AccountPlan> = {};
      for (const row of rows) {
        if (row.nature === 'revenue') overrides.revenue = row.glAccount;
        if (row.nature === 'commission') overrides.commissionIncome = row.glAccount;
        if (row.nature === 'fee') overrides.fees = row.glAccount;
        if (row.nature === 'tax') overrides.vatCollected = row.glAccount;
        costCenter ??= row.costCenter;
      }
      return { plan: accountPlan({ ...plan, ...overrides }), costCenter };
    }
  }
  return { plan, costCenter };
}
