import { EmptyState, Paper } from '@mantine/core';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';

function HourglassIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 3h12M6 21h12M7 3v3a5 5 0 0 0 10 0V3M7 21v-3a5 5 0 0 1 10 0v3" />
    </svg>
  );
}

/** Placeholder for modules that have no screen yet. Deliberately shows no sample data. */
export function ComingSoonPage({ label }: { label: MessageKey }) {
  const t = useT();
  const moduleName = t(label);
  usePageTitle(moduleName);
  return (
    <Paper withBorder radius="lg" py={72} px="lg">
      <EmptyState
        variant="light"
        size="lg"
        icon={<HourglassIcon />}
        title={t('comingSoon.title')}
        description={t('comingSoon.description', { module: moduleName })}
      />
    </Paper>
  );
}
