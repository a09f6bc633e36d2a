import { ageOn, type Answers } from './form-rules.ts';
import type { PricingMapping } from './journey-definition.ts';

export type QuoteAttributes = Record<string, string | number | boolean | null>;

/**
 * The catalog quote's attributes from the answers (seed 004: client type, age on the quote date, employee count,
 * "mandat offert"). The price itself always comes from the catalog's grid, never from the journey.
 */
export function quoteAttributesFromAnswers(mapping: PricingMapping, answers: Answers, context: { today: string; offered: boolean }): QuoteAttributes {
  const attributes: QuoteAttributes = {};
  for (const [name, source] of Object.entries(mapping.attributes)) {
    if ('answer' in source) {
      const value = answers[source.answer];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[name] = value;
    } else if ('ageFromDate' in source) {
      const value = answers[source.ageFromDate];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) attributes[name] = ageOn(value, context.today);
    } else if ('offered' in source) {
      attributes[name] = context.offered;
    } else {
      attributes[name] = source.value;
    }
  }
  return attributes;
}

/** A yearly price's monthly equivalent, in minor units, half-up (CHF 185.– → 15.42). */
export function monthlyEquivalent(yearlyMinor: number): number {
  return Math.floor((yearlyMinor * 2 + 12) / 24);
}
