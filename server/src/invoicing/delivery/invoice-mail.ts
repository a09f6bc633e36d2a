import { defineMailTemplate } from '../../platform/mail/templates.ts';
import { formatMoney } from '../../payments/mail/format-money.ts';

export const invoiceMail = defineMailTemplate<{ customerName: string; kind: 'invoice' | 'credit_note'; number: string; amount: number; currency: 'EUR' | 'CHF'; sellerName: string; hasXml: boolean }>({
  name: 'invoicing.document',
  fr: (d) => ({
    subject: `${d.kind === 'invoice' ? 'Votre facture' : 'Votre avoir'} ${d.number} — ${d.sellerName}`,
    paragraphs: [
      `Bonjour ${d.customerName},`,
      `Veuillez trouver ci-joint ${d.kind === 'invoice' ? 'votre facture' : 'votre avoir'} ${d.number} d’un montant de ${formatMoney(d.amount, d.currency, 'fr')} TTC.`,
      d.hasXml ? 'Le PDF contient la facture électronique structurée (Factur-X, EN 16931), également jointe au format XML.' : 'Le document est au format PDF/A.',
    ],
  }),
  en: (d) => ({
    subject: `${d.kind === 'invoice' ? 'Your invoice' : 'Your credit note'} ${d.number} — ${d.sellerName}`,
    paragraphs: [
      `Hello ${d.customerName},`,
      `Please find attached ${d.kind === 'invoice' ? 'your invoice' : 'your credit note'} ${d.number} for ${formatMoney(d.amount, d.currency, 'en')} including VAT.`,
      d.hasXml ? 'The PDF carries the structured e-invoice (Factur-X, EN 16931), also attached as XML.' : 'The document is a PDF/A.',
    ],
  }),
});
