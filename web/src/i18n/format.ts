import type { Lang } from './lang.ts';

// Locale per UI language. en-GB rather than en-US: users are in France and
// Switzerland and expect day-first dates even in English.
const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang]).format(value);
}
