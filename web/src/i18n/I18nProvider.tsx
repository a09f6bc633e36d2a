import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.ts';
import { type Dictionary, fr, type MessageKey } from './fr.ts';
import { getLang, type Lang, setLang as persistLang } from './lang.ts';

const dictionaries: Record<Lang, Dictionary> = { fr, en };

/** For keys built at run time (e.g. `perm.${permission}`): true when the dictionaries know it. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(getLang);

  // Keep <html lang> right for screen readers, hyphenation and the browser's own UI.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    persistLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const dictionary = dictionaries[lang];
    return { lang, setLang, t: (key, params) => format(dictionary[key], params) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT/useLang must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter (persists to localStorage). */
export function useLang(): Pick<I18nValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
