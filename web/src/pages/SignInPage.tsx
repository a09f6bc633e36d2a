import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, fieldErrorsByName } from '../api.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { describeError } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { type LoginRequest, platformApi } from '../platformApi.ts';

type Field = 'email' | 'password' | 'totp' | 'workspace';
type Values = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['email', 'password', 'totp', 'workspace'];

// Client-side checks only catch obvious slips; the server stays the authority.
function validate(values: Values): Partial<Record<Field, MessageKey>> {
  const errors: Partial<Record<Field, MessageKey>> = {};
  if (!values.email.trim()) errors.email = 'signIn.error.emailRequired';
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = 'signIn.error.emailInvalid';
  if (!values.password) errors.password = 'signIn.error.passwordRequired';
  if (values.totp.trim() && !/^\d{6,8}$/.test(values.totp.replace(/\s/g, ''))) errors.totp = 'signIn.error.totpInvalid';
  return errors;
}

function toRequest(values: Values): LoginRequest {
  const request: LoginRequest = { email: values.email.trim(), password: values.password };
  const totp = values.totp.replace(/\s/g, '');
  const workspace = values.workspace.trim();
  if (totp) request.totp = totp;
  if (workspace) request.workspace = workspace;
  return request;
}

export function SignInPage() {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({ email: '', password: '', totp: '', workspace: '' });
  // Local checks are stored as keys so they follow a language switch; server messages are kept verbatim.
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const login = useMutation({
    mutationFn: platformApi.login,
    onSuccess: async () => {
      // Anything cached before signing in (401s, another account's data) is stale now.
      queryClient.clear();
      await navigate({ to: '/app' });
    },
    onError: (error) => {
      setServerErrors(error instanceof ApiError ? fieldErrorsByName(error.errors) : {});
    },
  });

  // Field errors the form cannot place under an input are listed in the alert instead.
  const unplacedServerErrors = Object.entries(serverErrors)
    .filter(([name]) => !FIELDS.includes(name as Field))
    .map(([, message]) => message);

  const fieldError = (field: Field) => {
    const key = localErrors[field];
    return key ? t(key) : serverErrors[field];
  };

  const update = (field: Field) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setLocalErrors((e) => ({ ...e, [field]: undefined }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate(values);
    setLocalErrors(errors);
    setServerErrors({});
    if (Object.keys(errors).length === 0) login.mutate(toRequest(values));
  };

  return (
    <Box
      mih="100vh"
      style={{
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, var(--mantine-color-petrole-1) 0%, var(--mantine-color-gray-0) 60%)',
      }}
    >
      <Center style={{ flex: 1 }} px="md" py="xl">
        <Paper withBorder shadow="md" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={430}>
          <Stack gap="lg">
            <Stack gap="md">
              <Group justify="space-between" align="center" wrap="nowrap">
                <BrandMark size="lg" />
                <LanguageSwitch />
              </Group>
              <div>
                <Title order={1} fz="h3">
                  {t('signIn.heading')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('app.tagline')}
                </Text>
              </div>
            </Stack>

            {login.isError && (
              <Alert color="red" variant="light" title={t('signIn.failed')} role="alert">
                <Text size="sm">{describeError(login.error, t)}</Text>
                {unplacedServerErrors.map((message) => (
                  <Text size="sm" key={message}>
                    {message}
                  </Text>
                ))}
              </Alert>
            )}

            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <TextInput
                  label={t('signIn.email')}
                  placeholder={t('signIn.email.placeholder')}
                  type="email"
                  autoComplete="username"
                  withAsterisk
                  value={values.email}
                  onChange={update('email')}
                  error={fieldError('email')}
                  autoFocus
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  withAsterisk
                  value={values.password}
                  onChange={update('password')}
                  error={fieldError('password')}
                />
                <TextInput
                  label={t('signIn.totp')}
                  description={t('signIn.totp.description')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={10}
                  value={values.totp}
                  onChange={update('totp')}
                  error={fieldError('totp')}
                />
                <TextInput
                  label={t('signIn.workspace')}
                  description={t('signIn.workspace.description')}
                  autoComplete="organization"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={values.workspace}
                  onChange={update('workspace')}
                  error={fieldError('workspace')}
                />
                <Button type="submit" fullWidth mt="sm" size="md" loading={login.isPending}>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
