import { useEffect } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';

/** Sets document.title to "<page> — Comptoir" in the current language. */
export function usePageTitle(page: string): void {
  const t = useT();
  const suffix = t('title.suffix');
  useEffect(() => {
    document.title = `${page} — ${suffix}`;
  }, [page, suffix]);
}
