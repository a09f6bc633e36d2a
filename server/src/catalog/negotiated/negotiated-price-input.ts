import { z } from 'zod';

/** A day (YYYY-MM-DD, read in the company's time zone) or an instant (ISO 8601 with its offset). */
const bound = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .nullable()
  .optional()
  .describe('A calendar day (YYYY-MM-DD) read in the company’s time zone, or an ISO 8601 instant; both bounds are inclusive days');

const fields = {
  customerRef: z.string().trim().min(1).max(120),
  /** null or absent: every plan of the product. */
  planCode: z.string().trim().max(60).nullable().optional(),
  /** Unit price in minor units, in the plan rule's tax mode. */
  amount: z.number().int().min(0),
  validFrom: bound,
  validTo: bound,
};

export const createNegotiatedPriceSchema = z.object(fields);
export const updateNegotiatedPriceSchema = z.object(fields).partial();
export type CreateNegotiatedPriceInput = z.infer<typeof createNegotiatedPriceSchema>;
export type UpdateNegotiatedPriceInput = z.infer<typeof updateNegotiatedPriceSchema>;

export const negotiatedPriceSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  customerRef: z.string(),
  planCode: z.string().nullable(),
  amount: z.number().int(),
  validFrom: z.date().nullable(),
  validTo: z.date().nullable(),
});
