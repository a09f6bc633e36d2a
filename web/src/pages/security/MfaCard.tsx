import { Badge, Box, Button, Code, Group, Image, List, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { CopyTextButton, RecoveryCodesModal } from '../../components/SecretReveal.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { authApi, identityKeys, type Me, type MfaEnrollment } from '../../identityApi.ts';

const compact = (code: string) => code.replace(/\s/g, '');

/** "ABCD EFGH …": easier to type into an authenticator app by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function MfaCard({ me }: { me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);
  const refreshMe = () => queryClient.invalidateQueries({ queryKey: identityKeys.me });

  const enabled = me.user.mfaEnabled;
  const few = me.user.recoveryCodesLeft <= 2;

  return (
    <SectionCard
      title={t('mfa.heading')}
      description={t('mfa.intro')}
      actions={
        <Badge variant="light" color={enabled ? 'teal' : me.mfaEnrollmentRequired ? 'orange' : 'gray'} tt="none" size="lg">
          {t(enabled ? 'mfa.status.on' : 'mfa.status.off')}
        </Badge>
      }
    >
      {enabled ? (
        <Stack gap="sm">
          <Text size="sm" c={few ? 'orange.8' : undefined} fw={few ? 600 : undefined}>
            {t('mfa.recoveryLeft', { count: me.user.recoveryCodesLeft })}
          </Text>
          <Group gap="xs">
            <Button variant="light" onClick={() => setDialog('regenerate')}>
              {t('mfa.regenerate')}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setDialog('disable')}>
              {t('mfa.disable')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Enrollment
          onEnrolled={(codes) => {
            setRecoveryCodes(codes);
            void refreshMe();
          }}
        />
      )}

      <PasswordAndCodeModal
        opened={dialog === 'regenerate'}
        onClose={() => setDialog(null)}
        title={t('mfa.regenerate')}
        description={t('mfa.regenerate.intro')}
        confirmLabel={t('mfa.regenerate.submit')}
        submit={(body) => authApi.regenerateRecoveryCodes(body)}
        onDone={(result) => {
          setDialog(null);
          setRecoveryCodes(result.recoveryCodes);
          void refreshMe();
        }}
      />
      <PasswordAndCodeModal
        opened={dialog === 'disable'}
        onClose={() => setDialog(null)}
        title={t('mfa.disable')}
        description={t('mfa.disable.intro')}
        confirmLabel={t('mfa.disable.submit')}
        color="red"
        submit={(body) => authApi.disableMfa(body)}
        onDone={() => {
          setDialog(null);
          notifications.show({ color: 'teal', message: t('mfa.disabled') });
          void refreshMe();
        }}
      />
      <RecoveryCodesModal codes={recoveryCodes} account={me.user.email} onClose={() => setRecoveryCodes(null)} />
    </SectionCard>
  );
}

/** Scan the QR code (or type the secret), then prove it works with a first code. */
function Enrollment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const t = useT();
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null);
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<MessageKey | undefined>();

  const start = useMutation({ mutationFn: authApi.startMfaEnrollment, onSuccess: setEnrollment });
  const confirm = useMutation({
    mutationFn: authApi.confirmMfaEnrollment,
    onSuccess: (result) => {
      setEnrollment(null);
      setCode('');
      notifications.show({ color: 'teal', message: t('mfa.enabled') });
      onEnrolled(result.recoveryCodes);
    },
  });

  if (!enrollment) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('mfa.enrol.pitch')}</Text>
        {start.isError && <ErrorAlert error={start.error} />}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('mfa.enrol.start')}
        </Button>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = compact(code);
    const error: MessageKey | undefined = /^\d{6}$/.test(value) ? undefined : 'signIn.error.totpInvalid';
    setLocalError(error);
    if (!error) confirm.mutate(value);
  };

  return (
    <Stack gap="md">
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>{t('mfa.enrol.step1')}</List.Item>
        <List.Item>{t('mfa.enrol.step2')}</List.Item>
        <List.Item>{t('mfa.enrol.step3')}</List.Item>
      </List>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Box p={8} bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}>
          <Image src={enrollment.qrCodeDataUrl} w={192} h={192} fit="contain" alt={t('mfa.enrol.qrAlt')} />
        </Box>
        <Stack gap="xs" style={{ flex: 1, minWidth: 240 }}>
          <Text size="sm" fw={600}>
            {t('mfa.enrol.manual')}
          </Text>
          <Code block fz="sm" style={{ wordBreak: 'break-all', letterSpacing: '0.05em' }}>
            {groupSecret(enrollment.secret)}
          </Code>
          <Group gap="xs">
            <CopyTextButton value={enrollment.secret} />
          </Group>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" mt="sm">
              {confirm.isError && <ErrorAlert error={confirm.error} placed={['code']} />}
              <TextInput
                label={t('mfa.enrol.code')}
                description={t('mfa.enrol.code.description')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                withAsterisk
                w={220}
                value={code}
                onChange={(event) => {
                  setCode(event.currentTarget.value);
                  setLocalError(undefined);
                }}
                error={localError ? t(localError) : errorMessages(fieldErrorsOf(confirm.error).code)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.15em' } }}
              />
              <Group gap="xs">
                <Button type="submit" loading={confirm.isPending}>
                  {t('mfa.enrol.confirm')}
                </Button>
                <Button variant="subtle" color="gray" onClick={() => setEnrollment(null)} disabled={confirm.isPending}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Group>
    </Stack>
  );
}

/** Sensitive MFA changes ask for the password and a current code (or a recovery code). */
function PasswordAndCodeModal<T>({
  opened,
  onClose,
  title,
  description,
  confirmLabel,
  color,
  submit,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  description: string;
  confirmLabel: string;
  color?: string;
  submit: (body: { password: string; code: string }) => Promise<T>;
  onDone: (result: T) => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [localErrors, setLocalErrors] = useState<{ password?: MessageKey; code?: MessageKey }>({});
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      reset();
      onDone(result);
    },
  });
  const serverErrors = fieldErrorsOf(mutation.error);

  function reset() {
    setPassword('');
    setCode('');
    setLocalErrors({});
    mutation.reset();
  }

  const close = () => {
    reset();
    onClose();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: typeof localErrors = {};
    if (!password) errors.password = 'password.error.required';
    if (!compact(code)) errors.code = 'signIn.error.totpRequired';
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) mutation.mutate({ password, code: compact(code) });
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{title}</Text>} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{description}</Text>
          {mutation.isError && <ErrorAlert error={mutation.error} placed={['password', 'code']} />}
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            withAsterisk
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setLocalErrors((e) => ({ ...e, password: undefined }));
            }}
            error={localErrors.password ? t(localErrors.password) : errorMessages(serverErrors.password)}
            data-autofocus
          />
          <TextInput
            label={t('mfa.code')}
            description={t('mfa.code.description')}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={40}
            withAsterisk
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setLocalErrors((e) => ({ ...e, code: undefined }));
            }}
            error={localErrors.code ? t(localErrors.code) : errorMessages(serverErrors.code)}
          />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={mutation.isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

