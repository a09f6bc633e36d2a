import { Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/fr.ts';
import { type FunnelKpis, type JourneyAnalytics, journeyAnalyticsQuery, journeysQuery, type KpiKey, kpiKeys } from '../../../journeysAdminApi.ts';
import { formatMoney } from '../../../money.ts';
import type { DashboardSearch } from '../../../routes/journeyAdminRoutes.tsx';
import type { JourneyChartKind } from './JourneyCharts.tsx';
import { type AnalyticsFilterValues, JourneyFilters } from './JourneyFilters.tsx';
import { defaultPeriod, formatDuration, formatPermille, kpiVerdict } from './journeyFormat.ts';
import { clientTypeKey, JourneysTabs } from './journeysUi.tsx';

const JourneyChart = lazy(() => import('./JourneyCharts.tsx'));

/** Each KPI's counts, « numerator / denominator », as seed 004 defines the rate. */
const kpiCounts: Record<KpiKey, ((k: FunnelKpis) => [number, number]) | null> = {
  questionnaireCompletionPermille: (k) => [k.questionnairesCompleted, k.started],
  signaturePermille: (k) => [k.signatures, k.questionnairesCompleted],
  paymentConversionPermille: (k) => [k.activations, k.signatures],
  meanJourneySeconds: null,
  abandonmentPermille: (k) => [k.abandoned, k.started],
  renewalPermille: (k) => [k.renewed, k.renewalsDue],
};

/** The filters of the URL with the defaults filled in (the last twelve months, by month). */
export function useDashboardFilters(): [AnalyticsFilterValues, (patch: Partial<AnalyticsFilterValues>) => void, () => void] {
  const search = useSearch({ from: '/app/parcours' });
  const navigate = useNavigate({ from: '/app/parcours' });
  const period = useMemo(() => defaultPeriod(new Date()), []);
  const value: AnalyticsFilterValues = {
    journeyId: search.parcours,
    from: search.du ?? period.from,
    to: search.au ?? period.to,
    granularity: search.pas ?? 'month',
    clientType: search.type,
    source: search.source,
  };
  const toSearch = (v: AnalyticsFilterValues): DashboardSearch => ({
    parcours: v.journeyId,
    du: v.from === period.from ? undefined : v.from,
    au: v.to === period.to ? undefined : v.to,
    pas: v.granularity === 'month' ? undefined : v.granularity,
    type: v.clientType,
    source: v.source,
  });
  const change = (patch: Partial<AnalyticsFilterValues>) => void navigate({ search: toSearch({ ...value, ...patch }), replace: true });
  const reset = () => void navigate({ search: {}, replace: true });
  return [value, change, reset];
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-label={title}>
      <Title order={3} fz="h5" mb="sm">
        {title}
      </Title>
      <Suspense
        fallback={
          <Center h={280}>
            <Loader size="sm" />
          </Center>
        }
      >
        {children}
      </Suspense>
    </Paper>
  );
}

export function KpiCards({ analytics }: { analytics: JourneyAnalytics }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      {kpiKeys.map((key) => {
        const value = analytics.kpis[key];
        const target = analytics.targets[key];
        const verdict = kpiVerdict(value, target);
        const isDuration = key === 'meanJourneySeconds';
        const format = (v: number | null) => (isDuration ? formatDuration(v, lang) : formatPermille(v, lang));
        const targetText = isDuration ? formatDuration(target.target, lang) : formatPermille(target.target, lang, { trimZero: true });
        const counts = kpiCounts[key]?.(analytics.kpis);
        const color = verdict === 'met' ? 'green' : verdict === 'missed' ? 'red' : 'gray';
        return (
          <Paper
            key={key}
            withBorder
            radius="lg"
            p="md"
            data-kpi={key}
            data-verdict={verdict}
            style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
            aria-label={t(`journeys.kpi.${key}` as MessageKey)}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text size="sm" c="dimmed" fw={500}>
                {t(`journeys.kpi.${key}` as MessageKey)}
              </Text>
              {verdict !== 'unknown' && (
                <Badge color={color} variant="light" size="sm">
                  {t(verdict === 'met' ? 'journeys.kpi.met' : 'journeys.kpi.missed')}
                </Badge>
              )}
            </Group>
            <Text fz={28} fw={700} c={verdict === 'unknown' ? undefined : `${color}.7`} data-testid="kpi-value">
              {format(value)}
            </Text>
            <Group justify="space-between" gap="xs">
              <Text size="xs" c="dimmed" data-testid="kpi-target">
                {t('journeys.kpi.target', { target: `${target.below ? '<' : '>'} ${targetText}` })}
              </Text>
              {counts && (
                <Text size="xs" c="dimmed">
                  {counts[0]} / {counts[1]}
                </Text>
              )}
              {isDuration && (
                <Text size="xs" c="dimmed">
                  {t('journeys.kpi.activatedCount', { count: analytics.kpis.activations })}
                </Text>
              )}
            </Group>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

export function RevenueNow({ analytics }: { analytics: JourneyAnalytics }) {
  const t = useT();
  const { lang } = useLang();
  const { revenue } = analytics;
  const money = (minor: number) => (revenue.currency ? formatMoney(minor, revenue.currency, lang) : '—');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <Paper withBorder radius="lg" p="md" data-revenue="mrr">
        <Text size="sm" c="dimmed" fw={500}>
          {t('journeys.revenue.mrr')}
        </Text>
        <Text fz={24} fw={700} data-testid="revenue-value">
          {money(revenue.mrr)}
        </Text>
      </Paper>
      <Paper withBorder radius="lg" p="md" data-revenue="arr">
        <Text size="sm" c="dimmed" fw={500}>
          {t('journeys.revenue.arr')}
        </Text>
        <Text fz={24} fw={700} data-testid="revenue-value">
          {money(revenue.arr)}
        </Text>
      </Paper>
      <Paper withBorder radius="lg" p="md">
        <Text size="sm" c="dimmed" fw={500}>
          {t('journeys.revenue.clients')}
        </Text>
        <Text fz={24} fw={700}>
          {revenue.clients}
        </Text>
        <Text size="xs" c="dimmed">
          {revenue.byClientType.map((r) => `${t(clientTypeKey(r.clientType))} : ${r.clients}`).join(' · ')}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}

export function AnalyticsChart({ kind, title, analytics, granularity }: { kind: JourneyChartKind; title: string; analytics: JourneyAnalytics; granularity: 'month' | 'week' }) {
  const t = useT();
  return (
    <ChartCard title={title}>
      {analytics.series.length === 0 ? (
        <Center h={120}>
          <Text c="dimmed" size="sm">
            {t('journeys.chart.empty')}
          </Text>
        </Center>
      ) : (
        <JourneyChart kind={kind} analytics={analytics} granularity={granularity} />
      )}
    </ChartCard>
  );
}

/** /app/parcours — seed 004 "Métriques et Suivi": the KPIs against their targets, the funnel and revenue over time. */
export function JourneyDashboardPage() {
  const t = useT();
  usePageTitle(t('journeys.heading'));
  const navigate = useNavigate();
  const [filters, setFilters, resetFilters] = useDashboardFilters();
  const journeys = useQuery(journeysQuery);
  const analytics = useQuery({ ...journeyAnalyticsQuery(filters), placeholderData: keepPreviousData });
  const data = analytics.data;

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('journeys.heading')} description={t('journeys.description')} />
      <JourneysTabs />
      <JourneyFilters value={filters} onChange={setFilters} onReset={resetFilters} />
      {analytics.isError && <ErrorAlert error={analytics.error} onRetry={() => analytics.refetch()} />}
      {analytics.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {data && (
        <Stack gap="lg" data-loading={analytics.isFetching || undefined} aria-busy={analytics.isFetching}>
          <section aria-label={t('journeys.kpis')}>
            <Title order={3} fz="h4" mb="sm">
              {t('journeys.kpis')}
            </Title>
            <KpiCards analytics={data} />
          </section>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <AnalyticsChart kind="funnel" title={t('journeys.chart.funnel')} analytics={data} granularity={filters.granularity} />
            <AnalyticsChart kind="rates" title={t('journeys.chart.rates')} analytics={data} granularity={filters.granularity} />
          </SimpleGrid>
          <section aria-label={t('journeys.revenue')}>
            <Title order={3} fz="h4" mb="sm">
              {t('journeys.revenue')}
            </Title>
            <Stack gap="md">
              <RevenueNow analytics={data} />
              <AnalyticsChart kind="revenue" title={t('journeys.chart.revenue')} analytics={data} granularity={filters.granularity} />
            </Stack>
          </section>
        </Stack>
      )}
      <section aria-label={t('journeys.list')}>
        <Title order={3} fz="h4" mb="sm">
          {t('journeys.list')}
        </Title>
        {journeys.isError && <ErrorAlert error={journeys.error} onRetry={() => journeys.refetch()} />}
        {journeys.isSuccess && journeys.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('journeys.list.empty')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {(journeys.data?.items ?? []).map((journey) => {
            const inJourney = (journey.byStatus.prospect ?? 0) + (journey.byStatus.en_signature ?? 0) + (journey.byStatus.en_paiement ?? 0);
            const clients = (journey.byStatus.client_actif ?? 0) + (journey.byStatus.paiement_en_echec ?? 0);
            return (
              <Paper key={journey.id} withBorder radius="lg" p="md" data-journey={journey.slug}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Text fw={600}>{journey.name}</Text>
                    <Text size="xs" c="dimmed">
                      {journey.product.name} · {t('journeys.version', { version: journey.version })}
                    </Text>
                  </Stack>
                  <Badge color={journey.active ? 'green' : 'gray'} variant="light">
                    {t(journey.active ? 'journeys.active' : 'journeys.inactive')}
                  </Badge>
                </Group>
                <Text size="sm" mt="xs">
                  {t('journeys.counts', { inJourney, clients })}
                </Text>
                <Group gap="xs" mt="sm">
                  <Button onClick={() => void navigate({ to: '/app/parcours/$journeyId', params: { journeyId: journey.id } })} size="xs" variant="light">
                    {t('journeys.configure')}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
