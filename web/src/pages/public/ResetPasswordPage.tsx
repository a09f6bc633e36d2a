import { Anchor, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi } from '../../identityApi.ts';
import { TokenPasswordPage } from './TokenPasswordPage.tsx';

/** /reinitialiser?token=… — opened from the "forgotten password" email. */
export function ResetPasswordPage() {
  const t = useT();
  return (
    <TokenPasswordPage
      prefix="reset"
      submit={(token, password) => authApi.resetPassword({ token, password })}
      links={
        <Stack gap={4} align="center">
          <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
            {t('reset.newLink')}
          </Anchor>
          <Anchor component={Link} to="/connexion" size="sm" c="dimmed">
            {t('common.backToSignIn')}
          </Anchor>
        </Stack>
      }
    />
  );
}
