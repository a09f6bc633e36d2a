import { Button, Center, Group, Loader, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type MouseEvent, useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryTable } from '../../../components/QueryTable.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/fr.ts';
import { formatDate, formatDateTime } from '../../../i18n/format.ts';
import { type ClientType, clientTypes, journeyAnalyticsQuery, type ProspectStatus, type ProspectSummary, prospectsQuery } from '../../../journeysAdminApi.ts';
import { formatMoney } from '../../../money.ts';
import { AnalyticsChart, RevenueNow } from './JourneyDashboardPage.tsx';
import { type AnalyticsFilterValues, JourneyFilters } from './JourneyFilters.tsx';
import { defaultPeriod, formatPermille, nextAnnualRenewal, type ProspectView, ratePermille, viewDefinitions } from './journeyFormat.ts';
import { clientTypeKey, JourneysTabs, ProspectStatusBadge, statusKey } from './journeysUi.tsx';

const PAGE = 25;

const viewTitle: Record<ProspectView, MessageKey> = {
  prospects: 'journeys.view.prospects',
  conversions: 'journeys.view.conversions',
  'clients-actifs': 'journeys.view.clients',
  revenus: 'journeys.view.revenue',
};
const viewDescription: Record<ProspectView, MessageKey> = {
  prospects: 'journeys.view.prospects.description',
  conversions: 'journeys.view.conversions.description',
  'clients-actifs': 'journeys.view.clients.description',
  revenus: 'journeys.view.revenue.description',
};

/** The analytics of a view (conversions' monthly chart, the revenue view), over a period chosen on the page. */
function useViewAnalytics(journeyId: string | undefined) {
  const period = useMemo(() => defaultPeriod(new Date()), []);
  const [filters, setFilters] = useState<AnalyticsFilterValues>({ ...period, granularity: 'month', journeyId });
  const analytics = useQuery({ ...journeyAnalyticsQuery(filters), placeholderData: keepPreviousData });
  const reset = () => setFilters({ ...period, granularity: 'month', journeyId });
  return { filters, setFilters: (patch: Partial<AnalyticsFilterValues>) => setFilters((f) => ({ ...f, ...patch })), reset, analytics };
}

function RevenueView({ journeyId }: { journeyId: string | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const { filters, setFilters, reset, analytics } = useViewAnalytics(journeyId);
  const data = analytics.data;
  const money = (minor: number) => (data?.revenue.currency ? formatMoney(minor, data.revenue.currency, lang) : '—');
  return (
    <Stack gap="lg">
      <JourneyFilters value={filters} onChange={setFilters} onReset={reset} />
      {analytics.isError && <ErrorAlert error={analytics.error} onRetry={() => analytics.refetch()} />}
      {analytics.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {data && (
        <>
          <RevenueNow analytics={data} />
          <AnalyticsChart kind="revenue" title={t('journeys.chart.revenue')} analytics={data} granularity={filters.granularity} />
          <Paper withBorder radius="lg" style={{ overflow: 'hidden' }} component="section" aria-label={t('journeys.revenue.byType')}>
            <Title order={3} fz="h5" p="md" pb={0}>
              {t('journeys.revenue.byType')}
            </Title>
            <Table verticalSpacing="sm" horizontalSpacing="md" mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('journeys.col.type')}</Table.Th>
                  <Table.Th ta="right">{t('journeys.revenue.clients')}</Table.Th>
                  <Table.Th ta="right">{t('journeys.revenue.mrr')}</Table.Th>
                  <Table.Th ta="right">{t('journeys.revenue.arr')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.revenue.byClientType.map((row) => (
                  <Table.Tr key={row.clientType} data-client-type={row.clientType}>
                    <Table.Td>{t(clientTypeKey(row.clientType))}</Table.Td>
                    <Table.Td ta="right">{row.clients}</Table.Td>
                    <Table.Td ta="right">{money(row.mrr)}</Table.Td>
                    <Table.Td ta="right">{money(row.arr)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr fw={600}>
                  <Table.Td>{t('journeys.revenue.total')}</Table.Td>
                  <Table.Td ta="right">{data.revenue.clients}</Table.Td>
                  <Table.Td ta="right">{money(data.revenue.mrr)}</Table.Td>
                  <Table.Td ta="right">{money(data.revenue.arr)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}

/** Seed 004 "Vue Conversions": the conversion rate by source (activations / journeys started in the period). */
function ConversionBySource({ filters }: { filters: AnalyticsFilterValues }) {
  const t = useT();
  const { lang } = useLang();
  const sources = useQuery({ ...prospectsQuery({ limit: 1 }), select: (data) => data.sources });
  const shown = filters.source ? [filters.source] : (sources.data ?? []);
  const perSource = useQueries({ queries: shown.map((source) => ({ ...journeyAnalyticsQuery({ ...filters, source }), placeholderData: keepPreviousData })) });
  if (shown.length === 0) return null;
  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }} component="section" aria-label={t('journeys.conversion.bySource')}>
      <Title order={3} fz="h5" p="md" pb={0}>
        {t('journeys.conversion.bySource')}
      </Title>
      <Table verticalSpacing="xs" horizontalSpacing="md" mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('journeys.col.source')}</Table.Th>
            <Table.Th ta="right">{t('journeys.chart.started')}</Table.Th>
            <Table.Th ta="right">{t('journeys.chart.activations')}</Table.Th>
            <Table.Th ta="right">{t('journeys.conversion.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((source, index) => {
            const kpis = perSource[index]?.data?.kpis;
            return (
              <Table.Tr key={source} data-source={source}>
                <Table.Td>{source}</Table.Td>
                <Table.Td ta="right">{kpis?.started ?? '…'}</Table.Td>
                <Table.Td ta="right">{kpis?.activations ?? '…'}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {kpis ? formatPermille(ratePermille(kpis.activations, kpis.started), lang) : '…'}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function ConversionsChart({ journeyId }: { journeyId: string | undefined }) {
  const t = useT();
  const { filters, setFilters, reset, analytics } = useViewAnalytics(journeyId);
  return (
    <Stack gap="md">
      <JourneyFilters value={filters} onChange={setFilters} onReset={reset} />
      {analytics.isError && <ErrorAlert error={analytics.error} onRetry={() => analytics.refetch()} />}
      {analytics.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <AnalyticsChart kind="conversions" title={t('journeys.chart.conversions')} analytics={analytics.data} granularity={filters.granularity} />
          <ConversionBySource filters={filters} />
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ProspectTable({ view, journeyId }: { view: Exclude<ProspectView, 'revenus'>; journeyId: string | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const definition = viewDefinitions[view];
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<ProspectStatus | null>(null);
  const [clientType, setClientType] = useState<ClientType | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const filters = {
    journeyId,
    status: status ? [status] : definition.statuses,
    clientType: clientType ?? undefined,
    source: source ?? undefined,
    q: q || undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    sort: definition.sort,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const prospects = useQuery({ ...prospectsQuery(filters), placeholderData: keepPreviousData });
  const items = prospects.data?.items ?? [];
  const total = prospects.data?.total ?? 0;
  const hasFilters = !!(search || status || clientType || source || from || to);
  const now = useMemo(() => new Date(), []);
  const money = (p: ProspectSummary) => (p.priceAmount !== null && p.currency ? formatMoney(p.priceAmount, p.currency, lang) : '—');
  const open = (prospectId: string) => navigate({ to: '/app/parcours/prospects/$prospectId', params: { prospectId } });
  const filtered = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const clients = view === 'clients-actifs';

  return (
    <Stack gap="md">
      <Paper withBorder radius="lg" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('journeys.search')}
            placeholder={t('journeys.search.placeholder')}
            value={search}
            onChange={(e) => filtered(setSearch)(e.currentTarget.value)}
            w={240}
            type="search"
          />
          <Select
            label={t('journeys.filter.status')}
            data={definition.statuses.map((s) => ({ value: s, label: t(statusKey(s)) }))}
            value={status}
            onChange={(value) => filtered(setStatus)(value as ProspectStatus | null)}
            clearable
            placeholder={t('journeys.filter.any')}
            w={180}
          />
          <Select
            label={t('journeys.filter.clientType')}
            data={clientTypes.map((type) => ({ value: type, label: t(clientTypeKey(type)) }))}
            value={clientType}
            onChange={(value) => filtered(setClientType)(value as ClientType | null)}
            clearable
            placeholder={t('journeys.filter.any')}
            w={170}
          />
          <Select
            label={t('journeys.filter.source')}
            data={prospects.data?.sources ?? []}
            value={source}
            onChange={filtered(setSource)}
            clearable
            placeholder={t('journeys.filter.any')}
            w={170}
          />
          <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
            <DatePickerInput
              label={t('journeys.filter.startedFrom')}
              value={from}
              onChange={(value) => filtered(setFrom)(value ? String(value) : null)}
              maxDate={to ?? undefined}
              valueFormat="DD/MM/YYYY"
              clearable
              placeholder={t('journeys.filter.anyDate')}
              w={140}
            />
            <DatePickerInput
              label={t('journeys.filter.startedTo')}
              value={to}
              onChange={(value) => filtered(setTo)(value ? String(value) : null)}
              minDate={from ?? undefined}
              valueFormat="DD/MM/YYYY"
              clearable
              placeholder={t('journeys.filter.anyDate')}
              w={140}
            />
          </DatesProvider>
          {hasFilters && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setStatus(null);
                setClientType(null);
                setSource(null);
                setFrom(null);
                setTo(null);
                setPage(1);
              }}
            >
              {t('journeys.filter.reset')}
            </Button>
          )}
        </Group>
      </Paper>
      <QueryTable
        query={prospects}
        isEmpty={items.length === 0}
        empty={{ title: t('journeys.empty'), description: hasFilters ? t('journeys.empty.filtered') : t('journeys.empty.description') }}
        minWidth={960}
        head={
          <>
            <Table.Th>{t('journeys.col.name')}</Table.Th>
            <Table.Th>{t('journeys.col.status')}</Table.Th>
            <Table.Th>{t('journeys.col.type')}</Table.Th>
            <Table.Th>{t('journeys.col.source')}</Table.Th>
            <Table.Th ta="right">{t('journeys.col.price')}</Table.Th>
            {view === 'prospects' ? (
              <>
                <Table.Th>{t('journeys.col.started')}</Table.Th>
                <Table.Th>{t('journeys.col.lastActivity')}</Table.Th>
              </>
            ) : (
              <>
                <Table.Th>{t('journeys.col.mandate')}</Table.Th>
                <Table.Th>{t(clients ? 'journeys.col.since' : 'journeys.col.activated')}</Table.Th>
                {clients && <Table.Th>{t('journeys.col.renewal')}</Table.Th>}
              </>
            )}
          </>
        }
        footer={
          <Group justify="space-between">
            <Text size="xs" c="dimmed" data-testid="prospects-count">
              {t('journeys.count', { shown: items.length, total })}
            </Text>
            {total > PAGE && <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
          </Group>
        }
      >
        {items.map((p) => {
          const renewal = clients ? nextAnnualRenewal(p.activatedAt, p.priceAmount, now) : null;
          return (
            <Table.Tr key={p.id} onClick={() => open(p.id)} style={{ cursor: 'pointer' }} data-prospect={p.id}>
              <Table.Td>
                <UnstyledButton
                  fw={600}
                  fz="sm"
                  onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    void open(p.id);
                  }}
                >
                  {p.name ?? t('journeys.erased')}
                </UnstyledButton>
                <Text size="xs" c="dimmed">
                  {p.email ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <ProspectStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td fz="sm">{p.clientType ? t(clientTypeKey(p.clientType)) : '—'}</Table.Td>
              <Table.Td fz="sm">{p.source}</Table.Td>
              <Table.Td ta="right" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {money(p)}
                {p.offered && (
                  <Text size="xs" c="teal">
                    {t('journeys.offered')}
                  </Text>
                )}
              </Table.Td>
              {view === 'prospects' ? (
                <>
                  <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(p.startedAt, lang)}
                  </Table.Td>
                  <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(p.lastActivityAt, lang)}
                  </Table.Td>
                </>
              ) : (
                <>
                  <Table.Td fz="sm" ff="monospace">
                    {p.mandateNumber ?? '—'}
                  </Table.Td>
                  <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(p.activatedAt, lang)}
                  </Table.Td>
                  {clients && (
                    <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }} data-testid="renewal">
                      {renewal ? formatDate(renewal.toISOString(), lang) : '—'}
                    </Table.Td>
                  )}
                </>
              )}
            </Table.Tr>
          );
        })}
      </QueryTable>
    </Stack>
  );
}

/** /app/parcours/prospects?vue=… — seed 004's "Prospects", "Conversions", "Clients actifs" and "Revenus" views. */
export function ProspectsPage() {
  const t = useT();
  const { vue, parcours } = useSearch({ from: '/app/parcours/prospects' });
  usePageTitle(t(viewTitle[vue]));
  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t(viewTitle[vue])} description={t(viewDescription[vue])} />
      <JourneysTabs />
      {vue === 'revenus' ? (
        <RevenueView key={vue} journeyId={parcours} />
      ) : (
        <>
          {vue === 'conversions' && <ConversionsChart journeyId={parcours} />}
          <ProspectTable key={vue} view={vue} journeyId={parcours} />
        </>
      )}
    </Stack>
  );
}
