import type { z } from 'zod';
import type { RecapLine, SignatureBox } from '../../signature/schema.ts';
import { winWinMandateTemplate } from './winwin-mandate.ts';

/** What a template produces: the PDF, where the signature goes, and the recap the signing page shows. */
export interface RenderedTemplate {
  pdf: Buffer;
  filename: string;
  signatureBox: SignatureBox;
  recap: RecapLine[];
  links: { label: string; url: string }[];
}

export interface DocumentTemplate<D> {
  key: string;
  description: string;
  schema: z.ZodType<D>;
  render(data: D, options: { now: Date }): Promise<RenderedTemplate>;
}

export class UnknownTemplateError extends Error {
  constructor(readonly key: string) {
    super(`Unknown document template "${key}" (known: ${Object.keys(templates).join(', ')})`);
    this.name = 'UnknownTemplateError';
  }
}

const templates: Record<string, DocumentTemplate<never>> = {
  [winWinMandateTemplate.key]: winWinMandateTemplate as DocumentTemplate<never>,
};

export function templateKeys(): string[] {
  return Object.keys(templates);
}

/** Validates `data` against the template's schema (a zod error names the bad field), then renders it. */
export async function renderTemplate(key: string, data: unknown, options: { now?: Date } = {}): Promise<RenderedTemplate> {
  const template = templates[key] as DocumentTemplate<unknown> | undefined;
  if (!template) throw new UnknownTemplateError(key);
  return template.render(template.schema.parse(data), { now: options.now ?? new Date() });
}
