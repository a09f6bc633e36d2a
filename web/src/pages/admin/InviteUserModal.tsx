import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { LANGS, type Lang } from '../../i18n/lang.ts';
import { identityApi, identityKeys } from '../../identityApi.ts';
import { CompanyMultiSelect, RoleSelect } from './pickers.tsx';

type Values = { email: string; displayName: string; role: string | null; companyIds: string[]; language: Lang };
type Field = 'email' | 'displayName' | 'role';

export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const initial: Values = { email: '', displayName: '', role: null, companyIds: [], language: lang };
  const [values, setValues] = useState<Values>(initial);
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, MessageKey>>>({});

  const invite = useMutation({
    mutationFn: identityApi.invite,
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('users.invite.sent', { email: values.email.trim() }) });
      close();
      await queryClient.invalidateQueries({ queryKey: identityKeys.users });
    },
  });
  const serverErrors = fieldErrorsOf(invite.error);
  const error = (field: Field | 'companyIds' | 'language') => {
    const key = field in localErrors ? localErrors[field as Field] : undefined;
    return key ? t(key) : errorMessages(serverErrors[field]);
  };

  function close() {
    setValues(initial);
    setLocalErrors({});
    invite.reset();
    onClose();
  }

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setLocalErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Partial<Record<Field, MessageKey>> = {};
    const email = values.email.trim();
    if (!email) errors.email = 'signIn.error.emailRequired';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'signIn.error.emailInvalid';
    if (!values.displayName.trim()) errors.displayName = 'form.required';
    if (!values.role) errors.role = 'form.required';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || !values.role) return;
    invite.mutate({
      email,
      displayName: values.displayName.trim(),
      role: values.role,
      companyIds: values.companyIds,
      language: values.language,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('users.invite.title')}</Text>} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('users.invite.intro')}
          </Text>
          {invite.isError && <ErrorAlert error={invite.error} placed={['email', 'displayName', 'role', 'companyIds', 'language']} />}
          <TextInput
            label={t('users.field.email')}
            type="email"
            withAsterisk
            value={values.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={error('email')}
            data-autofocus
          />
          <TextInput
            label={t('users.field.displayName')}
            withAsterisk
            value={values.displayName}
            onChange={(event) => set('displayName', event.currentTarget.value)}
            error={error('displayName')}
          />
          <RoleSelect withAsterisk value={values.role} onChange={(role) => set('role', role)} error={error('role')} comboboxProps={{ withinPortal: true }} />
          <CompanyMultiSelect value={values.companyIds} onChange={(ids) => set('companyIds', ids)} error={error('companyIds')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('users.field.language')}
            </Text>
            <SegmentedControl
              aria-label={t('users.field.language')}
              value={values.language}
              onChange={(value) => set('language', value as Lang)}
              data={LANGS.map((value) => ({ value, label: t(`lang.${value}.full`) }))}
              w="fit-content"
            />
          </Stack>
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={close} disabled={invite.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('users.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
