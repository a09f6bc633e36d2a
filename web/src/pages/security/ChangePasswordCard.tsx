import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { NewPasswordField, PASSWORD_MIN_LENGTH } from '../../components/PasswordField.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { authApi, identityKeys } from '../../identityApi.ts';

type Values = { currentPassword: string; newPassword: string; confirmation: string };
const empty: Values = { currentPassword: '', newPassword: '', confirmation: '' };

export function ChangePasswordCard() {
  const t = useT();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Values, MessageKey>>>({});
  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => {
      setValues(empty);
      notifications.show({ color: 'teal', message: t('security.password.changed') });
      // Changing a password may end the other sessions.
      return queryClient.invalidateQueries({ queryKey: identityKeys.sessions });
    },
  });
  const serverErrors = fieldErrorsOf(change.error);

  const set = (field: keyof Values) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setLocalErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: typeof localErrors = {};
    if (!values.currentPassword) errors.currentPassword = 'password.error.required';
    if (!values.newPassword) errors.newPassword = 'password.error.required';
    else if (values.newPassword.length < PASSWORD_MIN_LENGTH) errors.newPassword = 'password.error.tooShort';
    if (values.newPassword && values.confirmation !== values.newPassword) errors.confirmation = 'password.error.mismatch';
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  };

  const local = (field: keyof Values) => {
    const key = localErrors[field];
    return key ? [t(key, { min: PASSWORD_MIN_LENGTH })] : undefined;
  };

  return (
    <SectionCard title={t('security.password.heading')} description={t('security.password.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          {change.isError && <ErrorAlert error={change.error} placed={['currentPassword', 'newPassword']} />}
          <PasswordInput
            label={t('security.password.current')}
            autoComplete="current-password"
            withAsterisk
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errorMessages(local('currentPassword') ?? serverErrors.currentPassword)}
          />
          <NewPasswordField
            label={t('password.new')}
            value={values.newPassword}
            onChange={set('newPassword')}
            errors={local('newPassword') ?? serverErrors.newPassword}
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            withAsterisk
            value={values.confirmation}
            onChange={set('confirmation')}
            error={errorMessages(local('confirmation'))}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
