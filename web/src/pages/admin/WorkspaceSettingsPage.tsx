import { Badge, Button, Center, Checkbox, Code, Group, Loader, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Field, SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { identityApi, identityKeys, rolesQuery, type WorkspaceSettings } from '../../identityApi.ts';

/** /app/espace — the workspace's name and security settings. */
export function WorkspaceSettingsPage() {
  const t = useT();
  usePageTitle(t('workspace.heading'));
  const workspace = useQuery({ queryKey: identityKeys.workspace, queryFn: ({ signal }) => identityApi.workspace(signal) });

  return (
    <Stack gap="lg" maw={900}>
      <PageHeader title={t('workspace.heading')} description={t('workspace.intro')} />
      {workspace.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : workspace.isError ? (
        <ErrorAlert error={workspace.error} onRetry={() => workspace.refetch()} />
      ) : (
        // Re-seeded from the server's answer after each save.
        <WorkspaceForm key={JSON.stringify(workspace.data)} workspace={workspace.data} />
      )}
    </Stack>
  );
}

function WorkspaceForm({ workspace }: { workspace: WorkspaceSettings }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const roles = useQuery(rolesQuery);
  const [name, setName] = useState(workspace.name);
  const [mfaRoles, setMfaRoles] = useState<string[]>(workspace.settings.mfaRequiredRoles);
  const [days, setDays] = useState<number | string>(workspace.settings.inactivityDays);
  const [localErrors, setLocalErrors] = useState<{ name?: MessageKey; inactivityDays?: MessageKey }>({});

  const save = useMutation({
    mutationFn: identityApi.updateWorkspace,
    onSuccess: async (updated) => {
      notifications.show({ color: 'teal', message: t('workspace.saved') });
      queryClient.setQueryData(identityKeys.workspace, updated);
      // The name shows in the workspace switcher; MFA rules change what "me" must do.
      await queryClient.invalidateQueries({ queryKey: identityKeys.me });
    },
  });
  const serverErrors = fieldErrorsOf(save.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: typeof localErrors = {};
    const inactivityDays = Number(days);
    if (!name.trim()) errors.name = 'form.required';
    if (!Number.isInteger(inactivityDays) || inactivityDays < 1) errors.inactivityDays = 'workspace.error.days';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate({ name: name.trim(), settings: { mfaRequiredRoles: mfaRoles, inactivityDays } });
  };

  const defaults = roles.data?.mfaRequiredByDefault ?? [];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <SectionCard title={t('workspace.section.general')}>
          <TextInput
            label={t('workspace.field.name')}
            withAsterisk
            maw={480}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setLocalErrors((e) => ({ ...e, name: undefined }));
            }}
            error={localErrors.name ? t(localErrors.name) : errorMessages(serverErrors.name)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Field label={t('workspace.field.slug')}>
              <Code>{workspace.slug}</Code>
            </Field>
            <Field label={t('workspace.field.country')}>
              <Text size="sm">{workspace.country}</Text>
            </Field>
            <Field label={t('workspace.field.currency')}>
              <Text size="sm">{workspace.defaultCurrency}</Text>
            </Field>
          </SimpleGrid>
        </SectionCard>

        <SectionCard title={t('workspace.section.mfa')} description={t('workspace.section.mfa.description')}>
          {roles.isError ? (
            <ErrorAlert error={roles.error} onRetry={() => roles.refetch()} />
          ) : roles.isPending ? (
            <Loader size="sm" />
          ) : (
            <Checkbox.Group value={mfaRoles} onChange={setMfaRoles} error={errorMessages(serverErrors['settings.mfaRequiredRoles'])}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                {roles.data.roles.map((role) => (
                  <Checkbox
                    key={role.role}
                    value={role.role}
                    label={
                      <Group gap={6} wrap="nowrap">
                        <span>{role.label[lang] ?? role.role}</span>
                        {defaults.includes(role.role) && (
                          <Badge size="xs" variant="light" color="gray" tt="none">
                            {t('workspace.mfa.recommended')}
                          </Badge>
                        )}
                      </Group>
                    }
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        </SectionCard>

        <SectionCard title={t('workspace.section.inactivity')} description={t('workspace.section.inactivity.description')}>
          <NumberInput
            label={t('workspace.field.inactivityDays')}
            withAsterisk
            min={1}
            allowDecimal={false}
            allowNegative={false}
            w={220}
            suffix={` ${t('workspace.days')}`}
            value={days}
            onChange={(value) => {
              setDays(value);
              setLocalErrors((e) => ({ ...e, inactivityDays: undefined }));
            }}
            error={localErrors.inactivityDays ? t(localErrors.inactivityDays) : errorMessages(serverErrors['settings.inactivityDays'])}
          />
        </SectionCard>

        {save.isError && <ErrorAlert error={save.error} placed={['name', 'settings']} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
