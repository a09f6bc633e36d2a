import { Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { NewPasswordField, PASSWORD_MIN_LENGTH } from '../../components/PasswordField.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';

/** Choose a password twice, for a reset link or an invitation. The server's policy errors land under the field. */
export function SetPasswordForm({
  submit,
  submitLabel,
  onDone,
}: {
  submit: (password: string) => Promise<void>;
  submitLabel: string;
  onDone: () => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<{ password?: MessageKey; confirmation?: MessageKey }>({});
  const mutation = useMutation({ mutationFn: submit, onSuccess: onDone });
  const serverErrors = fieldErrorsOf(mutation.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: typeof localErrors = {};
    if (!password) errors.password = 'password.error.required';
    else if (password.length < PASSWORD_MIN_LENGTH) errors.password = 'password.error.tooShort';
    if (password && confirmation !== password) errors.confirmation = 'password.error.mismatch';
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) mutation.mutate(password);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {mutation.isError && <ErrorAlert error={mutation.error} placed={['password']} />}
        <NewPasswordField
          label={t('password.new')}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setLocalErrors((e) => ({ ...e, password: undefined }));
          }}
          errors={localErrors.password ? [t(localErrors.password, { min: PASSWORD_MIN_LENGTH })] : serverErrors.password}
          autoFocus
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          withAsterisk
          value={confirmation}
          onChange={(event) => {
            setConfirmation(event.currentTarget.value);
            setLocalErrors((e) => ({ ...e, confirmation: undefined }));
          }}
          error={errorMessages(localErrors.confirmation ? [t(localErrors.confirmation)] : undefined)}
        />
        <Button type="submit" fullWidth mt="sm" size="md" loading={mutation.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
