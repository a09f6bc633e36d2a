import { Button, EmptyState, Paper } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/I18nProvider.tsx';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <Paper withBorder radius="lg" py={72} px="lg">
      <EmptyState title={t('notFound.title')} description={t('notFound.description')} size="lg">
        <EmptyState.Actions>
          <Button component={Link} to="/app" variant="light">
            {t('notFound.back')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
