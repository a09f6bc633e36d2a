import { z } from 'zod';

/**
 * A journey as configuration (issue #7): the steps a prospect walks, each with its settings. WIN WIN's is the first;
 * Pygmalion's training-organisation onboarding (charter signature) and MécaFormation's enrollment reuse the same shape.
 */

const condition = z.object({
  field: z.string().min(1),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.string()).optional(),
});

export const FIELD_TYPES = ['text', 'email', 'phone', 'date', 'integer', 'select', 'radio', 'multiselect', 'textarea', 'money', 'checkbox'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const formFieldSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'identifiant en minuscules, chiffres et _'),
  label: z.string().min(1),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) })).optional(),
  /** Integers and money: bounds of the value; dates: bounds of the age it gives (a birth date). */
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().positive().optional(),
  pattern: z.string().optional(),
  patternMessage: z.string().optional(),
  visibleIf: condition.optional(),
  /** Where the answer also goes on the prospect record (searchable columns). */
  mapsTo: z.enum(['name', 'email', 'phone', 'clientType']).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const formSectionSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  visibleIf: condition.optional(),
  fields: z.array(formFieldSchema).min(1),
});
export type FormSection = z.infer<typeof formSectionSchema>;

export const formDefinitionSchema = z.object({
  sections: z.array(formSectionSchema).min(1),
  consent: z.object({ version: z.string().min(1), text: z.string().min(1) }),
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** How the answers become the catalog quote's attributes (the product's grid dimensions). */
const attributeSource = z.union([
  z.object({ answer: z.string() }),
  z.object({ ageFromDate: z.string() }),
  z.object({ offered: z.literal(true) }),
  z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);
export type AttributeSource = z.infer<typeof attributeSource>;

export const pricingMappingSchema = z.object({
  plan: z.string().optional(),
  attributes: z.record(z.string(), attributeSource),
});
export type PricingMapping = z.infer<typeof pricingMappingSchema>;

const mailText = z.object({ subject: z.string().min(1), body: z.string().min(1) });

export const journeyStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('questionnaire'), form: formDefinitionSchema }),
  z.object({
    kind: z.literal('documents'),
    title: z.string().min(1),
    purpose: z.string().min(1),
    required: z.boolean().default(false),
    maxFiles: z.number().int().min(1).max(20).default(5),
  }),
  z.object({ kind: z.literal('recommendation'), title: z.string().min(1) }),
  z.object({
    kind: z.literal('signature'),
    template: z.string().min(1),
    verification: z.enum(['email_link', 'email_link_otp']).default('email_link'),
    title: z.string().min(1),
  }),
  z.object({ kind: z.literal('payment'), freeLabel: z.string().default('Activer mon mandat') }),
  z.object({
    kind: z.literal('activation'),
    /** `{year}` and `{seq}` (zero-padded to `seqDigits`): seed 004 `WW-{year}-{sequence}`. */
    numberFormat: z.string().min(1).refine((f) => f.includes('{seq}'), 'le format doit contenir {seq}'),
    seqDigits: z.number().int().min(1).max(9).default(5),
    welcomeMail: mailText,
    ownerNotification: z.object({ title: z.string().min(1), body: z.string().min(1), email: z.string().email().optional() }),
    failedPaymentMail: mailText.optional(),
    nextSteps: z.array(z.string().min(1)).default([]),
    contact: z.object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() }).default({}),
    clientAreaUrl: z.string().optional(),
  }),
]);
export type JourneyStep = z.infer<typeof journeyStepSchema>;
export type StepKind = JourneyStep['kind'];

export const journeyDefinitionSchema = z
  .object({
    steps: z.array(journeyStepSchema).min(1),
    pricing: pricingMappingSchema,
    /** Hours without activity after which a prospect who has not paid counts as abandoned. */
    abandonAfterHours: z.number().int().min(1).max(24 * 90).default(72),
    /**
     * Proportionate retention (GDPR, nLPD): the personal data and uploaded policies of a prospect who abandoned the
     * journey are erased this many days after their last activity, as by an erasure request. `null` keeps them until
     * someone erases them.
     */
    eraseAbandonedAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
    brand: z.object({ name: z.string().min(1), tagline: z.string().optional() }),
  })
  .superRefine((definition, ctx) => {
    const kinds = definition.steps.map((s) => s.kind);
    const order: StepKind[] = ['questionnaire', 'documents', 'recommendation', 'signature', 'payment', 'activation'];
    kinds.forEach((kind, index) => {
      if (kinds.indexOf(kind) !== index) ctx.addIssue({ code: 'custom', path: ['steps', index, 'kind'], message: `étape « ${kind} » en double` });
    });
    const positions = kinds.map((k) => order.indexOf(k));
    if (positions.some((p, i) => i > 0 && p < positions[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `ordre des étapes : ${order.join(' → ')}` });
    }
    if (kinds[0] !== 'questionnaire') ctx.addIssue({ code: 'custom', path: ['steps', 0, 'kind'], message: 'un parcours commence par le questionnaire' });
    if (!kinds.includes('activation')) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'un parcours finit par l’activation' });
  });
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;

export function stepOf<K extends StepKind>(definition: JourneyDefinition, kind: K): Extract<JourneyStep, { kind: K }> | undefined {
  return definition.steps.find((s) => s.kind === kind) as Extract<JourneyStep, { kind: K }> | undefined;
}

export function questionnaireOf(definition: JourneyDefinition): FormDefinition {
  return stepOf(definition, 'questionnaire')!.form;
}
