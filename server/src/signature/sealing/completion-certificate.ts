import QRCode from 'qrcode';
import { A4, FONT_BOLD, FONT_REGULAR, newPdf } from '../../documents/templates/pdf-kit.ts';

export interface CompletionCertificate {
  requestId: string;
  title: string;
  documentFilename: string;
  documentSha256: string;
  signer: { name: string; email: string };
  verification: 'email_link' | 'email_link_otp';
  ip: string;
  userAgent: string;
  timeZone: string;
  signedAt: Date;
  strokesSha256: string;
  events: { at: Date; label: string; ip?: string | null }[];
  verifyUrl: string;
  sealName: string;
}

/** `2026-11-24T05:12:59.000Z` → `24.11.2026 05:12:59 UTC`. */
export function utcStamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 19)} UTC`;
}

/** The same instant on the signer's wall clock, when their time zone is one this runtime knows. */
export function localStamp(date: Date, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('fr-CH', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(date);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('day')}.${get('month')}.${get('year')} ${get('hour')}:${get('minute')}:${get('second')} (${timeZone})`;
  } catch {
    return `fuseau inconnu (${timeZone})`;
  }
}

export const VERIFICATION_LABELS = {
  email_link: 'lien personnel envoyé par e-mail',
  email_link_otp: 'lien personnel envoyé par e-mail + code à usage unique (6 chiffres) envoyé par e-mail',
} as const;

/**
 * The certificate of completion appended to the signed document: who signed what, when (UTC and the signer's local
 * time), from where, how they were identified, the hash of the document they were shown, and a QR code to the public
 * verification page. Rendered with pdfkit, then its pages are copied into the document before sealing.
 */
export async function renderCompletionCertificate(c: CompletionCertificate): Promise<Buffer> {
  const { doc, bytes } = newPdf({ title: `Certificat de signature — ${c.title}`, author: 'Comptoir', now: c.signedAt });
  const left = 56;
  const width = A4.width - 2 * left;
  const label = (text: string, value: string) => {
    doc.font(FONT_REGULAR).fontSize(8.5).fillColor('#555555').text(text, left, doc.y, { width });
    doc.font(FONT_REGULAR).fontSize(9.5).fillColor('#111111').text(value, left, doc.y, { width });
    doc.moveDown(0.35);
  };
  doc.font(FONT_BOLD).fontSize(16).fillColor('#0b3b5c').text('Certificat de signature électronique', left, 50, { width: width - 120 });
  doc.font(FONT_REGULAR).fontSize(9).fillColor('#444444').text('Établi et scellé par Comptoir', { width: width - 120 });
  const qr = await QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  doc.image(qr, left + width - 105, 44, { width: 105 });
  doc.font(FONT_REGULAR).fontSize(7).fillColor('#555555').text('Vérifier ce document', left + width - 105, 151, { width: 105, align: 'center' });
  doc.y = 175;

  label('Document', `${c.title} (${c.documentFilename})`);
  label('Référence de la demande', c.requestId);
  label('Empreinte SHA-256 du document présenté au signataire', c.documentSha256);
  label('Signataire', `${c.signer.name} <${c.signer.email}>`);
  label('Identification du signataire', VERIFICATION_LABELS[c.verification]);
  label('Signé le', `${utcStamp(c.signedAt)} — heure locale du signataire : ${localStamp(c.signedAt, c.timeZone)}`);
  label('Adresse IP', c.ip);
  label('Navigateur (user agent)', c.userAgent);
  label('Empreinte SHA-256 du tracé de la signature', c.strokesSha256);
  doc.moveDown(0.5);

  doc.font(FONT_BOLD).fontSize(11).fillColor('#111111').text('Historique', left, doc.y);
  doc.moveDown(0.3);
  for (const event of c.events) {
    doc.font(FONT_REGULAR).fontSize(9).fillColor('#111111').text(`${utcStamp(event.at)}  ·  ${event.label}${event.ip ? `  ·  IP ${event.ip}` : ''}`, left, doc.y, { width });
  }
  doc.moveDown(0.8);
  doc
    .font(FONT_REGULAR)
    .fontSize(8.5)
    .fillColor('#333333')
    .text(
      `Ce document est scellé par un cachet électronique (PAdES) au nom de « ${c.sealName} ». Toute modification, même d’un seul octet, invalide le cachet. ` +
        `Pour vérifier l’authenticité et l’intégrité de ce fichier, ouvrez ${c.verifyUrl} ou déposez le PDF sur la page de vérification de Comptoir. ` +
        'Signature électronique simple : elle n’est pas une signature électronique qualifiée au sens de la loi fédérale sur la signature électronique (SCSE).',
      left,
      doc.y,
      { width },
    );
  doc.end();
  return bytes;
}
