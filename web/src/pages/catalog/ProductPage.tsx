import { Anchor, Badge, Button, Checkbox, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import {
  catalogApi,
  catalogKeys,
  type LifecycleStatus,
  nextStatuses,
  type Product,
  productQuery,
  type Version,
  type VersionDetail,
  versionQuery,
} from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Field } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { companiesQuery } from '../../identityApi.ts';
import { companyName, usePermission } from '../../session.ts';
import { ProductBadges, StatusBadge, useCatalogNames } from './catalogUi.tsx';
import { ProductCommissionsPanel } from './commissions/ProductCommissionsPanel.tsx';
import { ProductDocumentsTab } from './ProductDocumentsTab.tsx';
import { ProductIntegrationsTab } from './ProductIntegrationsTab.tsx';
import { ProductPricingTab } from './ProductPricingTab.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

const stateColors: Record<Version['state'], string> = { scheduled: 'blue', current: 'green', past: 'gray' };

/** /app/catalogue/produits/:productId — the product 360° page. */
export function ProductPage({ productId }: { productId: string }) {
  const t = useT();
  const detail = useQuery(productQuery(productId));
  usePageTitle(detail.data?.product.name ?? t('catalog.heading'));
  const [versionId, setVersionId] = useState<string | null>(null);
  const [tab, setTab] = useState('description');
  const goToHistory = () => setTab('history');
  const versions = detail.data?.versions ?? [];
  const defaultVersion = versions.find((v) => v.state === 'current') ?? versions[versions.length - 1];
  const selectedId = versionId ?? defaultVersion?.id ?? null;
  const version = useQuery({ ...versionQuery(selectedId ?? ''), enabled: !!selectedId });

  if (detail.isPending || detail.isError) return <QueryFallback query={detail} />;
  const { product, currency, timeZone } = detail.data;

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={product.name}
        description={product.sku}
        actions={
          <Group gap="xs">
            <StatusBadge status={product.lifecycleStatus} />
            <ProductBadges badges={product.badges} />
          </Group>
        }
      />
      <VersionPicker versions={versions} value={selectedId} onChange={setVersionId} />
      <Paper withBorder radius="lg" p="md">
        <Tabs value={tab} onChange={(v) => setTab(v ?? 'description')} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="description">{t('product.tab.description')}</Tabs.Tab>
            <Tabs.Tab value="pricing">{t('product.tab.pricing')}</Tabs.Tab>
            <Tabs.Tab value="commissions">{t('product.tab.commissions')}</Tabs.Tab>
            <Tabs.Tab value="documents">{t('product.tab.documents')}</Tabs.Tab>
            <Tabs.Tab value="integrations">{t('product.tab.integrations')}</Tabs.Tab>
            <Tabs.Tab value="history">{t('product.tab.history')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="description" pt="md">
            <DescriptionTab product={product} version={version.data} />
          </Tabs.Panel>
          <Tabs.Panel value="pricing" pt="md">
            <VersionGate query={version}>{(v) => <ProductPricingTab product={product} version={v} currency={currency} timeZone={timeZone} onGoToHistory={goToHistory} />}</VersionGate>
          </Tabs.Panel>
          <Tabs.Panel value="commissions" pt="md">
            <VersionGate query={version}>{(v) => <ProductCommissionsPanel key={v.version.id} product={product} version={v} currency={currency} onGoToHistory={goToHistory} />}</VersionGate>
          </Tabs.Panel>
          <Tabs.Panel value="documents" pt="md">
            <VersionGate query={version}>{(v) => <ProductDocumentsTab product={product} version={v} onGoToHistory={goToHistory} />}</VersionGate>
          </Tabs.Panel>
          <Tabs.Panel value="integrations" pt="md">
            <ProductIntegrationsTab product={product} />
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="md">
            <HistoryTab product={product} versions={versions} onOpen={setVersionId} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}

function VersionPicker({ versions, value, onChange }: { versions: Version[]; value: string | null; onChange: (id: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const label = useCodeLabel();
  return (
    <Select
      label={t('product.version')}
      w={360}
      data={versions.map((v) => ({
        value: v.id,
        label: `${t('product.version.label', { version: v.version, date: formatDate(v.effectiveFrom, lang) })} · ${label('product.history.state', v.state)}`,
      }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
    />
  );
}

function VersionGate({ query, children }: { query: UseQueryResult<VersionDetail>; children: (v: VersionDetail) => ReactNode }) {
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Loader size="sm" />;
  return <>{children(query.data)}</>;
}

function DescriptionTab({ product, version }: { product: Product; version: VersionDetail | undefined }) {
  const t = useT();
  const label = useCodeLabel();
  const names = useCatalogNames();
  const { lang } = useLang();
  const canReadCompanies = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const company = companies.data?.items.find((c) => c.id === product.companyId);
  const queryClient = useQueryClient();
  const transition = useMutation({
    mutationFn: (status: LifecycleStatus) => catalogApi.transition(product.id, status),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
  const next = nextStatuses[product.lifecycleStatus];
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Field label={t('product.field.sku')}>
          <Text ff="monospace">{product.sku}</Text>
        </Field>
        <Field label={t('product.field.company')}>{company ? companyName(company) : product.companyId}</Field>
        <Field label={t('product.field.risk')}>{names.riskLabel(product.riskId)}</Field>
        <Field label={t('product.field.partner')}>{names.partnerName(product.partnerId) ?? t('catalog.internal')}</Field>
        <Field label={t('product.field.revenueModel')}>{label('catalog.revenue', product.revenueModel)}</Field>
        <Field label={t('product.field.pricingSource')}>{label('catalog.source', product.pricingSource)}</Field>
      </SimpleGrid>
      <Field label={t('product.field.description')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {product.description || t('product.none')}
        </Text>
      </Field>
      {version && version.publications.length > 0 && (
        <Field label={t('product.field.publications')}>
          <Stack gap={4}>
            {version.publications.map((p) => (
              <Text size="sm" key={p.id}>
                {p.channels.map((c) => label('catalog.channel', c)).join(', ')} · {label('wizard.visibility', p.visibility)} · {formatDateTime(p.startAt, lang)}
                {p.endAt ? ` → ${formatDateTime(p.endAt, lang)}` : ''}
              </Text>
            ))}
          </Stack>
        </Field>
      )}
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('product.lifecycle')}
        </Title>
        {next.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('product.lifecycle.none')}
          </Text>
        ) : (
          <Group gap="xs">
            {next.map((status) => (
              <Button
                key={status}
                variant={status === 'retired' ? 'light' : 'default'}
                color={status === 'retired' ? 'red' : undefined}
                loading={transition.isPending && transition.variables === status}
                onClick={() => transition.mutate(status)}
              >
                {t('product.lifecycle.to', { status: label('catalog.status', status) })}
              </Button>
            ))}
          </Group>
        )}
        {transition.isError && <ErrorAlert error={transition.error} />}
      </Stack>
    </Stack>
  );
}

function HistoryTab({ product, versions, onOpen }: { product: Product; versions: Version[]; onOpen: (id: string) => void }) {
  const t = useT();
  const label = useCodeLabel();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string[]>([]);
  const [effectiveFrom, setEffectiveFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const [a, b] = picked;
  const diff = useQuery({
    queryKey: ['catalog', 'diff', a, b],
    queryFn: ({ signal }) => catalogApi.diff(a ?? '', b ?? '', signal),
    enabled: picked.length === 2,
  });
  const create = useMutation({
    mutationFn: (copyFromVersionId: string | undefined) => {
      const today = new Date().toISOString().slice(0, 10);
      const from = effectiveFrom === today ? new Date().toISOString() : new Date(`${effectiveFrom}T00:00:00`).toISOString();
      return catalogApi.createVersion(product.id, { effectiveFrom: from, notes: notes.trim() || undefined, copyFromVersionId });
    },
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.product(product.id) });
      onOpen(version.id);
    },
  });
  const toggle = (id: string) => setPicked((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list.slice(-1), id]));
  const versionNumber = (id: string | undefined) => versions.find((v) => v.id === id)?.version ?? '?';
  const sections = new Map<string, NonNullable<typeof diff.data>['changes']>();
  for (const change of diff.data?.changes ?? []) sections.set(change.section, [...(sections.get(change.section) ?? []), change]);

  return (
    <Stack gap="lg">
      <Group align="flex-end">
        <TextInput type="date" label={t('product.history.newVersion.date')} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.currentTarget.value)} />
        <TextInput label={t('product.history.newVersion.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} w={280} />
        <Button onClick={() => create.mutate(undefined)} loading={create.isPending && create.variables === undefined}>
          {t('product.history.newVersion')}
        </Button>
      </Group>
      {create.isError && <ErrorAlert error={create.error} />}
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('product.history.col.compare')}</Table.Th>
              <Table.Th>{t('product.history.col.version')}</Table.Th>
              <Table.Th>{t('product.history.col.from')}</Table.Th>
              <Table.Th>{t('product.history.col.to')}</Table.Th>
              <Table.Th>{t('product.history.col.state')}</Table.Th>
              <Table.Th>{t('product.history.col.notes')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Checkbox checked={picked.includes(v.id)} onChange={() => toggle(v.id)} aria-label={`v${v.version}`} />
                </Table.Td>
                <Table.Td>
                  <Anchor component="button" onClick={() => onOpen(v.id)}>
                    v{v.version}
                  </Anchor>
                </Table.Td>
                <Table.Td fz="sm">{formatDate(v.effectiveFrom, lang)}</Table.Td>
                <Table.Td fz="sm">{formatDate(v.effectiveTo, lang)}</Table.Td>
                <Table.Td>
                  <Badge color={stateColors[v.state]} variant="light">
                    {label('product.history.state', v.state)}
                  </Badge>
                </Table.Td>
                <Table.Td fz="sm">{v.notes ?? ''}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => create.mutate(v.id)} loading={create.isPending && create.variables === v.id}>
                    {v.state === 'past' ? t('product.history.restore') : t('product.history.duplicate')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {picked.length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('product.history.compareHint')}
        </Text>
      ) : diff.isError ? (
        <ErrorAlert error={diff.error} />
      ) : !diff.data ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <Title order={3} fz="h5">
            {t('product.history.diff', { a: versionNumber(a), b: versionNumber(b) })}
          </Title>
          {diff.data.changes.length === 0 && <Text size="sm">{t('product.history.noDiff')}</Text>}
          {[...sections.entries()].map(([section, changes]) => (
            <Paper key={section} withBorder p="sm" radius="md">
              <Text fw={600} size="sm" mb={4}>
                {section}
              </Text>
              {changes.map((c) => (
                <Group key={`${c.key}-${c.change}`} gap="xs" wrap="nowrap" align="flex-start">
                  <Badge size="xs" color={c.change === 'added' ? 'green' : c.change === 'removed' ? 'red' : 'orange'}>
                    {label('product.history.change', c.change)}
                  </Badge>
                  <Text size="sm">
                    {c.key}
                    {c.fields?.length ? ` (${c.fields.join(', ')})` : ''}
                  </Text>
                </Group>
              ))}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
