import { z } from 'zod';
import { lifecycleStatuses } from '../rules/lifecycle.ts';

/** Seed 003 Annex A §3.1, in the API's camelCase. */
export const createProductSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'majuscules, chiffres, point, tiret (format conseillé {SOCIETE}-{RISQUE}-{SEQ})'),
  name: z.string().trim().min(1).max(160),
  shortName: z.string().trim().max(80).nullable().optional(),
  description: z.string().max(20_000).default(''),
  companyId: z.uuid(),
  partnerId: z.uuid().nullable().optional(),
  riskId: z.uuid(),
  revenueModel: z.enum(['revenue', 'commission', 'mixed']),
  pricingSource: z.enum(['internal', 'partner_api']).default('internal'),
  badges: z.array(z.enum(['nouveau', 'promo', 'beta', 'sur_devis'])).max(4).default([]),
  /** The first version's start; defaults to now. */
  effectiveFrom: z.coerce.date().optional(),
});
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = createProductSchema
  .pick({ name: true, shortName: true, description: true, partnerId: true, riskId: true, badges: true, pricingSource: true })
  .partial()
  .strict();
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const productSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  description: z.string(),
  companyId: z.uuid(),
  partnerId: z.uuid().nullable(),
  riskId: z.uuid(),
  revenueModel: z.enum(['revenue', 'commission', 'mixed']),
  lifecycleStatus: z.enum(lifecycleStatuses),
  pricingSource: z.enum(['internal', 'partner_api']),
  badges: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const searchProductsSchema = z.object({
  q: z.string().trim().max(200).optional(),
  companyId: z.uuid().optional(),
  riskId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  status: z.enum(lifecycleStatuses).optional(),
  /** Integrated with a partner API (pricing by the partner, or an external mapping). */
  integrated: z.enum(['true', 'false']).optional(),
  published: z.enum(['true', 'false']).optional(),
  pricingMode: z.enum(['fixed', 'tiered', 'indexed', 'usage', 'grid', 'bundle', 'partner_api']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SearchProductsInput = z.infer<typeof searchProductsSchema>;
