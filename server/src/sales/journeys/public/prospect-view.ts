import { eq } from 'drizzle-orm';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import type { Services } from '../../../platform/services.ts';
import { orders, subscriptions } from '../../schema.ts';
import { completion } from '../rules/form-rules.ts';
import { questionnaireOf, stepOf } from '../rules/journey-definition.ts';
import { PROSPECT_STATUS_LABELS, publicStepOf } from '../rules/prospect-status.ts';
import { monthlyEquivalent } from '../rules/quote-attributes.ts';
import { loadProspectByToken } from '../prospect-store.ts';

/**
 * Everything the prospect's page needs, by token: where they are, the form and their saved answers, the price from
 * the catalog with its monthly equivalent, and after activation the recap of the thank-you page. No internal id.
 */
export async function prospectView(services: Services, token: string) {
  const loaded = await loadProspectByToken(services.db, token);
  const { prospect, definition, company, journey } = loaded;
  const form = questionnaireOf(definition);
  const activation = stepOf(definition, 'activation')!;
  const payment = stepOf(definition, 'payment');
  const quote = prospect.quote as { plan?: { name?: string }; lines?: { description?: string }[]; date?: string } | null;
  const [order] = prospect.orderId ? await services.db.select().from(orders).where(eq(orders.id, prospect.orderId)) : [];
  const [subscription] = order ? await services.db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id)) : [];
  const current = publicStepOf(prospect.status);
  return {
    brand: definition.brand,
    journeyName: journey.name,
    status: prospect.status,
    statusLabel: PROSPECT_STATUS_LABELS[prospect.status],
    step: current,
    steps: definition.steps.map((s) => ({ kind: s.kind, title: stepTitle(s) })),
    form,
    answers: prospect.answers,
    completion: completion(form, prospect.answers),
    questionnaireSubmitted: prospect.questionnaireCompletedAt !== null,
    offered: prospect.offered,
    price:
      prospect.priceAmount === null
        ? null
        : {
            amount: prospect.priceAmount,
            currency: prospect.currency!,
            monthly: monthlyEquivalent(prospect.priceAmount),
            label: quote?.lines?.[0]?.description ?? quote?.plan?.name ?? journey.name,
            free: prospect.priceAmount === 0,
            quoteDate: quote?.date ?? null,
          },
    recommendation: prospect.recommendation,
    payment: payment ? { freeLabel: payment.freeLabel, orderStatus: order?.status ?? null, lastError: order?.lastPaymentError ?? null } : null,
    activation: prospect.activatedAt
      ? {
          mandateNumber: prospect.mandateNumber!,
          startDate: dateInZone(prospect.activatedAt, company.timeZone),
          annualPrice: prospect.priceAmount ?? 0,
          currency: prospect.currency ?? company.currency,
          subscriptionStatus: subscription?.status ?? null,
          renewsAt: subscription?.currentPeriodEnd?.toISOString() ?? null,
          email: prospect.email,
          nextSteps: activation.nextSteps,
          contact: activation.contact,
          clientAreaUrl: activation.clientAreaUrl ?? null,
        }
      : null,
    company: { name: company.brandName, country: company.country },
  };
}

function stepTitle(step: ReturnType<typeof stepOf>): string {
  if (!step) return '';
  switch (step.kind) {
    case 'questionnaire':
      return 'Questionnaire';
    case 'documents':
    case 'recommendation':
    case 'signature':
      return step.title;
    case 'payment':
      return 'Paiement';
    case 'activation':
      return 'Activation';
  }
}
