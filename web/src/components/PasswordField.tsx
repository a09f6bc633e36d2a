import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useT } from '../i18n/I18nProvider.tsx';
import { errorMessages } from './formErrors.tsx';

export const PASSWORD_MIN_LENGTH = 12;

/**
 * A new password: states the minimum length up front and lists every policy rule the
 * server says it breaks (length, common password, contains the email…), one per line.
 */
export function NewPasswordField({ errors, ...props }: Omit<PasswordInputProps, 'error'> & { errors?: readonly (string | undefined)[] }) {
  const t = useT();
  return (
    <PasswordInput
      autoComplete="new-password"
      withAsterisk
      description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
      error={errorMessages(errors)}
      {...props}
    />
  );
}
