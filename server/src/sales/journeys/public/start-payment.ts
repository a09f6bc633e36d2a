import { eq } from 'drizzle-orm';
import { appendAudit } from '../../../identity/audit/append-audit.ts';
import { startCheckout } from '../../../payments/checkout/start-checkout.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import type { Services } from '../../../platform/services.ts';
import { createOrderAs } from '../../orders/create-order.ts';
import { orders } from '../../schema.ts';
import { stepOf } from '../rules/journey-definition.ts';
import { anonymousCause, type LoadedProspect, loadProspectByToken, prospectActor, recordProspectActivity } from '../prospect-store.ts';
import { prospects } from '../schema.ts';
import { prospectQuoteRequest } from './price-prospect.ts';

export function journeyPageUrl(services: Pick<Services, 'config'>, token: string, page = ''): string {
  return `${services.config.publicUrl}/parcours/p/${token}${page}`;
}

/**
 * "Payer" (or "Activer mon mandat" when the price is zero): the order is frozen from the same catalog quote the
 * prospect was shown (same date, same attributes), once per prospect; the payments module opens the checkout — a
 * yearly subscription for the WIN WIN mandate — or confirms a free order at once. Activation follows `sales.order.paid`.
 */
export async function startProspectPayment(services: Services, token: string, requestId: string) {
  const loaded = await loadProspectByToken(services.db, token);
  const { prospect } = loaded;
  if (prospect.status !== 'en_paiement') {
    throw new ProblemError('conflict', prospect.activatedAt ? 'Votre mandat est déjà activé.' : 'Le paiement vient après la signature du mandat.', { code: 'payment_not_expected', status: prospect.status });
  }
  if (!stepOf(loaded.definition, 'payment')) throw new ProblemError('conflict', 'Ce parcours ne comporte pas de paiement.');
  const orderId = prospect.orderId ?? (await createProspectOrder(services, loaded, requestId));
  const result = await startCheckout(services, orderId, { auth: anonymousCause(requestId), actorLabel: prospectActor(prospect) });
  await services.db.transaction((tx) => recordProspectActivity(tx, prospect, 'payment_started', services.clock.now(), { orderId, kind: result.kind }));
  return result.kind === 'redirect' ? { kind: 'redirect' as const, url: result.url } : { kind: 'settled' as const, url: journeyPageUrl(services, token, '/merci') };
}

async function createProspectOrder(services: Services, loaded: LoadedProspect, requestId: string): Promise<string> {
  const { prospect, journey, definition, company } = loaded;
  const answers = prospect.answers;
  const quoteDate = (prospect.quote as { date?: string } | null)?.date;
  if (!quoteDate) throw new ProblemError('conflict', 'Le tarif n’a pas encore été calculé.');
  const order = await createOrderAs(
    services,
    {
      auth: anonymousCause(requestId),
      workspaceId: prospect.workspaceId,
      label: prospectActor(prospect),
      audience: { kind: 'public', workspaceId: prospect.workspaceId },
      authorize: (companyId) => {
        if (companyId !== journey.companyId) throw new ProblemError('forbidden', 'Ce parcours ne vend que son produit.');
      },
    },
    {
      customer: {
        kind: prospect.clientType === 'entreprise' ? 'company' : 'person',
        name: (prospect.clientType === 'entreprise' && typeof answers.company_name === 'string' ? answers.company_name : prospect.name) ?? prospect.email!,
        email: prospect.email!,
        phone: prospect.phone,
        country: company.country,
      },
      quote: prospectQuoteRequest(journey, definition, answers, { today: quoteDate, offered: prospect.offered }),
      successUrl: journeyPageUrl(services, prospect.token, '/merci'),
      cancelUrl: journeyPageUrl(services, prospect.token, '?paiement=annule'),
    },
  );
  // Two clicks at once: the unique index on prospect.order_id keeps one order; the other is cancelled unpaid.
  return services.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(prospects).where(eq(prospects.id, prospect.id)).for('update');
    if (locked!.orderId) {
      await tx.update(orders).set({ status: 'cancelled', cancelledAt: services.clock.now() }).where(eq(orders.id, order.id));
      await appendAudit(tx, anonymousCause(requestId), { action: 'cancel', tableName: 'sales.order', recordId: order.id, companyId: order.companyId, before: { status: order.status }, after: { status: 'cancelled', reason: 'duplicate journey payment' } }, { workspaceId: order.workspaceId, actorLabel: prospectActor(prospect) });
      return locked!.orderId;
    }
    await tx.update(prospects).set({ orderId: order.id, customerId: order.customerId, updatedAt: services.clock.now() }).where(eq(prospects.id, prospect.id));
    return order.id;
  });
}
