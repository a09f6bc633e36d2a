// Language state that lives outside React, so non-React code (the API client's
// Accept-Language header) sees the same choice as the UI.
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

const STORAGE_KEY = 'comptoir.lang';

function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** French unless the user explicitly picked another language before. */
export function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : 'fr';
  } catch {
    // Storage can throw (privacy modes, sandboxed frames): fall back to the default.
    return 'fr';
  }
}

let current: Lang = readStoredLang();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the choice still applies to this tab.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
