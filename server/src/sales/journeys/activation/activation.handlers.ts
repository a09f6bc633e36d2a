import { eq } from 'drizzle-orm';
import { defineHandler } from '../../../platform/jobs/handlers.ts';
import { notify } from '../../../notifications/notify.ts';
import { subscriptions } from '../../schema.ts';
import { stepOf } from '../rules/journey-definition.ts';
import { fillPlaceholders } from '../rules/mail-placeholders.ts';
import type { ProspectEventKind } from '../rules/prospect-status.ts';
import { applyProspectEvent, anonymousCause, loadProspectById } from '../prospect-store.ts';
import { prospectEvents, prospects } from '../schema.ts';
import { journeyPageUrl } from '../public/start-payment.ts';
import { PROSPECT_SUBJECT } from '../public/start-signature.ts';
import { SIGNATURE_SIGNED_TOPIC } from '../../../signature/public-signing.ts';
import { activateProspectForOrder, placeholdersOf } from './activate-prospect.ts';
import { journeyTextMail } from './journey-mails.ts';

/** Payment confirmed (card, or a free mandate confirmed at once): the journey's activation. */
export const activateProspectHandler = defineHandler<{ orderId: string }>({
  name: 'sales.activate-prospect',
  topics: ['sales.order.paid'],
  async handle({ tx, event, services }) {
    await activateProspectForOrder(tx, services, event.payload.orderId, { auth: anonymousCause(event.requestId ?? 'job'), actorLabel: 'system:journey' });
  },
});

const CLIENT_EVENT_OF: Record<string, ProspectEventKind> = {
  'sales.subscription.cancelled': 'cancelled',
  'sales.subscription.past_due': 'payment_failed',
  'sales.subscription.suspended': 'payment_failed',
  'sales.subscription.active': 'payment_recovered',
};

/**
 * Seed 004's webhook cases after activation: `customer.subscription.deleted` → "Mandat résilié";
 * `invoice.payment_failed` → the client and the owner are told, the client is "Paiement en échec" until a payment
 * succeeds. The payments module derives the subscription status; this follows it.
 */
export const followClientSubscriptionHandler = defineHandler<{ subscriptionId: string; orderId: string; from: string }>({
  name: 'sales.follow-client-subscription',
  topics: Object.keys(CLIENT_EVENT_OF),
  async handle({ tx, event, services }) {
    const kind = CLIENT_EVENT_OF[event.topic]!;
    const [row] = await tx.select({ id: prospects.id }).from(prospects).where(eq(prospects.orderId, event.payload.orderId));
    if (!row) return;
    const loaded = (await loadProspectById(tx, row.id, { lock: true }))!;
    const { prospect } = loaded;
    if (!prospect.activatedAt) return; // the first payment's failures are the checkout's business
    if (kind === 'payment_recovered' && prospect.status !== 'paiement_en_echec') return;
    if (kind === 'payment_failed' && prospect.status !== 'client_actif') return;
    if (kind === 'cancelled' && prospect.status === 'mandat_resilie') return;
    const [subscription] = await tx.select().from(subscriptions).where(eq(subscriptions.id, event.payload.subscriptionId));
    const after = await applyProspectEvent(tx, loaded, kind, { auth: anonymousCause(event.requestId ?? 'job'), actorLabel: 'system:journey', now: services.clock.now(), detail: { subscriptionId: subscription?.id, subscriptionStatus: subscription?.status } });
    if (kind !== 'payment_failed') return;
    const activation = stepOf(loaded.definition, 'activation')!;
    const values = placeholdersOf(services, loaded, after);
    const fill = (text: string) => fillPlaceholders(text, values);
    if (activation.failedPaymentMail && after.email) {
      await services.mail.queue(tx, {
        template: journeyTextMail,
        data: { subject: fill(activation.failedPaymentMail.subject), body: fill(activation.failedPaymentMail.body), action: { label: 'Ma page client', url: journeyPageUrl(services, after.token, '/merci') } },
        to: after.email,
        workspaceId: after.workspaceId,
      });
    }
    await notify(tx, services, {
      workspaceId: after.workspaceId,
      companyId: after.companyId,
      permission: 'sales.read',
      kind: 'journey.payment_failed',
      title: 'Échec de paiement ⚠',
      body: fill('Le paiement du client {client.name} ({mandatNumber}) a échoué.'),
      link: `/app/parcours/prospects/${after.id}`,
      dedupeKey: `journey.payment_failed:${after.id}:${event.id}`,
      email: activation.ownerNotification.email ?? null,
    });
  },
});

/** A renewal paid: the fact the renewal rate (seed 004 "Taux de renouvellement") counts. */
export const recordClientRenewalHandler = defineHandler<{ subscriptionId: string; orderId: string; paidPeriods: number }>({
  name: 'sales.record-client-renewal',
  topics: ['sales.subscription.renewed'],
  async handle({ tx, event, services }) {
    const [row] = await tx.select().from(prospects).where(eq(prospects.orderId, event.payload.orderId));
    if (!row) return;
    await tx.insert(prospectEvents).values({ workspaceId: row.workspaceId, prospectId: row.id, kind: 'renewed', detail: { paidPeriods: event.payload.paidPeriods, subscriptionId: event.payload.subscriptionId }, at: services.clock.now() });
  },
});

/** The mandate is signed and sealed (signature module): En signature → En paiement. */
export const prospectSignedHandler = defineHandler<{ requestId: string; subject: { kind: string; id: string }; sealedSha256: string }>({
  name: 'sales.prospect-signed',
  topics: [SIGNATURE_SIGNED_TOPIC],
  async handle({ tx, event, services }) {
    if (event.payload.subject.kind !== PROSPECT_SUBJECT) return;
    const loaded = await loadProspectById(tx, event.payload.subject.id, { lock: true });
    if (!loaded || loaded.prospect.signatureRequestId !== event.payload.requestId || loaded.prospect.status !== 'en_signature') return;
    await applyProspectEvent(tx, loaded, 'signed', { auth: anonymousCause(event.requestId ?? 'job'), actorLabel: 'system:signature', now: services.clock.now(), detail: { signatureRequestId: event.payload.requestId, sealedSha256: event.payload.sealedSha256 } });
  },
});
