import { Alert, Button, Text } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider.tsx';

/** Said where a version in force and published cannot change: only a new version changes it. */
export function ReadOnlyVersionNotice({ onGoToHistory }: { onGoToHistory: () => void }) {
  const t = useT();
  return (
    <Alert variant="light" color="blue" title={t('product.readOnly.title')}>
      <Text size="sm">{t('product.readOnly.body')}</Text>
      <Button size="xs" variant="default" mt="sm" onClick={onGoToHistory}>
        {t('product.readOnly.goToHistory')}
      </Button>
    </Alert>
  );
}
