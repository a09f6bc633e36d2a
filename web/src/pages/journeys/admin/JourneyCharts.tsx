import '@mantine/charts/styles.css';
import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { useLang, useT } from '../../../i18n/I18nProvider.tsx';
import type { JourneyAnalytics } from '../../../journeysAdminApi.ts';
import { formatMoney } from '../../../money.ts';
import { formatBucket, formatPermille } from './journeyFormat.ts';

export type JourneyChartKind = 'funnel' | 'rates' | 'revenue' | 'conversions';

/**
 * The journeys' charts over time (loaded lazily: recharts is only downloaded by the screens that draw a chart):
 * the funnel's counts per bucket, its rates, the MRR stacked by client type, the activations (conversions).
 */
export default function JourneyChart({ kind, analytics, granularity }: { kind: JourneyChartKind; analytics: JourneyAnalytics; granularity: 'month' | 'week' }) {
  const t = useT();
  const { lang } = useLang();
  const label = (bucket: string) => formatBucket(bucket, granularity, lang);

  if (kind === 'funnel' || kind === 'conversions') {
    const series =
      kind === 'funnel'
        ? [
            { name: 'started', label: t('journeys.chart.started'), color: 'gray.5' },
            { name: 'questionnairesCompleted', label: t('journeys.chart.questionnaires'), color: 'blue.6' },
            { name: 'signatures', label: t('journeys.chart.signatures'), color: 'violet.6' },
            { name: 'activations', label: t('journeys.chart.activations'), color: 'green.6' },
          ]
        : [{ name: 'activations', label: t('journeys.chart.activations'), color: 'green.6' }];
    return (
      <BarChart
        h={280}
        data={analytics.series.map((point) => ({ ...point, bucket: label(point.bucket) }))}
        dataKey="bucket"
        withLegend
        series={series}
        valueFormatter={(value) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(value)}
      />
    );
  }

  if (kind === 'rates') {
    return (
      <LineChart
        h={280}
        data={analytics.series.map((point) => ({
          bucket: label(point.bucket),
          completion: point.questionnaireCompletionPermille,
          signature: point.signaturePermille,
          payment: point.paymentConversionPermille,
          abandonment: point.abandonmentPermille,
        }))}
        dataKey="bucket"
        withLegend
        connectNulls
        curveType="linear"
        yAxisProps={{ domain: [0, 1000], tickFormatter: (value: number) => formatPermille(value, lang, { trimZero: true }) }}
        valueFormatter={(value) => formatPermille(value, lang)}
        series={[
          { name: 'completion', label: t('journeys.kpi.questionnaireCompletionPermille'), color: 'blue.6' },
          { name: 'signature', label: t('journeys.kpi.signaturePermille'), color: 'violet.6' },
          { name: 'payment', label: t('journeys.kpi.paymentConversionPermille'), color: 'green.6' },
          { name: 'abandonment', label: t('journeys.kpi.abandonmentPermille'), color: 'red.6' },
        ]}
      />
    );
  }

  const currency = analytics.revenue.currency;
  return (
    <AreaChart
      h={280}
      type="stacked"
      data={analytics.revenue.series.map((point) => ({ bucket: label(point.bucket), particulier: point.particulier / 100, entreprise: point.entreprise / 100 }))}
      dataKey="bucket"
      withLegend
      valueFormatter={(value) => (currency ? formatMoney(Math.round(value * 100), currency, lang) : String(value))}
      yAxisProps={{ width: 110 }}
      series={[
        { name: 'particulier', label: t('journeys.clientType.particulier'), color: 'teal.6' },
        { name: 'entreprise', label: t('journeys.clientType.entreprise'), color: 'indigo.6' },
      ]}
    />
  );
}
