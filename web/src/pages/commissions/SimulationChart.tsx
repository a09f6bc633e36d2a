import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { Role, SimulationResult } from '../../commissionsApi.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatMoney } from '../../money.ts';

const colors: Record<Role, string> = { company: 'blue.6', salesperson: 'teal.6', manager: 'violet.6', partner: 'orange.6', platform: 'gray.6' };

/** The commission of each tier, stacked by beneficiary (loaded lazily: recharts is only downloaded by charts). */
export default function SimulationChart({ result }: { result: SimulationResult }) {
  const t = useT();
  const { lang } = useLang();
  const present = (['company', 'salesperson', 'manager', 'partner', 'platform'] as Role[]).filter((role) => result.bars.some((bar) => bar.segments.some((s) => s.role === role && s.amount !== 0)));
  const data = result.bars.map((bar) => ({ tier: `${bar.tier}${bar.rate ? ` (${bar.rate})` : ''}`, ...Object.fromEntries(present.map((role) => [role, (bar.segments.find((s) => s.role === role)?.amount ?? 0) / 100])) }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="tier"
      type="stacked"
      withLegend
      valueFormatter={(value) => formatMoney(Math.round(value * 100), result.currency, lang)}
      series={present.map((role) => ({ name: role, color: colors[role], label: t(`commissions.role.${role}`) }))}
    />
  );
}
