import { Alert, Button, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { describeError, isUnauthenticated } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** A failed request, explained in words, with the obvious next step. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const t = useT();
  const unauthenticated = isUnauthenticated(error);
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Text size="sm">{describeError(error, t)}</Text>
      {(onRetry || unauthenticated) && (
        <Group gap="xs" mt="sm">
          {unauthenticated && (
            <Button component={Link} to="/connexion" size="xs" variant="filled" color="red">
              {t('errors.signInAgain')}
            </Button>
          )}
          {onRetry && !unauthenticated && (
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
