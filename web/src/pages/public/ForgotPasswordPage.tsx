import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { authApi } from '../../identityApi.ts';

/**
 * /mot-de-passe-oublie. The answer is the same whether or not the address has an
 * account, so the page cannot be used to find out who is a customer.
 */
export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const [localError, setLocalError] = useState<MessageKey | undefined>();
  const forgot = useMutation({ mutationFn: authApi.forgotPassword });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = email.trim();
    const error: MessageKey | undefined = !value
      ? 'signIn.error.emailRequired'
      : !/^[^\s@]+@[^\s@]+$/.test(value)
        ? 'signIn.error.emailInvalid'
        : undefined;
    setLocalError(error);
    if (!error) forgot.mutate(value);
  };

  return (
    <PublicCard heading={t('forgot.heading')} description={forgot.isSuccess ? undefined : t('forgot.intro')}>
      {forgot.isSuccess ? (
        <Alert color="teal" variant="light" title={t('forgot.sent.title')} role="status">
          <Text size="sm">{t('forgot.sent.body')}</Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {forgot.isError && <ErrorAlert error={forgot.error} placed={['email']} />}
            <TextInput
              label={t('signIn.email')}
              placeholder={t('signIn.email.placeholder')}
              type="email"
              autoComplete="username"
              withAsterisk
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                setLocalError(undefined);
              }}
              error={localError ? t(localError) : errorMessages(fieldErrorsOf(forgot.error).email)}
              autoFocus
            />
            <Button type="submit" fullWidth mt="sm" size="md" loading={forgot.isPending}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Stack align="center">
        <Anchor component={Link} to="/connexion" size="sm">
          {t('common.backToSignIn')}
        </Anchor>
      </Stack>
    </PublicCard>
  );
}
