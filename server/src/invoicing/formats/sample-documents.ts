import type { InvoiceDocument } from './invoice-document.ts';

/**
 * Realistic documents of every kind the formats must handle, for tests and previews: a French invoice with VAT 20 %, a
 * VAT-exempt training invoice (article 261-4-4° a du CGI), a credit note referencing its invoice, and a Swiss CHF
 * invoice payable by transfer (QR-bill).
 */
const frenchSeller = {
  name: 'Mondial TV SAS',
  siren: '552100554',
  siret: '55210055400013',
  vatNumber: 'FR40552100554',
  address: { line1: '12 rue de la République', postalCode: '30000', city: 'Nîmes', country: 'FR' },
  email: 'facturation@mondialtv.example',
  legalMention: 'SAS au capital de 50 000 €',
  registration: 'RCS Nîmes 552 100 554',
  brand: { displayName: 'Mondial TV', primaryColor: '#0b5c6b' },
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
};

const frenchBuyer = { name: 'Camille Martin', address: { line1: '3 place du Marché', postalCode: '34000', city: 'Montpellier', country: 'FR' }, email: 'camille@example.fr' };

const lateMentions = [
  'Pénalités de retard : trois fois le taux d’intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.',
  'Pas d’escompte pour paiement anticipé.',
];

export const standardVatInvoice: InvoiceDocument = {
  kind: 'invoice',
  number: 'F-2026-000123',
  issueDate: '2026-11-24',
  deliveryDate: '2026-11-24',
  dueDate: '2026-11-24',
  currency: 'EUR',
  language: 'fr',
  seller: frenchSeller,
  buyer: frenchBuyer,
  orderReference: 'CMD-2026-000042',
  lines: [
    { position: 1, description: 'Offre Mondial TV — Confort (mensuel)', quantity: 1, unitPriceExclTax: 1_658, amountExclTax: 1_658, vatCategory: 'S', vatRateBp: 2000 },
    { position: 2, description: 'Option multi-écrans', quantity: 2, unitPriceExclTax: 250, amountExclTax: 500, vatCategory: 'S', vatRateBp: 2000 },
  ],
  vatBreakdown: [{ vatCategory: 'S', vatRateBp: 2000, taxableAmount: 2_158, taxAmount: 432 }],
  totals: { lineTotal: 2_158, taxExclusive: 2_158, tax: 432, taxInclusive: 2_590, prepaid: 2_590, dueAmount: 0 },
  paymentTerms: 'Facture acquittée : payée par carte le 24/11/2026.',
  notes: lateMentions,
  paid: true,
};

export const exemptTrainingInvoice: InvoiceDocument = {
  ...standardVatInvoice,
  number: 'F-2026-000124',
  seller: { ...frenchSeller, name: 'Cockpit Académie SAS', siren: '813054214', siret: '81305421400025', vatNumber: 'FR18813054214', legalMention: 'SAS — organisme de formation n° 11 75 99999 75', registration: 'RCS Paris 813 054 214', email: 'compta@cockpit-academie.example', iban: 'FR7630004000031234567890143', bic: 'BNPAFRPP', brand: { displayName: 'Cockpit Académie' } },
  buyer: { name: 'Aéroport de Nîmes', siren: '130002819', vatNumber: 'FR21130002819', address: { line1: 'Route de Saint-Gilles', postalCode: '30800', city: 'Saint-Gilles', country: 'FR' } },
  lines: [{ position: 1, description: 'Facteurs humains (CRM) — session inter-entreprises', quantity: 1, unitPriceExclTax: 69_000, amountExclTax: 69_000, vatCategory: 'E', vatRateBp: 0 }],
  vatBreakdown: [{ vatCategory: 'E', vatRateBp: 0, taxableAmount: 69_000, taxAmount: 0, exemptionReason: 'Exonération de TVA, article 261-4-4° a du CGI', exemptionCode: null }],
  totals: { lineTotal: 69_000, taxExclusive: 69_000, tax: 0, taxInclusive: 69_000, prepaid: 69_000, dueAmount: 0 },
  notes: ['Exonération de TVA, article 261-4-4° a du CGI.', ...lateMentions],
};

export const creditNote: InvoiceDocument = {
  ...standardVatInvoice,
  kind: 'credit_note',
  number: 'AV-2026-000007',
  issueDate: '2026-11-30',
  precedingInvoice: { number: 'F-2026-000123', issueDate: '2026-11-24' },
  lines: [{ position: 1, description: 'Remboursement partiel — Offre Mondial TV — Confort', quantity: 1, unitPriceExclTax: 833, amountExclTax: 833, vatCategory: 'S', vatRateBp: 2000 }],
  vatBreakdown: [{ vatCategory: 'S', vatRateBp: 2000, taxableAmount: 833, taxAmount: 167 }],
  totals: { lineTotal: 833, taxExclusive: 833, tax: 167, taxInclusive: 1_000, prepaid: 1_000, dueAmount: 0 },
  paymentTerms: 'Remboursé sur la carte de paiement le 30/11/2026.',
};

export const swissInvoice: InvoiceDocument = {
  kind: 'invoice',
  number: 'F-2026-000031',
  issueDate: '2026-11-24',
  deliveryDate: '2026-11-24',
  dueDate: '2026-12-24',
  currency: 'CHF',
  language: 'fr',
  seller: {
    name: 'WIN WIN Finance Sàrl',
    vatNumber: 'CHE-123.456.788 TVA',
    address: { line1: 'Rue du Rhône 14', postalCode: '1204', city: 'Genève', country: 'CH' },
    email: 'mandats@winwin.example',
    brand: { displayName: 'WIN WIN Finance', primaryColor: '#1d4ed8' },
    iban: 'CH9300762011623852957',
  },
  buyer: { name: 'Léa Muller', address: { line1: 'Chemin des Vignes 3', postalCode: '1009', city: 'Pully', country: 'CH' }, email: 'lea.muller@example.ch' },
  orderReference: 'CMD-2026-000003',
  lines: [{ position: 1, description: 'Mandat de gestion annuel — particulier', quantity: 1, unitPriceExclTax: 18_500, amountExclTax: 18_500, vatCategory: 'E', vatRateBp: 0 }],
  vatBreakdown: [{ vatCategory: 'E', vatRateBp: 0, taxableAmount: 18_500, taxAmount: 0, exemptionReason: 'Prestation exclue du champ de la TVA (art. 21 al. 2 ch. 19 LTVA)' }],
  totals: { lineTotal: 18_500, taxExclusive: 18_500, tax: 0, taxInclusive: 18_500, prepaid: 0, dueAmount: 18_500 },
  paymentTerms: 'Payable dans les 30 jours par virement (QR-facture ci-dessous).',
  notes: ['Prestation exclue du champ de la TVA (art. 21 al. 2 ch. 19 LTVA).'],
  paid: false,
};
