import { eq } from 'drizzle-orm';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import type { AuthContext } from '../../../identity/access/auth-context.ts';
import { notify } from '../../../notifications/notify.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { nextNumber } from '../../../platform/db/next-number.ts';
import type { Services } from '../../../platform/services.ts';
import { formatMandateNumber } from '../rules/mandate-number.ts';
import { stepOf } from '../rules/journey-definition.ts';
import { fillPlaceholders, localDate, swissPrice } from '../rules/mail-placeholders.ts';
import { applyProspectEvent, type LoadedProspect, loadProspectById, type ProspectRow } from '../prospect-store.ts';
import { prospects } from '../schema.ts';
import { journeyPageUrl } from '../public/start-payment.ts';
import { journeyTextMail } from './journey-mails.ts';

/** The values the seed's texts refer to. */
export function placeholdersOf(services: Pick<Services, 'config'>, loaded: LoadedProspect, prospect: ProspectRow): Record<string, string | null> {
  const activation = stepOf(loaded.definition, 'activation');
  const startDay = prospect.activatedAt ? dateInZone(prospect.activatedAt, loaded.company.timeZone) : null;
  return {
    'client.name': prospect.name,
    'client.email': prospect.email,
    'client.phone': prospect.phone,
    mandatNumber: prospect.mandateNumber,
    annualPrice: prospect.priceAmount === null ? null : swissPrice(prospect.priceAmount),
    startDate: startDay ? localDate(startDay, loaded.company.country) : null,
    clientAreaUrl: activation?.clientAreaUrl ?? journeyPageUrl(services, prospect.token, '/merci'),
    prospectUrl: `${services.config.publicUrl}/app/parcours/prospects/${prospect.id}`,
  };
}

/**
 * Seed 004 "Activation Automatique", exactly once however often the payment event arrives: the prospect row is locked
 * and an activated prospect is left alone. Assigns the mandate number from a gap-free counter per company and year,
 * links the customer, sends the welcome mail and notifies the owner (in-app and by mail to the configured recipient).
 */
export async function activateProspectForOrder(tx: DbOrTx, services: Services, orderId: string, cause: { auth: AuthContext; actorLabel: string }): Promise<'activated' | 'already' | 'not_a_journey'> {
  const [row] = await tx.select({ id: prospects.id }).from(prospects).where(eq(prospects.orderId, orderId));
  if (!row) return 'not_a_journey';
  const loaded = (await loadProspectById(tx, row.id, { lock: true }))!;
  if (loaded.prospect.activatedAt) return 'already';
  const activation = stepOf(loaded.definition, 'activation')!;
  const now = services.clock.now();
  const year = Number(dateInZone(now, loaded.company.timeZone).slice(0, 4));
  const sequence = await nextNumber(tx, { scopeId: loaded.company.id, kind: `mandate:${loaded.journey.id}`, year });
  const mandateNumber = formatMandateNumber(activation.numberFormat, year, sequence, activation.seqDigits);
  const prospect = await applyProspectEvent(tx, loaded, 'activated', { ...cause, now, set: { mandateNumber, paidAt: now }, detail: { orderId, mandateNumber } });

  const values = placeholdersOf(services, loaded, prospect);
  const fill = (text: string) => fillPlaceholders(text, values);
  await services.mail.queue(tx, {
    template: journeyTextMail,
    data: { subject: fill(activation.welcomeMail.subject), body: fill(activation.welcomeMail.body), action: { label: 'Voir mon mandat', url: journeyPageUrl(services, prospect.token, '/merci') } },
    to: prospect.email!,
    workspaceId: prospect.workspaceId,
  });
  await notify(tx, services, {
    workspaceId: prospect.workspaceId,
    companyId: prospect.companyId,
    permission: 'sales.read',
    kind: 'journey.activated',
    title: fill(activation.ownerNotification.title),
    body: fill(activation.ownerNotification.body),
    link: `/app/parcours/prospects/${prospect.id}`,
    dedupeKey: `journey.activated:${prospect.id}`,
    email: activation.ownerNotification.email ?? null,
  });
  return 'activated';
}
