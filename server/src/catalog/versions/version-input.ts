import { z } from 'zod';
import { validateRule } from '../../pricing/engine/rules.ts';

/** A pricing rule as the engine defines it; validated in full by the engine's own validator. */
export const pricingRuleSchema = z
  .record(z.string(), z.unknown())
  .superRefine((rule, ctx) => {
    for (const issue of validateRule(rule)) ctx.addIssue({ code: 'custom', path: issue.path ? issue.path.split('.') : [], message: issue.message });
  })
  .describe('A pricing engine rule: fixed, tiered, usage, indexed, grid or bundle (server/src/pricing/engine/rules.ts)');

export const planInputSchema = z.object({
  code: z.string().trim().min(1).max(60).regex(/^[A-Z0-9_-]+$/, 'majuscules, chiffres, _ ou -'),
  name: z.string().trim().min(1).max(120),
  recurrence: z.enum(['one_shot', 'monthly', 'yearly', 'custom']),
  billingCycleDays: z.number().int().min(1).max(3660).nullable().optional(),
  rule: pricingRuleSchema.nullable().optional(),
  adjustments: z.object({ options: z.array(z.record(z.string(), z.unknown())).optional(), surcharges: z.array(z.record(z.string(), z.unknown())).optional() }).optional(),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const createVersionSchema = z.object({
  effectiveFrom: z.coerce.date(),
  effectiveTo: z.coerce.date().nullable().optional(),
  notes: z.string().max(5000).optional(),
  breakingChanges: z.boolean().default(false),
  /** Copy plans, prices, commissions, documents, mappings and CQ rules from this version (duplicate / roll back). */
  copyFromVersionId: z.uuid().optional(),
});
export type CreateVersionInput = z.infer<typeof createVersionSchema>;

export const promotionInputSchema = z
  .object({
    code: z.string().trim().max(40).nullable().optional(),
    label: z.string().trim().min(1).max(120),
    percentBp: z.number().int().min(1).max(10_000).nullable().optional(),
    amount: z.number().int().min(1).nullable().optional(),
    validFrom: z.coerce.date().nullable().optional(),
    validTo: z.coerce.date().nullable().optional(),
    channels: z.array(z.enum(['field', 'telesales', 'web', 'partner', 'marketplace'])).nullable().optional(),
  })
  .refine((p) => (p.percentBp ? 1 : 0) + (p.amount ? 1 : 0) === 1, { message: 'un pourcentage OU un montant', path: ['percentBp'] });

const decimalPercent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'pourcentage décimal (12.5)');

/** Seed 003 §3.3 parameters the engine reads through schemeFromCatalog (server/src/commissions/engine/catalog-scheme.ts). */
export const commissionParamsSchema = z
  .object({
    tierMode: z.enum(['graduated', 'all_units']).optional(),
    accrual: z.enum(['precompte', 'postcompte']).optional(),
    renewalAccrual: z.enum(['precompte', 'postcompte']).optional(),
    /** Percent (`5` = 5 %) for renewals, overriding the rate or tier. */
    renewalRate: decimalPercent.optional(),
    clawback: z.object({ months: z.number().int().min(1).max(120), rule: z.enum(['full', 'pro_rata']) }).optional(),
    /** Bounds of one line's commission, minor units. */
    perLine: z
      .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, { message: 'minimum au-dessus du maximum', path: ['max'] })
      .optional(),
    /** « le 15 du mois suivant » = { day: 15, monthsAfter: 1 }; absent = at the event. */
    due: z.object({ day: z.number().int().min(1).max(31), monthsAfter: z.number().int().min(0).max(12) }).optional(),
  })
  .strict();
export type CommissionParams = z.infer<typeof commissionParamsSchema>;

export const commissionSchemeInputSchema = z.object({
  planCode: z.string().nullable().optional(),
  appliesTo: z.enum(['new', 'renewal', 'both']).default('both'),
  settlement: z.enum(['upfront', 'recurring', 'on_collection']),
  split: z.record(z.string(), z.union([z.string(), z.number()])),
  tiers: z
    .array(
      z.object({
        basis: z.enum(['volume', 'revenue', 'margin', 'months']),
        min: z.string().regex(/^\d+(\.\d{1,4})?$/),
        max: z.string().regex(/^\d+(\.\d{1,4})?$/).nullable().optional(),
        valueType: z.enum(['percent', 'amount']),
        value: z.string().regex(/^\d+(\.\d{1,4})?$/),
      }),
    )
    .default([]),
  params: commissionParamsSchema.default({}),
});

export const accountingMappingInputSchema = z.object({
  companyId: z.uuid(),
  nature: z.enum(['revenue', 'commission', 'fee', 'tax']),
  glAccount: z.string().trim().min(1).max(20),
  journal: z.string().trim().max(20).nullable().optional(),
  taxCode: z.string().trim().max(10).nullable().optional(),
  costCenter: z.string().trim().max(20).nullable().optional(),
});

export const publicationInputSchema = z.object({
  companyId: z.uuid(),
  channels: z.array(z.enum(['field', 'telesales', 'web', 'partner', 'marketplace'])).min(1),
  visibility: z.enum(['hidden', 'internal', 'public']).default('internal'),
  startAt: z.coerce.date(),
  endAt: z.coerce.date().nullable().optional(),
});

export const documentInputSchema = z.object({
  type: z.enum(['DIPA', 'CG', 'CP', 'CGV', 'CGU', 'NOTICE', 'FAQ', 'TARIF', 'SCRIPT', 'MEDIA']),
  title: z.string().trim().min(1).max(160),
  fileName: z.string().trim().min(1).max(200),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  /** The file, base64-encoded (≤ 3.5 MB once decoded). */
  contentBase64: z.string().min(1).max(5_000_000),
  mandatory: z.boolean().default(false),
  validFrom: z.coerce.date().nullable().optional(),
  validTo: z.coerce.date().nullable().optional(),
  publish: z.boolean().default(true),
});
