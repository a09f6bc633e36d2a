import { Alert, Button, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { describeError, isProblem, isUnauthenticated } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { fieldErrorsOf, isPlaced } from './formErrors.tsx';

/**
 * A failed request, explained in words, with the obvious next step.
 * Forms pass `placed`: the body paths they already show under their inputs. Field errors
 * outside those paths are then listed here, so no server message is ever lost.
 */
export function ErrorAlert({
  error,
  title,
  onRetry,
  placed,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  placed?: readonly string[];
}) {
  const t = useT();
  const unauthenticated = isUnauthenticated(error);
  const mustEnrolMfa = isProblem(error, 'mfa-enrollment-required');
  const unplaced = placed
    ? Object.entries(fieldErrorsOf(error))
        .filter(([path]) => !isPlaced(path, placed))
        .flatMap(([, messages]) => messages)
    : [];
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Text size="sm">{describeError(error, t)}</Text>
      {unplaced.map((message) => (
        <Text size="sm" key={message}>
          {message}
        </Text>
      ))}
      {(onRetry || unauthenticated || mustEnrolMfa) && (
        <Group gap="xs" mt="sm">
          {unauthenticated && (
            <Button component={Link} to="/connexion" size="xs" variant="filled" color="red">
              {t('errors.signInAgain')}
            </Button>
          )}
          {mustEnrolMfa && (
            <Button component={Link} to="/app/securite" size="xs" variant="filled" color="red">
              {t('errors.enrolMfa')}
            </Button>
          )}
          {onRetry && !unauthenticated && !mustEnrolMfa && (
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
