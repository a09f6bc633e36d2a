import { defineMailTemplate } from '../../platform/mail/templates.ts';

export const signatureRequestedMail = defineMailTemplate<{ signerName: string; title: string; url: string; expiresOn: string }>({
  name: 'signature.requested',
  fr: (d) => ({
    subject: `Document à signer : ${d.title}`,
    paragraphs: [`Bonjour ${d.signerName},`, `Vous êtes invité(e) à relire et signer électroniquement le document « ${d.title} ».`, `Ce lien vous est personnel ; il est valable jusqu’au ${d.expiresOn}.`],
    action: { label: 'Relire et signer', url: d.url },
  }),
  en: (d) => ({
    subject: `Document to sign: ${d.title}`,
    paragraphs: [`Hello ${d.signerName},`, `Please review and sign the document “${d.title}”.`, `This link is personal; it is valid until ${d.expiresOn}.`],
    action: { label: 'Review and sign', url: d.url },
  }),
});

export const signatureOtpMail = defineMailTemplate<{ signerName: string; title: string; code: string; minutes: number }>({
  name: 'signature.otp',
  fr: (d) => ({
    subject: `Votre code de signature : ${d.code}`,
    paragraphs: [`Bonjour ${d.signerName},`, `Votre code pour signer « ${d.title} » est : ${d.code}`, `Il expire dans ${d.minutes} minutes. Ne le communiquez à personne.`],
  }),
  en: (d) => ({
    subject: `Your signing code: ${d.code}`,
    paragraphs: [`Hello ${d.signerName},`, `Your code to sign “${d.title}” is: ${d.code}`, `It expires in ${d.minutes} minutes. Do not share it.`],
  }),
});

export const signatureCompletedMail = defineMailTemplate<{ signerName: string; title: string; signedAt: string; sealedSha256: string; verifyUrl: string }>({
  name: 'signature.completed',
  fr: (d) => ({
    subject: `Document signé : ${d.title}`,
    paragraphs: [
      `Bonjour ${d.signerName},`,
      `Vous avez signé « ${d.title} » le ${d.signedAt}. Vous trouverez en pièce jointe l’exemplaire signé et scellé, avec son certificat de signature.`,
      `Empreinte SHA-256 du fichier scellé : ${d.sealedSha256}`,
      'Conservez ce fichier : sa vérification indique s’il a été modifié.',
    ],
    action: { label: 'Vérifier le document', url: d.verifyUrl },
  }),
  en: (d) => ({
    subject: `Document signed: ${d.title}`,
    paragraphs: [`Hello ${d.signerName},`, `You signed “${d.title}” on ${d.signedAt}. The signed and sealed copy, with its signing certificate, is attached.`, `SHA-256 of the sealed file: ${d.sealedSha256}`],
    action: { label: 'Verify the document', url: d.verifyUrl },
  }),
});
