import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useLang, useT } from '../i18n/I18nProvider.tsx';
import { LANGS, type Lang } from '../i18n/lang.ts';

export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      data={LANGS.map((value) => ({
        value,
        // Short code visually, full language name for assistive technology.
        label: (
          <>
            <span aria-hidden="true">{t(`lang.${value}`)}</span>
            <VisuallyHidden>{t(`lang.${value}.full`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
