import { z } from 'zod';
import { formatMoney } from '../../invoicing/formats/pdf/format.ts';
import { A4, FONT_BOLD, FONT_REGULAR, newPdf } from './pdf-kit.ts';
import type { DocumentTemplate, RenderedTemplate } from './registry.ts';

export const winWinMandateDataSchema = z
  .object({
    reference: z.string().trim().min(1).max(60).optional(),
    client: z.object({
      kind: z.enum(['particulier', 'entreprise']),
      /** The person (particulier) or the company (entreprise). */
      name: z.string().trim().min(1).max(200),
      /** For a company: who signs for it. */
      representative: z.string().trim().min(1).max(200).optional(),
      email: z.email(),
      phone: z.string().trim().max(40).optional(),
      address: z.string().trim().max(300).optional(),
      age: z.number().int().min(0).max(130).optional(),
      employees: z.number().int().min(0).max(1_000_000).optional(),
    }),
    /** Annual price in centimes (CHF); 0 for an offered mandate. */
    annualPrice: z.number().int().min(0).max(100_000_000),
    currency: z.literal('CHF').default('CHF'),
    startDate: z.iso.date(),
    offered: z.boolean().default(false),
  })
  .superRefine((data, ctx) => {
    if (data.client.kind === 'particulier' && data.client.age === undefined) ctx.addIssue({ code: 'custom', path: ['client', 'age'], message: 'age is required for a particulier' });
    if (data.client.kind === 'entreprise' && data.client.employees === undefined) ctx.addIssue({ code: 'custom', path: ['client', 'employees'], message: 'employees is required for an entreprise' });
  });

export type WinWinMandateData = z.input<typeof winWinMandateDataSchema>;
type Parsed = z.output<typeof winWinMandateDataSchema>;

export const WINWIN = {
  name: 'WIN WIN Finance Group',
  address: 'Bellevue 7, 2950 Courgenay',
  phone: '032 466 11 00',
  email: 'contact@winwin.swiss',
  cgvUrl: 'https://winwin.swiss/cgv',
} as const;

/** 18500 → 1542: the monthly equivalent, rounded half up to the centime, with integers only. */
export function monthlyEquivalent(annual: number): number {
  return Math.floor((annual * 2 + 12) / 24);
}

/** `2026-12-01` → `1er décembre 2026` (fixed French month names: no ICU dependency). */
export function frenchDate(iso: string): string {
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${months[m - 1]} ${y}`;
}

export function mandateRecap(data: Parsed): RenderedTemplate['recap'] {
  const price = data.offered || data.annualPrice === 0 ? 'Offert (CHF 0.–)' : `${formatMoney(data.annualPrice, 'CHF', 'fr')} par an`;
  return [
    { label: 'Mandant', value: data.client.name },
    { label: 'Type de client', value: data.client.kind === 'particulier' ? 'Particulier' : 'Entreprise' },
    data.client.kind === 'particulier' ? { label: 'Âge', value: `${data.client.age} ans` } : { label: 'Nombre d’employés', value: String(data.client.employees) },
    { label: 'Tarif annuel', value: price },
    ...(data.annualPrice > 0 && !data.offered ? [{ label: 'Équivalent mensuel', value: formatMoney(monthlyEquivalent(data.annualPrice), 'CHF', 'fr') }] : []),
    { label: 'Durée', value: '12 mois, renouvelable tacitement' },
    { label: 'Date de début', value: frenchDate(data.startDate) },
  ];
}

const CLAUSES = (data: Parsed): [string, string][] => [
  [
    '1. Objet',
    `Le mandant confie au mandataire, ${WINWIN.name}, la gestion de son portefeuille d’assurances : analyse des polices existantes, recherche et comparaison d’offres, conseil, représentation auprès des assureurs et assistance en cas de sinistre. Le mandataire agit au mieux des intérêts du mandant (art. 394 ss du Code des obligations).`,
  ],
  ['2. Pouvoirs', 'Le mandant autorise le mandataire à demander en son nom aux compagnies d’assurance toute information sur ses contrats. Aucun contrat n’est conclu, modifié ou résilié sans l’accord préalable du mandant.'],
  [
    '3. Rémunération',
    data.offered || data.annualPrice === 0
      ? 'Le présent mandat est offert : aucune rémunération n’est due par le mandant. Le mandataire peut percevoir des commissions des assureurs, qu’il communique au mandant sur demande.'
      : `Le mandant verse au mandataire une rémunération annuelle de ${formatMoney(data.annualPrice, 'CHF', 'fr')} (soit ${formatMoney(monthlyEquivalent(data.annualPrice), 'CHF', 'fr')} par mois en équivalent), payable d’avance pour chaque période de 12 mois. Le mandataire peut en outre percevoir des commissions des assureurs, qu’il communique au mandant sur demande.`,
  ],
  [
    '4. Durée et renouvellement',
    `Le mandat prend effet le ${frenchDate(data.startDate)} pour une durée de 12 mois. Il se renouvelle tacitement pour une nouvelle période de 12 mois, sauf résiliation par écrit par l’une des parties au moins 30 jours avant l’échéance. Demeure réservé le droit de chaque partie de révoquer ou répudier le mandat en tout temps (art. 404 CO).`,
  ],
  ['5. Protection des données', 'Les données du mandant sont traitées conformément à la loi fédérale sur la protection des données (LPD), uniquement pour l’exécution du mandat, et hébergées en Suisse.'],
  ['6. Conditions générales', `Les conditions générales de ${WINWIN.name} (${WINWIN.cgvUrl}) font partie intégrante du présent mandat ; le mandant déclare en avoir pris connaissance et les accepter.`],
  [
    '7. Signature électronique',
    'Le présent mandat est signé par signature électronique simple, scellée par la plateforme. Les parties en reconnaissent la validité et la force probante ; il ne s’agit pas d’une signature électronique qualifiée au sens de la loi fédérale sur la signature électronique (SCSE).',
  ],
  ['8. Droit applicable et for', 'Le présent mandat est soumis au droit suisse. Le for est au siège du mandataire, sous réserve des fors impératifs.'],
];

export const winWinMandateTemplate: DocumentTemplate<Parsed> = {
  key: 'winwin-mandate',
  description: 'Mandat de gestion annuel de WIN WIN Finance Group (particulier ou entreprise), en CHF',
  schema: winWinMandateDataSchema as unknown as z.ZodType<Parsed>,
  async render(data, { now }) {
    const { doc, bytes } = newPdf({ title: `Mandat de gestion — ${data.client.name}`, author: WINWIN.name, now });
    const left = 56;
    const width = A4.width - 2 * left;
    doc.font(FONT_BOLD).fontSize(16).fillColor('#0b3b5c').text(WINWIN.name, left, 50);
    doc.font(FONT_REGULAR).fontSize(9).fillColor('#444444').text(`${WINWIN.address} · ${WINWIN.phone} · ${WINWIN.email}`);
    doc.moveDown(1.5);
    doc.font(FONT_BOLD).fontSize(18).fillColor('#111111').text('Mandat de gestion', { align: 'left' });
    if (data.reference) doc.font(FONT_REGULAR).fontSize(9).fillColor('#444444').text(`Référence : ${data.reference}`);
    doc.moveDown(0.8);

    doc.font(FONT_BOLD).fontSize(10).fillColor('#111111').text('Entre');
    const client = data.client;
    const identity = [
      client.kind === 'entreprise' ? `${client.name} (entreprise, ${client.employees} employé${client.employees === 1 ? '' : 's'})` : `${client.name} (particulier, ${client.age} ans)`,
      client.representative ? `représentée par ${client.representative}` : null,
      client.address ?? null,
      [client.email, client.phone].filter(Boolean).join(' · '),
    ].filter(Boolean);
    doc.font(FONT_REGULAR).fontSize(10).text(`${identity.join('\n')}\nci-après « le mandant »`);
    doc.moveDown(0.5);
    doc.font(FONT_BOLD).text('et');
    doc.font(FONT_REGULAR).text(`${WINWIN.name}, ${WINWIN.address}\nci-après « le mandataire »`);
    doc.moveDown(0.8);

    // The recap, as a two-column table.
    const recap = mandateRecap(data).filter((line) => line.label !== 'Mandant');
    const top = doc.y;
    doc.rect(left, top, width, recap.length * 16 + 10).fillColor('#f1f5f8').fill();
    recap.forEach((line, i) => {
      doc.font(FONT_REGULAR).fontSize(9.5).fillColor('#444444').text(line.label, left + 10, top + 7 + i * 16, { width: 160 });
      doc.font(FONT_BOLD).fontSize(9.5).fillColor('#111111').text(line.value, left + 175, top + 7 + i * 16, { width: width - 185 });
    });
    doc.y = top + recap.length * 16 + 22;
    doc.x = left;

    for (const [title, body] of CLAUSES(data)) {
      if (doc.y > A4.height - 140) doc.addPage();
      doc.font(FONT_BOLD).fontSize(10).fillColor('#111111').text(title, left, doc.y);
      doc.font(FONT_REGULAR).fontSize(9.5).fillColor('#222222').text(body, { width, align: 'justify' });
      doc.moveDown(0.5);
    }

    // The signature block: the mandant's box is where the drawn signature is stamped.
    if (doc.y > A4.height - 190) doc.addPage();
    doc.moveDown(0.5);
    const blockTop = doc.y;
    doc.font(FONT_REGULAR).fontSize(9.5).fillColor('#111111').text('Fait électroniquement, à la date de la signature figurant sur le certificat joint.', left, blockTop, { width });
    const boxTop = blockTop + 24;
    const boxWidth = 220;
    const boxHeight = 80;
    doc.font(FONT_BOLD).fontSize(9.5).text('Le mandant', left, boxTop);
    doc.font(FONT_BOLD).text('Le mandataire', left + width - boxWidth, boxTop);
    doc.lineWidth(0.6).strokeColor('#888888').rect(left, boxTop + 14, boxWidth, boxHeight).stroke();
    doc.rect(left + width - boxWidth, boxTop + 14, boxWidth, boxHeight).stroke();
    doc.font(FONT_REGULAR).fontSize(8.5).fillColor('#444444').text(client.representative ?? client.name, left, boxTop + boxHeight + 18, { width: boxWidth });
    doc.text(`${WINWIN.name} (acceptation par l’émission du mandat)`, left + width - boxWidth, boxTop + boxHeight + 18, { width: boxWidth });
    const pageIndex = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
    doc.end();
    return {
      pdf: await bytes,
      filename: `mandat-de-gestion${data.reference ? `-${data.reference}` : ''}.pdf`.replace(/[^\w.-]+/g, '-'),
      signatureBox: { page: pageIndex, x: left + 4, y: A4.height - (boxTop + 14 + boxHeight) + 4, width: boxWidth - 8, height: boxHeight - 8 },
      recap: mandateRecap(data),
      links: [{ label: 'Conditions générales de vente', url: WINWIN.cgvUrl }],
    };
  },
};
