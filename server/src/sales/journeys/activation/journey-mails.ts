import { defineMailTemplate } from '../../../platform/mail/templates.ts';

/** A journey's own texts (welcome, failed payment), written by the workspace in its journey and filled per client. */
export const journeyTextMail = defineMailTemplate<{ subject: string; body: string; action?: { label: string; url: string } }>({
  name: 'sales.journey-text',
  fr: (d) => ({ subject: d.subject, paragraphs: d.body.split('\n\n'), action: d.action }),
  en: (d) => ({ subject: d.subject, paragraphs: d.body.split('\n\n'), action: d.action }),
});

/** The resume link, mailed when the questionnaire is submitted (and on request): the journey continues from any device. */
export const resumeJourneyMail = defineMailTemplate<{ brand: string; name: string | null; url: string }>({
  name: 'sales.journey-resume',
  fr: (d) => ({
    subject: `${d.brand} — votre parcours`,
    paragraphs: [`Bonjour${d.name ? ` ${d.name}` : ''},`, 'Voici le lien personnel de votre parcours : il vous ramène à l’étape où vous en êtes, depuis n’importe quel appareil. Ne le transmettez pas.'],
    action: { label: 'Reprendre mon parcours', url: d.url },
  }),
  en: (d) => ({
    subject: `${d.brand} — your journey`,
    paragraphs: [`Hello${d.name ? ` ${d.name}` : ''},`, 'Here is the personal link to your journey: it brings you back to where you are, from any device. Do not share it.'],
    action: { label: 'Resume my journey', url: d.url },
  }),
});
