import { z } from 'zod';
import { isValidSiren, isValidSiret, normaliseDigits, sirenOfSiret } from '../rules/french-company-ids.ts';
import { validateVatNumber } from '../rules/vat-numbers.ts';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'couleur attendue au format #RRGGBB');

export const postalAddressSchema = z.object({
  kind: z.enum(['head_office', 'billing', 'other']),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  postalCode: z.string().trim().min(2).max(12),
  city: z.string().trim().min(1).max(120),
  country: z.string().regex(/^[A-Z]{2}$/, 'code pays ISO à deux lettres'),
});

export const companyContactSchema = z.object({
  role: z.string().trim().min(1).max(80),
  name: z.string().trim().min(1).max(160),
  email: z.email().optional(),
  phone: z.string().trim().max(40).optional(),
});

const fields = {
  legalName: z.string().trim().min(1).max(160),
  brandName: z.string().trim().min(1).max(120),
  siren: z.string().trim().max(20).nullable().optional(),
  siret: z.string().trim().max(20).nullable().optional(),
  vatNumber: z.string().trim().max(32).nullable().optional(),
  country: z.enum(['FR', 'CH']),
  currency: z.enum(['EUR', 'CHF']),
  timeZone: z.string().refine((tz) => timeZones.has(tz), 'fuseau horaire inconnu (ex. Europe/Paris)'),
  icsCode: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[0-9A-Z]{1,28}$/, 'identifiant créancier SEPA (ICS) invalide')
    .nullable()
    .optional(),
  addresses: z.array(postalAddressSchema).max(10).default([]),
  contacts: z.array(companyContactSchema).max(20).default([]),
  brandTheme: z.object({ primaryColor: hexColor.optional(), secondaryColor: hexColor.optional(), logoSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).default({}),
  isActive: z.boolean().default(true),
};

/** French legal identifiers must hold together: checksums, SIRET within SIREN, VAT key of the SIREN. */
function checkIdentifiers(
  value: { siren?: string | null; siret?: string | null; vatNumber?: string | null; country?: 'FR' | 'CH' },
  ctx: z.RefinementCtx,
): void {
  const siren = value.siren ? normaliseDigits(value.siren) : null;
  if (siren && !isValidSiren(siren)) ctx.addIssue({ code: 'custom', path: ['siren'], message: 'SIREN invalide (9 chiffres, clé de contrôle incorrecte)' });
  if (value.siret) {
    const siret = normaliseDigits(value.siret);
    if (!isValidSiret(siret)) ctx.addIssue({ code: 'custom', path: ['siret'], message: 'SIRET invalide (14 chiffres, clé de contrôle incorrecte)' });
    else if (siren && sirenOfSiret(siret) !== siren) ctx.addIssue({ code: 'custom', path: ['siret'], message: 'le SIRET ne correspond pas au SIREN' });
  }
  if (value.vatNumber && value.country) {
    const vat = validateVatNumber(value.vatNumber, value.country);
    if (!vat.ok) ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: vat.reason });
    else if (value.country === 'FR' && siren && vat.normalised.slice(4) !== siren) {
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: 'le numéro de TVA ne correspond pas au SIREN' });
    }
  }
}

export const createCompanySchema = z.object(fields).superRefine(checkIdentifiers);
export type CreateCompanyInput = z.infer<typeof createCompanySchema>;

/** A PATCH re-checks identifiers against the stored values (see update-company.ts). */
export const updateCompanySchema = z.object(fields).partial().strict();
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;

export function validateMergedIdentifiers(merged: { siren: string | null; siret: string | null; vatNumber: string | null; country: 'FR' | 'CH' }): z.core.$ZodIssue[] {
  const result = z.object({}).passthrough().superRefine((_, ctx) => checkIdentifiers(merged, ctx)).safeParse({});
  return result.success ? [] : result.error.issues;
}

export function normaliseIdentifiers<T extends { siren?: string | null; siret?: string | null; vatNumber?: string | null; country?: 'FR' | 'CH' }>(input: T): T {
  return {
    ...input,
    ...(input.siren !== undefined ? { siren: input.siren ? normaliseDigits(input.siren) : null } : {}),
    ...(input.siret !== undefined ? { siret: input.siret ? normaliseDigits(input.siret) : null } : {}),
    ...(input.vatNumber !== undefined && input.country
      ? { vatNumber: input.vatNumber ? (validateVatNumber(input.vatNumber, input.country) as { normalised: string }).normalised : null }
      : {}),
  };
}

export const companySchema = z.object({
  id: z.uuid(),
  legalName: z.string(),
  brandName: z.string(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  country: z.enum(['FR', 'CH']),
  currency: z.enum(['EUR', 'CHF']),
  timeZone: z.string(),
  icsCode: z.string().nullable(),
  addresses: z.array(postalAddressSchema),
  contacts: z.array(companyContactSchema),
  brandTheme: z.object({ primaryColor: z.string().optional(), secondaryColor: z.string().optional(), logoSha256: z.string().optional() }),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
