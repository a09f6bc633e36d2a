import { Alert, Button, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { SetPasswordForm } from './SetPasswordForm.tsx';
import { useTokenParam } from './useTokenParam.ts';

/** The texts of one emailed-link page: `<prefix>.title`, `.heading`, `.intro`, `.missingToken`, `.done.*`, `.submit`. */
type Prefix = 'reset' | 'invitation';

/**
 * A page opened from an emailed link carrying `?token=…` where the person chooses a
 * password: the password reset and the invitation differ only by their texts, the
 * call they make and the links under the form.
 */
export function TokenPasswordPage({
  prefix,
  submit,
  links,
}: {
  prefix: Prefix;
  submit: (token: string, password: string) => Promise<void>;
  links: ReactNode;
}) {
  const t = useT();
  usePageTitle(t(`${prefix}.title`));
  const token = useTokenParam();
  const [done, setDone] = useState(false);

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light" title={t('token.missing.title')}>
        <Text size="sm">{t(`${prefix}.missingToken`)}</Text>
      </Alert>
    );
  } else if (done) {
    body = (
      <Stack gap="md">
        <Alert color="teal" variant="light" title={t(`${prefix}.done.title`)} role="status">
          <Text size="sm">{t(`${prefix}.done.body`)}</Text>
        </Alert>
        <Button component={Link} to="/connexion" fullWidth size="md">
          {t('common.goToSignIn')}
        </Button>
      </Stack>
    );
  } else {
    body = <SetPasswordForm submit={(password) => submit(token, password)} submitLabel={t(`${prefix}.submit`)} onDone={() => setDone(true)} />;
  }

  return (
    <PublicCard heading={t(`${prefix}.heading`)} description={done ? undefined : t(`${prefix}.intro`)}>
      {body}
      {!done && links}
    </PublicCard>
  );
}
