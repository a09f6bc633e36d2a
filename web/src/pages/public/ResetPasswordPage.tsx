import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi } from '../../identityApi.ts';
import { SetPasswordForm } from './SetPasswordForm.tsx';
import { useTokenParam } from './useTokenParam.ts';

/** /reinitialiser?token=… — opened from the "forgotten password" email. */
export function ResetPasswordPage() {
  const t = useT();
  usePageTitle(t('reset.title'));
  const token = useTokenParam();
  const [done, setDone] = useState(false);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light" title={t('token.missing.title')}>
        <Text size="sm">{t('reset.missingToken')}</Text>
      </Alert>
    );
  } else if (done) {
    body = (
      <Stack gap="md">
        <Alert color="teal" variant="light" title={t('reset.done.title')} role="status">
          <Text size="sm">{t('reset.done.body')}</Text>
        </Alert>
        <Button component={Link} to="/connexion" fullWidth size="md">
          {t('common.goToSignIn')}
        </Button>
      </Stack>
    );
  } else {
    body = (
      <SetPasswordForm
        submit={(password) => authApi.resetPassword({ token, password })}
        submitLabel={t('reset.submit')}
        onDone={() => setDone(true)}
      />
    );
  }

  return (
    <PublicCard heading={t('reset.heading')} description={done ? undefined : t('reset.intro')}>
      {body}
      {!done && (
        <Stack gap={4} align="center">
          <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
            {t('reset.newLink')}
          </Anchor>
          <Anchor component={Link} to="/connexion" size="sm" c="dimmed">
            {t('common.backToSignIn')}
          </Anchor>
        </Stack>
      )}
    </PublicCard>
  );
}
