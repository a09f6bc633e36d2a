import { Input, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { CodeFilter } from '../../components/list/CodeFilter.tsx';
import { CompanyFilter } from '../../components/list/CompanyFilter.tsx';
import { FilterBar } from '../../components/list/FilterBar.tsx';
import { ListFooter } from '../../components/list/ListFooter.tsx';
import { completeDay } from '../../components/list/listFilters.ts';
import { useListFilters } from '../../components/list/useListFilters.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDay } from '../../i18n/format.ts';
import { type InvoiceKind, type InvoiceStatus, invoiceStatuses, invoicesQuery } from '../../invoicingApi.ts';
import { useCompanyOptions } from '../../session.ts';
import { useMoney } from '../payments/paymentsUi.tsx';
import { pageTotals } from './invoicingForms.ts';
import { InvoiceKindBadge, InvoiceLink, InvoiceStatusBadge, InvoicingTabs } from './invoicingUi.tsx';

const PAGE = 50;

/** /app/factures — invoices and credit notes, newest first, with filters and the totals of the page shown. */
export function InvoicesPage() {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  usePageTitle(t('invoices.heading'));
  const navigate = useNavigate();
  const list = useListFilters(
    { search: '', companyId: null as string | null, kind: 'all' as InvoiceKind | 'all', status: null as InvoiceStatus | null, from: '', to: '' },
    PAGE,
  );
  const { search, companyId, kind, status, from, to } = list.values;
  const [q] = useDebouncedValue(search.trim(), 300);

  const filters = {
    q: q || undefined,
    companyId: companyId ?? undefined,
    kind: kind === 'all' ? undefined : kind,
    status: status ?? undefined,
    from: completeDay(from),
    to: completeDay(to),
    limit: PAGE,
    offset: list.offset,
  };
  const invoices = useQuery({
    ...invoicesQuery(filters),
    placeholderData: keepPreviousData,
    // Documents being rendered and mailed by a job move on by themselves: follow them.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === 'rendering') ? 3000 : false),
  });
  const items = invoices.data?.items ?? [];
  const total = invoices.data?.total ?? 0;
  const totals = pageTotals(items);

  const companyLabel = useCompanyOptions().label;
  const open = (invoiceId: string) => navigate({ to: '/app/factures/$invoiceId', params: { invoiceId } });

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('invoices.heading')} description={t('invoices.description')} />
      <InvoicingTabs />
      <FilterBar active={list.active} onReset={list.reset} resetLabel={t('invoices.filter.reset')}>
        <TextInput label={t('invoices.search')} placeholder={t('invoices.search.placeholder')} value={search} onChange={(e) => list.set('search', e.currentTarget.value)} w={200} type="search" />
        <CompanyFilter label={t('invoices.filter.company')} placeholder={t('invoices.filter.any')} value={companyId} onChange={(value) => list.set('companyId', value)} w={170} />
        <Stack gap={4}>
          <Input.Label component="span" id="invoices-kind-label">
            {t('invoices.filter.kind')}
          </Input.Label>
          <SegmentedControl
            aria-labelledby="invoices-kind-label"
            value={kind}
            onChange={(value) => list.set('kind', value as InvoiceKind | 'all')}
            data={[
              { value: 'all', label: t('invoices.filter.kind.all') },
              { value: 'invoice', label: t('invoices.filter.kind.invoice') },
              { value: 'credit_note', label: t('invoices.filter.kind.credit_note') },
            ]}
          />
        </Stack>
        <CodeFilter label={t('invoices.filter.status')} prefix="invoice.status" codes={invoiceStatuses} value={status} onChange={(value) => list.set('status', value)} placeholder={t('invoices.filter.any')} w={140} />
        <TextInput type="date" label={t('invoices.filter.from')} value={from} onChange={(e) => list.set('from', e.currentTarget.value)} w={140} />
        <TextInput type="date" label={t('invoices.filter.to')} value={to} onChange={(e) => list.set('to', e.currentTarget.value)} w={140} />
      </FilterBar>
      <QueryTable
        query={invoices}
        isEmpty={items.length === 0}
        empty={{ title: t('invoices.empty'), description: list.active ? t('invoices.empty.filtered') : t('invoices.empty.description') }}
        minWidth={1000}
        head={
          <>
            <Table.Th>{t('invoices.col.number')}</Table.Th>
            <Table.Th>{t('invoices.col.date')}</Table.Th>
            <Table.Th>{t('invoices.col.customer')}</Table.Th>
            <Table.Th>{t('invoices.col.kind')}</Table.Th>
            <Table.Th>{t('invoices.col.status')}</Table.Th>
            <Table.Th ta="right">{t('invoices.col.exclTax')}</Table.Th>
            <Table.Th ta="right">{t('invoices.col.tax')}</Table.Th>
            <Table.Th ta="right">{t('invoices.col.inclTax')}</Table.Th>
          </>
        }
        footer={
          <Stack gap="xs">
            <Paper withBorder radius="md" p="sm" aria-label={t('invoices.totals.title')} component="section" data-testid="invoice-totals">
              <Stack gap={4}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {t('invoices.totals.title')}
                </Text>
                {totals.map((entry) => {
                  const amounts = (sums: { exclTax: number; tax: number; inclTax: number }) => ({
                    exclTax: money(sums.exclTax, entry.currency),
                    tax: money(sums.tax, entry.currency),
                    inclTax: money(sums.inclTax, entry.currency),
                  });
                  return (
                    <Stack key={entry.currency} gap={2} data-currency={entry.currency}>
                      {entry.invoices.count > 0 && <Text size="sm">{t('invoices.totals.invoices', { count: entry.invoices.count, ...amounts(entry.invoices) })}</Text>}
                      {entry.creditNotes.count > 0 && <Text size="sm">{t('invoices.totals.creditNotes', { count: entry.creditNotes.count, ...amounts(entry.creditNotes) })}</Text>}
                      <Text size="sm" fw={600}>
                        {t('invoices.totals.net', amounts(entry.net))}
                      </Text>
                    </Stack>
                  );
                })}
              </Stack>
            </Paper>
            <ListFooter summary={t('invoices.count', { shown: items.length, total })} total={total} pageSize={PAGE} page={list.page} onPage={list.setPage} />
          </Stack>
        }
      >
        {items.map((invoice) => (
          <Table.Tr key={invoice.id} data-invoice={invoice.number} data-kind={invoice.kind} onClick={() => open(invoice.id)} style={{ cursor: 'pointer' }}>
            <Table.Td onClick={(event) => event.stopPropagation()}>
              <InvoiceLink invoiceId={invoice.id}>{invoice.number}</InvoiceLink>
              {companyLabel(invoice.companyId) && (
                <Text size="xs" c="dimmed">
                  {companyLabel(invoice.companyId)}
                </Text>
              )}
            </Table.Td>
            <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDay(invoice.issueDate, lang)}
            </Table.Td>
            <Table.Td fz="sm">{invoice.customerName}</Table.Td>
            <Table.Td>
              <InvoiceKindBadge kind={invoice.kind} />
            </Table.Td>
            <Table.Td>
              <InvoiceStatusBadge status={invoice.status} />
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {money(invoice.totalExclTax, invoice.currency)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {money(invoice.totalTax, invoice.currency)}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {money(invoice.totalInclTax, invoice.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </QueryTable>
    </Stack>
  );
}
