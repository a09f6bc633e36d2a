import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatMoney } from '../../money.ts';
import { balanceSeries } from './balances.ts';

export interface BalanceRow {
  merchant: string;
  /** Minor units. */
  pending: number;
  available: number;
  paid: number;
}

/**
 * Merchants' balances as stacked horizontal bars, pending → available → paid (loaded lazily: recharts is only
 * downloaded by the screens that draw a chart). `currency` is null when the merchants do not share one.
 */
export default function BalanceChart({ rows, currency }: { rows: BalanceRow[]; currency: string | null }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <BarChart
      h={Math.max(180, 70 * rows.length + 60)}
      data={rows.map((row) => ({ merchant: row.merchant, pending: row.pending / 100, available: row.available / 100, paid: row.paid / 100 }))}
      dataKey="merchant"
      orientation="vertical"
      type="stacked"
      withLegend
      yAxisProps={{ width: 160 }}
      valueFormatter={(value) => (currency ? formatMoney(Math.round(value * 100), currency, lang) : String(value))}
      series={balanceSeries.map((s) => ({ ...s, label: t(`merchants.balance.${s.name}`) }))}
    />
  );
}
