import { Center, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDay } from '../../i18n/format.ts';
import { orderInvoicesQuery } from '../../invoicingApi.ts';
import { useMoney } from '../payments/paymentsUi.tsx';
import { InvoiceKindBadge, InvoiceLink, InvoiceStatusBadge } from './invoicingUi.tsx';

/** Polls at most this many times while documents are expected (a job issues them moments after the money moves). */
const MAX_POLLS = 60;

/**
 * The « Factures » section of the order page: the order's invoices and credit notes, linked to their pages. An invoice
 * follows each collected payment and a credit note each confirmed refund, issued and rendered by jobs: while fewer are
 * there than `expected`, or one is still rendering, the section keeps asking.
 */
export function OrderInvoicesSection({
  order,
  expected,
}: {
  order: { id: string; companyId: string; customerName: string };
  expected: { invoices: number; creditNotes: number };
}) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const invoices = useQuery({
    ...orderInvoicesQuery(order),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      if (data.some((i) => i.status === 'rendering')) return 3000;
      const missing = data.filter((i) => i.kind === 'invoice').length < expected.invoices || data.filter((i) => i.kind === 'credit_note').length < expected.creditNotes;
      return missing && query.state.dataUpdateCount < MAX_POLLS ? 3000 : false;
    },
  });
  return (
    <SectionCard title={t('orderInvoices.title')} description={t('orderInvoices.description')}>
      {invoices.isPending ? (
        <Center py="sm">
          <Loader size="sm" />
        </Center>
      ) : invoices.isError ? (
        <ErrorAlert error={invoices.error} onRetry={() => invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('orderInvoices.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label={t('orderInvoices.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.col.number')}</Table.Th>
                <Table.Th>{t('invoices.col.date')}</Table.Th>
                <Table.Th>{t('invoices.col.kind')}</Table.Th>
                <Table.Th>{t('invoices.col.status')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.inclTax')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoices.data.map((invoice) => (
                <Table.Tr key={invoice.id} data-invoice={invoice.number}>
                  <Table.Td>
                    <InvoiceLink invoiceId={invoice.id}>{invoice.number}</InvoiceLink>
                  </Table.Td>
                  <Table.Td fz="sm">{formatDay(invoice.issueDate, lang)}</Table.Td>
                  <Table.Td>
                    <InvoiceKindBadge kind={invoice.kind} />
                  </Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={invoice.status} />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(invoice.totalInclTax, invoice.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
