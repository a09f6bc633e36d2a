import { Anchor, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDay } from '../../i18n/format.ts';
import { publicInvoicePdfUrl, publicInvoicesQuery } from '../../invoicingApi.ts';
import { useMoney } from '../payments/paymentsUi.tsx';

/** Polls at most this many times while the first invoice is awaited (it is issued by a job once the payment is confirmed). */
const MAX_POLLS = 40;

/**
 * « Vos factures » on the customer's order page: the invoice and credit notes of the order, each downloadable by a plain
 * link (the order's token is the capability). Documents still being prepared say so and the list follows them.
 */
export function PublicInvoices({ token }: { token: string }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const invoices = useQuery({
    ...publicInvoicesQuery(token),
    refetchInterval: (query) => {
      const items = query.state.data?.items;
      if (!items) return false;
      if (items.some((i) => !i.ready)) return 3000;
      return items.length === 0 && query.state.dataUpdateCount < MAX_POLLS ? 3000 : false;
    },
  });
  const items = invoices.data?.items ?? [];
  // A page without documents (or whose list failed) shows nothing rather than an error: paying still works.
  if (invoices.isError) return null;

  return (
    <Stack gap={6} component="section" aria-label={t('publicInvoices.title')}>
      <Divider />
      <Text size="sm" fw={600}>
        {t('publicInvoices.title')}
      </Text>
      {invoices.isPending ? (
        <Loader size="xs" />
      ) : items.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('publicInvoices.pending')}
          </Text>
        </Group>
      ) : (
        items.map((invoice) => (
          <Group key={invoice.id} justify="space-between" align="center" wrap="nowrap" gap="sm" data-invoice={invoice.number} data-kind={invoice.kind}>
            <Stack gap={0}>
              <Text size="sm">{t(invoice.kind === 'credit_note' ? 'publicInvoices.creditNote' : 'publicInvoices.invoice', { number: invoice.number })}</Text>
              <Text size="xs" c="dimmed">
                {formatDay(invoice.issueDate, lang)} · {money(invoice.totalInclTax, invoice.currency)}
              </Text>
            </Stack>
            {invoice.ready ? (
              <Anchor href={publicInvoicePdfUrl(token, invoice.id)} download={`${invoice.number}.pdf`} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {t('publicInvoices.download')}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('publicInvoices.preparing')}
              </Text>
            )}
          </Group>
        ))
      )}
    </Stack>
  );
}
