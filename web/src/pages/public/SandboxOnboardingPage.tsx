import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { paymentsApi } from '../../paymentsApi.ts';
import { SandboxFrame } from './SandboxCheckoutPage.tsx';

/**
 * /sandbox/onboarding/:accountId — the sandbox's stand-in for Stripe's hosted onboarding of a connected account:
 * one button finishes it (charges and payouts enabled, `account.updated` sent) and goes back to Comptoir.
 */
export function SandboxOnboardingPage({ accountId }: { accountId: string }) {
  const t = useT();
  usePageTitle(t('sandbox.onboarding.title'));
  const complete = useMutation({
    mutationFn: () => paymentsApi.sandboxCompleteOnboarding(accountId),
    onSuccess: (result) => window.location.assign(result.returnUrl),
  });
  return (
    <SandboxFrame>
      <Paper withBorder radius="lg" p="lg" shadow="sm">
        <Stack gap="md">
          <Title order={1} fz="h3">
            {t('sandbox.onboarding.title')}
          </Title>
          <Text size="sm">{t('sandbox.onboarding.body')}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {accountId}
          </Text>
          {complete.isError && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{describeError(complete.error, t)}</Text>
            </Alert>
          )}
          <Button size="md" fullWidth onClick={() => complete.mutate()} loading={complete.isPending}>
            {t('sandbox.onboarding.submit')}
          </Button>
        </Stack>
      </Paper>
    </SandboxFrame>
  );
}
