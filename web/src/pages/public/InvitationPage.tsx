import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi } from '../../identityApi.ts';
import { SetPasswordForm } from './SetPasswordForm.tsx';
import { useTokenParam } from './useTokenParam.ts';

/** /invitation?token=… — the invited person chooses a password, then signs in. */
export function InvitationPage() {
  const t = useT();
  usePageTitle(t('invitation.title'));
  const token = useTokenParam();
  const [done, setDone] = useState(false);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light" title={t('token.missing.title')}>
        <Text size="sm">{t('invitation.missingToken')}</Text>
      </Alert>
    );
  } else if (done) {
    body = (
      <Stack gap="md">
        <Alert color="teal" variant="light" title={t('invitation.done.title')} role="status">
          <Text size="sm">{t('invitation.done.body')}</Text>
        </Alert>
        <Button component={Link} to="/connexion" fullWidth size="md">
          {t('common.goToSignIn')}
        </Button>
      </Stack>
    );
  } else {
    body = (
      <SetPasswordForm
        submit={(password) => authApi.acceptInvitation({ token, password })}
        submitLabel={t('invitation.submit')}
        onDone={() => setDone(true)}
      />
    );
  }

  return (
    <PublicCard heading={t('invitation.heading')} description={done ? undefined : t('invitation.intro')}>
      {body}
      {!done && (
        <Stack align="center">
          <Anchor component={Link} to="/connexion" size="sm" c="dimmed">
            {t('invitation.haveAccount')}
          </Anchor>
        </Stack>
      )}
    </PublicCard>
  );
}
