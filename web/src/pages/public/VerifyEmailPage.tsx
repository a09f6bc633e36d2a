import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi, identityKeys } from '../../identityApi.ts';
import { useTokenParam } from './useTokenParam.ts';

/**
 * /verifier-email?token=… — verifies as soon as the page opens. The request goes
 * through a query keyed by the token so it runs exactly once, even when React
 * mounts the page twice in development: a token only works once.
 */
export function VerifyEmailPage() {
  const t = useT();
  usePageTitle(t('verify.title'));
  const queryClient = useQueryClient();
  const token = useTokenParam();
  const verify = useQuery({
    queryKey: ['auth', 'verify-email', token],
    queryFn: () => authApi.verifyEmail(token).then(() => true),
    enabled: token !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  // If the person is signed in in this browser, "Ma sécurité" must stop asking.
  useEffect(() => {
    if (verify.isSuccess) void queryClient.invalidateQueries({ queryKey: identityKeys.me });
  }, [verify.isSuccess, queryClient]);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light" title={t('token.missing.title')}>
        <Text size="sm">{t('verify.missingToken')}</Text>
      </Alert>
    );
  } else if (verify.isPending) {
    body = (
      <Center py="lg">
        <Stack align="center" gap="xs">
          <Loader />
          <Text size="sm" c="dimmed">
            {t('verify.pending')}
          </Text>
        </Stack>
      </Center>
    );
  } else if (verify.isError) {
    body = (
      <Alert color="red" variant="light" title={t('verify.failed')} role="alert">
        <Text size="sm">{describeError(verify.error, t)}</Text>
        <Text size="sm" mt="xs">
          {t('verify.failed.hint')}
        </Text>
      </Alert>
    );
  } else {
    body = (
      <Alert color="teal" variant="light" title={t('verify.done.title')} role="status">
        <Text size="sm">{t('verify.done.body')}</Text>
      </Alert>
    );
  }

  return (
    <PublicCard heading={t('verify.heading')}>
      {body}
      <Stack gap="xs">
        <Button component={Link} to="/app" fullWidth variant={verify.isSuccess ? 'filled' : 'light'}>
          {t('verify.toApp')}
        </Button>
      </Stack>
    </PublicCard>
  );
}
