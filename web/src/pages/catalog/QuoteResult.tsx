import { Group, List, Stack, Table, Text } from '@mantine/core';
import type { Quote } from '../../catalogApi.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatMoney } from '../../money.ts';

/** A quote from POST /api/catalog/pricing/quote: lines, totals, monthly equivalent and the French breakdown. */
export function QuoteResult({ quote }: { quote: Quote }) {
  const t = useT();
  const { lang } = useLang();
  const money = (minor: number) => formatMoney(minor, quote.currency, lang);
  const monthly = quote.lines.reduce((sum, line) => sum + (line.monthly_equivalent ?? 0), 0);
  return (
    <Stack gap="sm" aria-label={t('simulator.result')}>
      <Text size="xs" c="dimmed">
        {quote.product.name} · {quote.plan.name} — {t('simulator.version', { version: quote.product_version, date: quote.date })}
      </Text>
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('simulator.col.description')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.unit')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.quantity')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.excl')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.rate')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.incl')}</Table.Th>
              <Table.Th ta="right">{t('simulator.col.monthly')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quote.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: quote lines are positional
              <Table.Tr key={i}>
                <Table.Td>
                  {line.description}
                  {line.tax_mention && (
                    <Text size="xs" c="dimmed">
                      {line.tax_mention}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{money(line.unit_amount)}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td ta="right">{money(line.amount_excl_tax)}</Table.Td>
                <Table.Td ta="right">{line.tax_rate}</Table.Td>
                <Table.Td ta="right">{money(line.amount_incl_tax)}</Table.Td>
                <Table.Td ta="right">{line.monthly_equivalent === null ? '—' : money(line.monthly_equivalent)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="xl">
        <Text size="sm">
          {t('simulator.total.excl')} : <b>{money(quote.total_excl_tax)}</b>
        </Text>
        <Text size="sm">
          {t('simulator.total.tax')} : <b>{money(quote.total_tax)}</b>
        </Text>
        <Text size="sm">
          {t('simulator.total.incl')} : <b>{money(quote.total_incl_tax)}</b>
        </Text>
      </Group>
      {monthly > 0 && (
        <Text size="sm" ta="right" c="dimmed">
          {t('simulator.monthly', { amount: money(monthly) })}
        </Text>
      )}
      {quote.breakdown.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('simulator.breakdown')}
          </Text>
          <List size="sm" spacing={2}>
            {quote.breakdown.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: breakdown steps are positional
              <List.Item key={i}>
                {step.detail}
                {step.amount !== undefined && ` — ${money(step.amount)}`}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
