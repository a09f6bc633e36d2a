import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { requirePermission } from '../../identity/access/guards.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { loadVersion, type ProductRow, type VersionRow } from '../catalog-scope.ts';
import { checkCommissionSplit } from '../rules/commission-split.ts';
import { accountingMappings, commissionSchemes, commissionTiers, cqRules, pricingRules, productPlans, promotions } from '../schema.ts';
import { recurrenceOfPlan } from '../pricing/engine-mapping.ts';
import type { accountingMappingInputSchema, commissionSchemeInputSchema, PlanInput, promotionInputSchema } from './version-input.ts';
import { assertVersionEditable } from './version-service.ts';
import { loadVersionContents, toSnapshot } from './version-snapshot.ts';

type Editable = { product: ProductRow; version: VersionRow };

async function editableVersion(tx: DbOrTx, auth: AuthenticatedContext, versionId: string, now: Date, permission: Parameters<typeof loadVersion>[3] = 'catalog.write'): Promise<Editable> {
  const loaded = await loadVersion(tx, auth, versionId, permission);
  await assertVersionEditable(tx, loaded.version, now);
  return loaded;
}

async function audited(tx: DbOrTx, auth: AuthenticatedContext, { product, version }: Editable, action: string, change: () => Promise<void>): Promise<void> {
  const before = toSnapshot(version, await loadVersionContents(tx, version.id));
  await change();
  const after = toSnapshot(version, await loadVersionContents(tx, version.id));
  await appendAudit(tx, auth, { action, tableName: 'catalog.product_version', recordId: version.id, companyId: product.companyId, before, after });
}

/** Replaces a version's plans and their prices (one rule per plan, priced by the engine). */
export async function setPlans(services: Services, auth: AuthenticatedContext, versionId: string, plans: PlanInput[]): Promise<void> {
  const codes = plans.map((p) => p.code);
  const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
  if (duplicate) throw new ProblemError('validation', `Code de formule en double : ${duplicate}`, { errors: [{ field: 'body.plans', message: `code ${duplicate} en double` }] });
  await services.db.transaction(async (tx) => {
    const target = await editableVersion(tx, auth, versionId, services.clock.now());
    const [company] = await tx.select({ currency: companies.currency }).from(companies).where(eq(companies.id, target.product.companyId));
    await audited(tx, auth, target, 'set-plans', async () => {
      await tx.delete(productPlans).where(eq(productPlans.productVersionId, versionId));
      for (const [position, plan] of plans.entries()) {
        if (plan.recurrence === 'custom' && !plan.billingCycleDays) {
          throw new ProblemError('validation', 'Une récurrence personnalisée demande un nombre de jours.', { errors: [{ field: `body.plans.${position}.billingCycleDays`, message: 'requis' }] });
        }
        const [row] = await tx
          .insert(productPlans)
          .values({
            productVersionId: versionId,
            code: plan.code,
            name: plan.name,
            recurrence: plan.recurrence,
            billingCycleDays: plan.recurrence === 'custom' ? (plan.billingCycleDays ?? null) : null,
            adjustments: plan.adjustments ?? {},
            position,
          })
          .returning();
        if (!plan.rule) continue;
        // The plan's recurrence is the single source of truth for the rule's.
        const rule: Record<string, unknown> = { ...plan.rule, recurrence: recurrenceOfPlan(row!) };
        await tx.insert(pricingRules).values({
          productVersionId: versionId,
          planId: row!.id,
          type: String(rule.type),
          currency: company!.currency,
          payload: rule,
          taxCategory: String(rule.taxCategory ?? 'standard'),
          taxIncluded: rule.taxMode !== 'excl',
        });
      }
    });
  });
}

export async function setPromotions(services: Services, auth: AuthenticatedContext, versionId: string, items: z.infer<typeof promotionInputSchema>[]): Promise<void> {
  await services.db.transaction(async (tx) => {
    const target = await editableVersion(tx, auth, versionId, services.clock.now());
    await audited(tx, auth, target, 'set-promotions', async () => {
      await tx.delete(promotions).where(eq(promotions.productVersionId, versionId));
      for (const p of items) {
        await tx.insert(promotions).values({
          productVersionId: versionId,
          code: p.code ?? null,
          label: p.label,
          percentBp: p.percentBp ?? null,
          amount: p.amount ?? null,
          validFrom: p.validFrom ?? null,
          validTo: p.validTo ?? null,
          channels: p.channels ?? null,
        });
      }
    });
  });
}

export async function setCommissionSchemes(services: Services, auth: AuthenticatedContext, versionId: string, schemes: z.infer<typeof commissionSchemeInputSchema>[]): Promise<void> {
  for (const [index, scheme] of schemes.entries()) {
    const check = checkCommissionSplit(scheme.split);
    if (!check.ok) {
      throw new ProblemError('validation', `Répartition invalide : ${check.problems.map((p) => p.message).join(', ')}`, {
        errors: check.problems.map((p) => ({ field: `body.schemes.${index}.split${p.beneficiary === '*' ? '' : `.${p.beneficiary}`}`, message: p.message })),
      });
    }
  }
  await services.db.transaction(async (tx) => {
    const target = await editableVersion(tx, auth, versionId, services.clock.now());
    const plans = await tx.select().from(productPlans).where(eq(productPlans.productVersionId, versionId));
    await audited(tx, auth, target, 'set-commissions', async () => {
      await tx.delete(commissionSchemes).where(eq(commissionSchemes.productVersionId, versionId));
      for (const [index, scheme] of schemes.entries()) {
        const plan = scheme.planCode ? plans.find((p) => p.code === scheme.planCode) : undefined;
        if (scheme.planCode && !plan) throw new ProblemError('validation', `Formule inconnue : ${scheme.planCode}`, { errors: [{ field: `body.schemes.${index}.planCode`, message: 'formule inconnue' }] });
        const [row] = await tx
          .insert(commissionSchemes)
          .values({ productVersionId: versionId, planId: plan?.id ?? null, appliesTo: scheme.appliesTo, settlement: scheme.settlement, params: scheme.params, split: Object.fromEntries(Object.entries(scheme.split).map(([k, v]) => [k, String(v)])) })
          .returning();
        for (const tier of scheme.tiers) await tx.insert(commissionTiers).values({ schemeId: row!.id, basis: tier.basis, min: tier.min, max: tier.max ?? null, valueType: tier.valueType, value: tier.value });
      }
    });
  });
}

/** Accounting mappings belong to the accounting role (catalog managers do not map accounts, seed 003 §3.8). */
export async function setAccountingMappings(services: Services, auth: AuthenticatedContext, versionId: string, items: z.infer<typeof accountingMappingInputSchema>[]): Promise<void> {
  await services.db.transaction(async (tx) => {
    const target = await loadVersion(tx, auth, versionId, 'catalog.read');
    for (const [index, item] of items.entries()) {
      requirePermission(auth, 'accounting.mapping', item.companyId);
      const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, item.companyId), eq(companies.workspaceId, auth.workspace.id)));
      if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: `body.mappings.${index}.companyId`, message: 'société inconnue' }] });
    }
    const before = await tx.select().from(accountingMappings).where(eq(accountingMappings.productVersionId, versionId));
    await tx.delete(accountingMappings).where(eq(accountingMappings.productVersionId, versionId));
    for (const item of items) await tx.insert(accountingMappings).values({ ...item, productVersionId: versionId, journal: item.journal ?? null, taxCode: item.taxCode ?? null, costCenter: item.costCenter ?? null });
    const after = await tx.select().from(accountingMappings).where(eq(accountingMappings.productVersionId, versionId));
    await appendAudit(tx, auth, { action: 'set-accounting-mappings', tableName: 'catalog.accounting_mapping', recordId: versionId, companyId: target.product.companyId, before: { mappings: before }, after: { mappings: after } });
  });
}

export async function setCqRules(services: Services, auth: AuthenticatedContext, versionId: string, input: { requiredFields: string[]; notes?: string | null }): Promise<void> {
  await services.db.transaction(async (tx) => {
    const target = await loadVersion(tx, auth, versionId, 'quality.rules');
    const before = await tx.select().from(cqRules).where(eq(cqRules.productVersionId, versionId));
    await tx.delete(cqRules).where(eq(cqRules.productVersionId, versionId));
    await tx.insert(cqRules).values({ productVersionId: versionId, requiredFields: input.requiredFields, notes: input.notes ?? null });
    await appendAudit(tx, auth, { action: 'set-cq-rules', tableName: 'catalog.cq_rule', recordId: versionId, companyId: target.product.companyId, before: { rules: before }, after: input });
  });
}
