import { type QuoteRequest, quoteProduct, toQuoteResponse } from '../../../catalog/pricing/quote-service.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import type { Answers } from '../rules/form-rules.ts';
import type { JourneyDefinition } from '../rules/journey-definition.ts';
import { quoteAttributesFromAnswers } from '../rules/quote-attributes.ts';
import type { JourneyRow } from '../prospect-store.ts';

/** The quote request a prospect's answers make: the journey's product, its plan, the answers as grid attributes. */
export function prospectQuoteRequest(journey: JourneyRow, definition: JourneyDefinition, answers: Answers, context: { today: string; offered: boolean }): QuoteRequest {
  return {
    productId: journey.productId,
    plan: definition.pricing.plan,
    attributes: quoteAttributesFromAnswers(definition.pricing, answers, context),
    date: context.today,
    channel: 'web',
  };
}

/**
 * The price always comes from the catalog (issue #7 §4: the CHF grid of the product version in force), quoted as the
 * public web catalogue would; a grid that has no row for the answers is a 422 the page shows, not a price of zero.
 */
export async function priceProspect(services: Services, journey: JourneyRow, definition: JourneyDefinition, answers: Answers, context: { today: string; offered: boolean }) {
  try {
    const priced = await quoteProduct(services, { kind: 'public', workspaceId: journey.workspaceId }, prospectQuoteRequest(journey, definition, answers, context));
    return toQuoteResponse(priced);
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) {
      throw new ProblemError('unprocessable', `Le tarif n’a pas pu être calculé : ${error.message}`, { code: 'journey_price_unavailable', errors: error.extra.errors });
    }
    throw error;
  }
}
