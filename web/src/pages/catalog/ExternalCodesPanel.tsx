import { Alert, Anchor, Autocomplete, Button, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { catalogApi, catalogKeys, type ExternalMapping, externalMappingsQuery, type Product } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { usePermissionFor } from '../../session.ts';
import { type ExternalCodeField, mappingsBody, newExternalCodeErrors, newRowFieldOf } from './externalCodes.ts';

const knownSystems = ['OggoData', 'A3DN', 'Comptabilité', 'CRM'];

/** Seed 003 Annex A / E: the product's code in each partner or internal system, with the duplicate warning. */
export function ExternalCodesPanel({ product, partnerName }: { product: Product; partnerName: string | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = usePermissionFor('catalog.write', product.companyId);
  const mappings = useQuery(externalMappingsQuery(product.id));
  const [system, setSystem] = useState('');
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const items = mappings.data?.items ?? [];
  const save = useMutation({
    mutationFn: (next: ExternalMapping[]) => catalogApi.setExternalMappings(product.id, mappingsBody(next)),
    onSuccess: async (_, next) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.externalMappings(product.id) });
      if (next.length > items.length) {
        setSystem('');
        setCode('');
        setChecked(false);
      }
    },
  });

  const clientErrors = checked ? newExternalCodeErrors(items, system, code) : {};
  const serverErrors: Partial<Record<ExternalCodeField, string[]>> = {};
  for (const [path, messages] of Object.entries(fieldErrorsOf(save.error))) {
    const field = newRowFieldOf(path, items.length);
    if (field) serverErrors[field] = [...(serverErrors[field] ?? []), ...messages];
  }
  const errorOf = (field: ExternalCodeField) => {
    const own = clientErrors[field];
    return own ? t(own) : errorMessages(serverErrors[field]);
  };
  const add = () => {
    setChecked(true);
    if (Object.keys(newExternalCodeErrors(items, system, code)).length > 0) return;
    save.mutate([...items, { system: system.trim(), externalCode: code.trim() }]);
  };
  const shared = items.filter((m) => (m.sharedWith ?? []).length > 0);
  const systems = [...new Set([...(partnerName ? [partnerName] : []), ...knownSystems])].filter((s) => !items.some((m) => m.system.toLowerCase() === s.toLowerCase()));

  return (
    <Stack gap="sm" component="section" aria-label={t('externalCodes.title')}>
      <Stack gap={2}>
        <Title order={3} fz="h5">
          {t('externalCodes.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('externalCodes.description')}
        </Text>
      </Stack>
      {shared.length > 0 && (
        <Alert color="orange" variant="light" title={t('externalCodes.shared.title')} role="alert">
          <List size="sm" spacing={4}>
            {shared.map((m) => (
              <List.Item key={m.system}>
                {t('externalCodes.shared.item', { code: m.externalCode, system: m.system })}{' '}
                {(m.sharedWith ?? []).map((other, index) => (
                  <span key={other.productId}>
                    {index > 0 ? ', ' : ''}
                    <Anchor component="button" type="button" size="sm" onClick={() => navigate({ to: '/app/catalogue/produits/$productId', params: { productId: other.productId } })}>
                      {other.sku} — {other.name}
                    </Anchor>
                  </span>
                ))}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <QueryTable
        query={mappings}
        isEmpty={items.length === 0}
        empty={{ title: t('externalCodes.empty'), description: canWrite ? t('externalCodes.empty.description') : undefined }}
        minWidth={480}
        head={
          <>
            <Table.Th>{t('externalCodes.system')}</Table.Th>
            <Table.Th>{t('externalCodes.code')}</Table.Th>
            {canWrite && <Table.Th />}
          </>
        }
      >
        {items.map((m) => (
          <Table.Tr key={m.system} data-system={m.system}>
            <Table.Td>{m.system}</Table.Td>
            <Table.Td ff="monospace" fz="sm">
              {m.externalCode}
              {(m.sharedWith ?? []).length > 0 && (
                <Text span c="orange" fz="xs" ml="xs">
                  {t('externalCodes.sharedBadge')}
                </Text>
              )}
            </Table.Td>
            {canWrite && (
              <Table.Td ta="right">
                <Button size="xs" variant="subtle" color="red" loading={save.isPending && save.variables?.length === items.length - 1} onClick={() => save.mutate(items.filter((x) => x.system !== m.system))}>
                  {t('externalCodes.remove')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </QueryTable>
      {canWrite && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
          noValidate
        >
          <Group align="flex-start">
            <Autocomplete label={t('externalCodes.system')} placeholder={t('externalCodes.system.placeholder')} data={systems} value={system} onChange={setSystem} error={errorOf('system')} w={240} required />
            <TextInput label={t('externalCodes.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errorOf('externalCode')} ff="monospace" w={240} required />
            <Button type="submit" mt={25} loading={save.isPending && (save.variables?.length ?? 0) > items.length}>
              {t('externalCodes.add')}
            </Button>
          </Group>
        </form>
      )}
      {save.isError && <ErrorAlert error={save.error} placed={['mappings']} />}
    </Stack>
  );
}
