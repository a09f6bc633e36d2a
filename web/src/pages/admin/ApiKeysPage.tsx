import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePermissionLabel } from '../../components/permissionLabel.ts';
import { SecretOnceModal } from '../../components/SecretReveal.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { type ApiKey, type ApiKeyCreated, companiesQuery, identityApi, identityKeys, rolesQuery } from '../../identityApi.ts';
import { companyName, useCompanyNames } from '../../session.ts';

const DAY = 86_400_000;

function keyStatus(key: ApiKey, now: number): { label: MessageKey; color: string } {
  if (key.revokedAt) return { label: 'apiKeys.status.revoked', color: 'gray' };
  const expires = new Date(key.expiresAt).getTime();
  if (expires <= now) return { label: 'apiKeys.status.expired', color: 'red' };
  if (expires - now < 14 * DAY) return { label: 'apiKeys.status.expiresSoon', color: 'orange' };
  return { label: 'apiKeys.status.active', color: 'teal' };
}

/** /app/cles-api — integration keys: one company, some scopes, an expiry; the secret is shown once. */
export function ApiKeysPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('apiKeys.heading'));
  const queryClient = useQueryClient();
  const companyLabel = useCompanyNames();
  const keys = useQuery({ queryKey: identityKeys.apiKeys, queryFn: ({ signal }) => identityApi.apiKeys(signal) });
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<ApiKeyCreated | null>(null);
  const [pending, setPending] = useState<{ action: 'rotate' | 'revoke'; key: ApiKey } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: identityKeys.apiKeys });

  const rotate = useMutation({
    mutationFn: (key: ApiKey) => identityApi.rotateApiKey(key.id),
    onSuccess: async (created) => {
      setPending(null);
      setRevealed(created);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => identityApi.revokeApiKey(key.id),
    onSuccess: async (_, key) => {
      setPending(null);
      notifications.show({ color: 'teal', message: t('apiKeys.revoked', { name: key.name }) });
      await refresh();
    },
  });

  const closePending = () => {
    setPending(null);
    rotate.reset();
    revoke.reset();
  };

  const now = Date.now();
  // Live keys first, then the newest.
  const items = [...(keys.data?.items ?? [])].sort(
    (a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt),
  );

  const body = (
    <QueryTable
      query={keys}
      isEmpty={items.length === 0}
      empty={{ title: t('apiKeys.empty'), description: t('apiKeys.empty.description') }}
      minWidth={1080}
      highlightOnHover={false}
      head={
        <>
          <Table.Th>{t('apiKeys.col.name')}</Table.Th>
          <Table.Th>{t('apiKeys.col.prefix')}</Table.Th>
          <Table.Th>{t('apiKeys.col.company')}</Table.Th>
          <Table.Th>{t('apiKeys.col.scopes')}</Table.Th>
          <Table.Th>{t('apiKeys.col.expiresAt')}</Table.Th>
          <Table.Th>{t('apiKeys.col.lastUsedAt')}</Table.Th>
          <Table.Th>{t('apiKeys.col.status')}</Table.Th>
          <Table.Th ta="right">{t('common.actions')}</Table.Th>
        </>
      }
    >
      {items.map((key) => {
        const status = keyStatus(key, now);
        const live = !key.revokedAt;
        return (
          <Table.Tr key={key.id} style={live ? undefined : { opacity: 0.6 }}>
            <Table.Td fw={500}>{key.name}</Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {key.prefix}…
            </Table.Td>
            <Table.Td fz="sm">{companyLabel(key.companyId) ?? '—'}</Table.Td>
            <Table.Td>
              <Group gap={4} maw={280}>
                {key.scopes.map((scope) => (
                  <Badge key={scope} size="xs" variant="outline" color="gray" tt="none" ff="monospace">
                    {scope}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(key.expiresAt, lang)}
            </Table.Td>
            <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {key.lastUsedAt ? formatDateTime(key.lastUsedAt, lang) : t('apiKeys.neverUsed')}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={status.color} tt="none">
                {t(status.label)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">
              {live && (
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('apiKeys.rotate.tooltip')} withArrow>
                    <Button size="xs" variant="light" onClick={() => setPending({ action: 'rotate', key })}>
                      {t('apiKeys.rotate')}
                    </Button>
                  </Tooltip>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setPending({ action: 'revoke', key })}>
                    {t('apiKeys.revoke')}
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </QueryTable>
  );

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader title={t('apiKeys.heading')} description={t('apiKeys.intro')} actions={<Button onClick={() => setCreating(true)}>{t('apiKeys.new')}</Button>} />
      {body}
      <CreateApiKeyModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setRevealed(created);
          void refresh();
        }}
      />
      <ConfirmModal
        opened={pending?.action === 'rotate'}
        onClose={closePending}
        title={t('apiKeys.rotate.title', { name: pending?.key.name ?? '' })}
        message={t('apiKeys.rotate.confirm')}
        confirmLabel={t('apiKeys.rotate')}
        color="orange"
        onConfirm={() => pending && rotate.mutate(pending.key)}
        loading={rotate.isPending}
        error={rotate.error}
      />
      <ConfirmModal
        opened={pending?.action === 'revoke'}
        onClose={closePending}
        title={t('apiKeys.revoke.title', { name: pending?.key.name ?? '' })}
        message={t('apiKeys.revoke.confirm')}
        confirmLabel={t('apiKeys.revoke')}
        onConfirm={() => pending && revoke.mutate(pending.key)}
        loading={revoke.isPending}
        error={revoke.error}
      />
      <SecretOnceModal
        secret={revealed?.secret ?? null}
        title={t('apiKeys.secret.title', { name: revealed?.apiKey.name ?? '' })}
        onClose={() => setRevealed(null)}
      />
    </Stack>
  );
}

type Values = { name: string; companyId: string | null; scopes: string[]; expiresInDays: number | string };
const initial: Values = { name: '', companyId: null, scopes: [], expiresInDays: 90 };

function CreateApiKeyModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (created: ApiKeyCreated) => void }) {
  const t = useT();
  const permissionLabel = usePermissionLabel();
  const companies = useQuery(companiesQuery);
  const roles = useQuery(rolesQuery);
  const [values, setValues] = useState<Values>(initial);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Values, MessageKey>>>({});
  const create = useMutation({
    mutationFn: identityApi.createApiKey,
    onSuccess: (created) => {
      reset();
      onCreated(created);
    },
  });
  const serverErrors = fieldErrorsOf(create.error);
  const error = (field: keyof Values) => {
    const key = localErrors[field];
    return key ? t(key, { max: 365 }) : errorMessages(serverErrors[field]);
  };

  function reset() {
    setValues(initial);
    setLocalErrors({});
    create.reset();
  }
  const close = () => {
    reset();
    onClose();
  };
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setLocalErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: typeof localErrors = {};
    const days = Number(values.expiresInDays);
    if (!values.name.trim()) errors.name = 'form.required';
    if (!values.companyId) errors.companyId = 'form.required';
    if (values.scopes.length === 0) errors.scopes = 'apiKeys.error.scopes';
    if (!Number.isInteger(days) || days < 1 || days > 365) errors.expiresInDays = 'apiKeys.error.days';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || !values.companyId) return;
    create.mutate({ name: values.name.trim(), companyId: values.companyId, scopes: values.scopes, expiresInDays: days });
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('apiKeys.new')}</Text>} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.isError && <ErrorAlert error={create.error} placed={['name', 'companyId', 'scopes', 'expiresInDays']} />}
          <TextInput
            label={t('apiKeys.field.name')}
            description={t('apiKeys.field.name.description')}
            withAsterisk
            maxLength={80}
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={error('name')}
            data-autofocus
          />
          <Select
            label={t('apiKeys.field.company')}
            withAsterisk
            searchable
            data={(companies.data?.items ?? []).filter((c) => c.isActive).map((c) => ({ value: c.id, label: companyName(c) }))}
            value={values.companyId}
            onChange={(value) => set('companyId', value)}
            error={error('companyId')}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <MultiSelect
            label={t('apiKeys.field.scopes')}
            description={t('apiKeys.field.scopes.description')}
            withAsterisk
            searchable
            data={(roles.data?.apiKeyScopes ?? []).map((scope) => ({ value: scope, label: `${permissionLabel(scope)} — ${scope}` }))}
            value={values.scopes}
            onChange={(scopes) => set('scopes', scopes)}
            error={error('scopes')}
          />
          <NumberInput
            label={t('apiKeys.field.expiresInDays')}
            withAsterisk
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            w={200}
            value={values.expiresInDays}
            onChange={(value) => set('expiresInDays', value)}
            error={error('expiresInDays')}
          />
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
