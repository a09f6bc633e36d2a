import { Anchor, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi } from '../../identityApi.ts';
import { TokenPasswordPage } from './TokenPasswordPage.tsx';

/** /invitation?token=… — the invited person chooses a password, then signs in. */
export function InvitationPage() {
  const t = useT();
  return (
    <TokenPasswordPage
      prefix="invitation"
      submit={(token, password) => authApi.acceptInvitation({ token, password })}
      links={
        <Stack align="center">
          <Anchor component={Link} to="/connexion" size="sm" c="dimmed">
            {t('invitation.haveAccount')}
          </Anchor>
        </Stack>
      }
    />
  );
}
