export type Language = 'fr' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContent {
  subject: string;
  /** Paragraphs of plain text; the HTML version is derived from them, escaped. */
  paragraphs: string[];
  action?: { label: string; url: string };
}

/** A template is written once per language; French is required, English expected. */
export interface MailTemplate<D> {
  name: string;
  fr: (data: D) => MailContent;
  en: (data: D) => MailContent;
}

export function defineMailTemplate<D>(template: MailTemplate<D>): MailTemplate<D> {
  return template;
}

export function renderMail<D>(template: MailTemplate<D>, language: Language, data: D): RenderedMail {
  const content = template[language](data);
  const text = [...content.paragraphs, ...(content.action ? [`${content.action.label} : ${content.action.url}`] : [])]
    .join('\n\n')
    .concat('\n\n— Comptoir\n');
  return { subject: content.subject, text, html: htmlLayout(content, language) };
}

function htmlLayout(content: MailContent, language: Language): string {
  const paragraphs = content.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('');
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0b5c6b;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
    : '';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1c2733;background:#f4f6f8;padding:24px">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">${paragraphs}${action}
<p style="margin:32px 0 0;color:#6b7785;font-size:12px">Comptoir</p></div></body></html>`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The platform's own template: proves the mail path end to end (`comptoir mail:test`). */
export const testMessageTemplate = defineMailTemplate<{ recipientName?: string; sentAt: string }>({
  name: 'platform.test-message',
  fr: (data) => ({
    subject: 'Message de test Comptoir',
    paragraphs: [
      `Bonjour${data.recipientName ? ` ${data.recipientName}` : ''},`,
      `Ce message confirme que l'envoi d'e-mails de Comptoir fonctionne (envoyé le ${data.sentAt}).`,
    ],
  }),
  en: (data) => ({
    subject: 'Comptoir test message',
    paragraphs: [
      `Hello${data.recipientName ? ` ${data.recipientName}` : ''},`,
      `This message confirms that Comptoir can send email (sent on ${data.sentAt}).`,
    ],
  }),
});
