import { defineMailTemplate } from '../../platform/mail/templates.ts';
import { formatMoney } from './format-money.ts';

interface OrderMailData {
  customerName: string;
  orderNumber: string;
  amount: number;
  currency: 'EUR' | 'CHF';
  url: string;
}

export const paymentReceivedMail = defineMailTemplate<OrderMailData>({
  name: 'payments.payment-received',
  fr: (d) => ({
    subject: `Paiement reçu — commande ${d.orderNumber}`,
    paragraphs: [`Bonjour ${d.customerName},`, `Nous avons bien reçu votre paiement de ${formatMoney(d.amount, d.currency, 'fr')} pour la commande ${d.orderNumber}. Merci !`],
    action: { label: 'Voir ma commande', url: d.url },
  }),
  en: (d) => ({
    subject: `Payment received — order ${d.orderNumber}`,
    paragraphs: [`Hello ${d.customerName},`, `We received your payment of ${formatMoney(d.amount, d.currency, 'en')} for order ${d.orderNumber}. Thank you!`],
    action: { label: 'View my order', url: d.url },
  }),
});

export const paymentFailedMail = defineMailTemplate<OrderMailData & { reason: string; nextAttempt: string | null }>({
  name: 'payments.payment-failed',
  fr: (d) => ({
    subject: `Échec de paiement — commande ${d.orderNumber}`,
    paragraphs: [
      `Bonjour ${d.customerName},`,
      `Le paiement de ${formatMoney(d.amount, d.currency, 'fr')} pour la commande ${d.orderNumber} n’a pas abouti (${d.reason}).`,
      d.nextAttempt ? `Nous réessaierons automatiquement le ${d.nextAttempt}. Vous pouvez mettre à jour votre moyen de paiement d’ici là.` : 'Vous pouvez payer à nouveau depuis le lien ci-dessous.',
    ],
    action: { label: 'Régler ma commande', url: d.url },
  }),
  en: (d) => ({
    subject: `Payment failed — order ${d.orderNumber}`,
    paragraphs: [
      `Hello ${d.customerName},`,
      `The payment of ${formatMoney(d.amount, d.currency, 'en')} for order ${d.orderNumber} did not go through (${d.reason}).`,
      d.nextAttempt ? `We will try again automatically on ${d.nextAttempt}. You can update your payment method before then.` : 'You can pay again from the link below.',
    ],
    action: { label: 'Pay my order', url: d.url },
  }),
});

export const refundIssuedMail = defineMailTemplate<OrderMailData & { refundedTotal: number }>({
  name: 'payments.refund-issued',
  fr: (d) => ({
    subject: `Remboursement — commande ${d.orderNumber}`,
    paragraphs: [`Bonjour ${d.customerName},`, `Nous vous avons remboursé ${formatMoney(d.amount, d.currency, 'fr')} sur la commande ${d.orderNumber} (total remboursé : ${formatMoney(d.refundedTotal, d.currency, 'fr')}). Le montant apparaîtra sur votre relevé sous 5 à 10 jours.`],
    action: { label: 'Voir ma commande', url: d.url },
  }),
  en: (d) => ({
    subject: `Refund — order ${d.orderNumber}`,
    paragraphs: [`Hello ${d.customerName},`, `We refunded ${formatMoney(d.amount, d.currency, 'en')} on order ${d.orderNumber} (refunded in total: ${formatMoney(d.refundedTotal, d.currency, 'en')}). It will show on your statement within 5 to 10 days.`],
    action: { label: 'View my order', url: d.url },
  }),
});

export const subscriptionEndedMail = defineMailTemplate<OrderMailData & { how: 'cancelled' | 'suspended' }>({
  name: 'payments.subscription-ended',
  fr: (d) => ({
    subject: d.how === 'suspended' ? `Abonnement suspendu — ${d.orderNumber}` : `Abonnement résilié — ${d.orderNumber}`,
    paragraphs: [
      `Bonjour ${d.customerName},`,
      d.how === 'suspended'
        ? `Faute de paiement, votre abonnement (commande ${d.orderNumber}) est suspendu. Réglez l’échéance pour le réactiver.`
        : `Votre abonnement (commande ${d.orderNumber}) est résilié.`,
    ],
    action: { label: 'Voir ma commande', url: d.url },
  }),
  en: (d) => ({
    subject: d.how === 'suspended' ? `Subscription suspended — ${d.orderNumber}` : `Subscription cancelled — ${d.orderNumber}`,
    paragraphs: [
      `Hello ${d.customerName},`,
      d.how === 'suspended' ? `Your subscription (order ${d.orderNumber}) is suspended for non-payment. Pay the due amount to reactivate it.` : `Your subscription (order ${d.orderNumber}) is cancelled.`,
    ],
    action: { label: 'View my order', url: d.url },
  }),
});

/** To the selling company's admins (seed 004: "Échec de paiement ⚠" notification to the owner). */
export const ownerPaymentAlertMail = defineMailTemplate<{ orderNumber: string; customerName: string; amount: number; currency: 'EUR' | 'CHF'; what: string; url: string }>({
  name: 'payments.owner-alert',
  fr: (d) => ({
    subject: `⚠ ${d.what} — ${d.orderNumber}`,
    paragraphs: [`${d.what} : commande ${d.orderNumber}, client ${d.customerName}, ${formatMoney(d.amount, d.currency, 'fr')}.`],
    action: { label: 'Ouvrir la commande', url: d.url },
  }),
  en: (d) => ({
    subject: `⚠ ${d.what} — ${d.orderNumber}`,
    paragraphs: [`${d.what}: order ${d.orderNumber}, customer ${d.customerName}, ${formatMoney(d.amount, d.currency, 'en')}.`],
    action: { label: 'Open the order', url: d.url },
  }),
});
