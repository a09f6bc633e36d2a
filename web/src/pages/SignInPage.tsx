import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { errorMessages, fieldErrorsOf } from '../components/formErrors.tsx';
import { PublicCard } from '../components/PublicCard.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { describeError, isProblem } from '../errors.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { authApi, type LoginRequest } from '../identityApi.ts';

type Field = 'email' | 'password' | 'workspace' | 'totp';
type Values = Record<Exclude<Field, 'totp'>, string>;
type Step = 'credentials' | 'second-factor';
type CodeMode = 'totp' | 'recovery';
const FIELDS: readonly string[] = ['email', 'password', 'workspace', 'totp'];

// Client-side checks only catch obvious slips; the server stays the authority.
function validateCredentials(values: Values): Partial<Record<Field, MessageKey>> {
  const errors: Partial<Record<Field, MessageKey>> = {};
  if (!values.email.trim()) errors.email = 'signIn.error.emailRequired';
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = 'signIn.error.emailInvalid';
  if (!values.password) errors.password = 'signIn.error.passwordRequired';
  return errors;
}

function validateCode(code: string, mode: CodeMode): MessageKey | undefined {
  const compact = code.replace(/\s/g, '');
  if (!compact) return mode === 'totp' ? 'signIn.error.totpRequired' : 'signIn.error.recoveryRequired';
  if (mode === 'totp' && !/^\d{6}$/.test(compact)) return 'signIn.error.totpInvalid';
  return undefined;
}

function toRequest(values: Values, code?: string): LoginRequest {
  const request: LoginRequest = { email: values.email.trim(), password: values.password };
  const workspace = values.workspace.trim();
  if (workspace) request.workspace = workspace;
  if (code) request.totp = code.replace(/\s/g, '');
  return request;
}

export function SignInPage() {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { redirect } = useSearch({ from: '/connexion' });
  const [values, setValues] = useState<Values>({ email: '', password: '', workspace: '' });
  const [step, setStep] = useState<Step>('credentials');
  const [code, setCode] = useState('');
  const [codeMode, setCodeMode] = useState<CodeMode>('totp');
  // Local checks are stored as keys so they follow a language switch; server messages are kept verbatim.
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: async (session) => {
      // Anything cached before signing in (401s, another account's data) is stale now.
      queryClient.clear();
      await navigate({ to: session.mfaEnrollmentRequired ? '/app/securite' : (redirect ?? '/app') });
    },
    onError: (error) => {
      if (isProblem(error, 'mfa-required')) {
        // Right email and password, and the account has two-factor authentication:
        // ask for the code, then send everything again.
        setStep('second-factor');
        setServerErrors({});
        return;
      }
      setServerErrors(fieldErrorsOf(error));
    },
  });

  // Field errors the form cannot place under an input are listed in the alert instead.
  const unplacedServerErrors = Object.entries(serverErrors)
    .filter(([name]) => !FIELDS.includes(name))
    .flatMap(([, messages]) => messages);

  const fieldError = (field: Field) => {
    const key = localErrors[field];
    return key ? t(key) : errorMessages(serverErrors[field]);
  };

  const clearErrors = (field: Field) => {
    setLocalErrors((e) => ({ ...e, [field]: undefined }));
    setServerErrors((e) => ({ ...e, [field]: [] }));
  };

  const update = (field: keyof Values) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    clearErrors(field);
  };

  const submitCredentials = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validateCredentials(values);
    setLocalErrors(errors);
    setServerErrors({});
    if (Object.keys(errors).length === 0) login.mutate(toRequest(values));
  };

  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const error = validateCode(code, codeMode);
    setLocalErrors(error ? { totp: error } : {});
    setServerErrors({});
    if (!error) login.mutate(toRequest(values, code));
  };

  const switchCodeMode = () => {
    setCodeMode((mode) => (mode === 'totp' ? 'recovery' : 'totp'));
    setCode('');
    clearErrors('totp');
    login.reset();
  };

  const backToCredentials = () => {
    setStep('credentials');
    setCode('');
    setCodeMode('totp');
    setLocalErrors({});
    setServerErrors({});
    login.reset();
  };

  // "Code required" is the expected answer that opens the second step, not a failure.
  const failure = login.isError && !isProblem(login.error, 'mfa-required') && (
    <Alert color="red" variant="light" title={t('signIn.failed')} role="alert">
      <Text size="sm">{describeError(login.error, t)}</Text>
      {unplacedServerErrors.map((message) => (
        <Text size="sm" key={message}>
          {message}
        </Text>
      ))}
    </Alert>
  );

  if (step === 'second-factor') {
    return (
      <PublicCard heading={t('signIn.mfa.heading')} description={t(codeMode === 'totp' ? 'signIn.mfa.totpIntro' : 'signIn.mfa.recoveryIntro')}>
        {failure}
        <form onSubmit={submitCode} noValidate>
          <Stack gap="sm">
            <TextInput
              key={codeMode}
              label={t(codeMode === 'totp' ? 'signIn.mfa.totp' : 'signIn.mfa.recovery')}
              inputMode={codeMode === 'totp' ? 'numeric' : 'text'}
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={codeMode === 'totp' ? 7 : 40}
              withAsterisk
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                clearErrors('totp');
              }}
              error={fieldError('totp')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
              autoFocus
            />
            <Anchor component="button" type="button" size="sm" onClick={switchCodeMode} ta="left">
              {t(codeMode === 'totp' ? 'signIn.mfa.useRecovery' : 'signIn.mfa.useTotp')}
            </Anchor>
            <Button type="submit" fullWidth mt="sm" size="md" loading={login.isPending}>
              {t('signIn.mfa.submit')}
            </Button>
            <Anchor component="button" type="button" size="sm" c="dimmed" onClick={backToCredentials}>
              {t('signIn.mfa.back', { email: values.email.trim() })}
            </Anchor>
          </Stack>
        </form>
      </PublicCard>
    );
  }

  return (
    <PublicCard heading={t('signIn.heading')} description={t('app.tagline')}>
      {failure}
      <form onSubmit={submitCredentials} noValidate>
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
          <Stack gap={4}>
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              withAsterisk
              value={values.password}
              onChange={update('password')}
              error={fieldError('password')}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to="/mot-de-passe-oublie" size="sm">
                {t('signIn.forgot')}
              </Anchor>
            </Group>
          </Stack>
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
    </PublicCard>
  );
}
