import { Button, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type MouseEvent, useState } from 'react';
import { CodeFilter } from '../../components/list/CodeFilter.tsx';
import { CompanyFilter } from '../../components/list/CompanyFilter.tsx';
import { FilterBar } from '../../components/list/FilterBar.tsx';
import { ListFooter } from '../../components/list/ListFooter.tsx';
import { useListFilters } from '../../components/list/useListFilters.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type OrderStatus, orderStatuses, ordersQuery } from '../../paymentsApi.ts';
import { useCompanyOptions, usePermission } from '../../session.ts';
import { NewOrderModal } from './NewOrderModal.tsx';
import { OrderStatusBadge, useMoney, useRecurrence } from './paymentsUi.tsx';

const PAGE = 50;

/** /app/commandes — orders, newest first, with their status, customer and amounts. */
export function OrdersPage() {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const recurrence = useRecurrence();
  usePageTitle(t('orders.heading'));
  const navigate = useNavigate();
  const canWrite = usePermission('sales.write');
  const list = useListFilters({ search: '', status: null as OrderStatus | null, companyId: null as string | null }, PAGE);
  const { search, status, companyId } = list.values;
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);

  const filters = { q: q || undefined, status: status ?? undefined, companyId: companyId ?? undefined, limit: PAGE, offset: list.offset };
  const orders = useQuery({ ...ordersQuery(filters), placeholderData: keepPreviousData });
  const items = orders.data?.items ?? [];
  const total = orders.data?.total ?? 0;

  const companyLabel = useCompanyOptions().label;
  const open = (orderId: string) => navigate({ to: '/app/commandes/$orderId', params: { orderId } });

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('orders.heading')}
        description={t('orders.description')}
        actions={canWrite && <Button onClick={() => setCreating(true)}>{t('orders.new')}</Button>}
      />
      <FilterBar active={list.active} onReset={list.reset} resetLabel={t('payments.filter.reset')}>
        <TextInput label={t('orders.search')} placeholder={t('orders.search.placeholder')} value={search} onChange={(e) => list.set('search', e.currentTarget.value)} w={280} type="search" />
        <CodeFilter label={t('orders.filter.status')} prefix="order.status" codes={orderStatuses} value={status} onChange={(value) => list.set('status', value)} placeholder={t('payments.filter.any')} w={220} />
        <CompanyFilter label={t('orders.filter.company')} placeholder={t('payments.filter.any')} value={companyId} onChange={(value) => list.set('companyId', value)} w={200} />
      </FilterBar>
      <QueryTable
        query={orders}
        isEmpty={items.length === 0}
        empty={{ title: t('orders.empty'), description: list.active ? t('orders.empty.filtered') : t('orders.empty.description') }}
        minWidth={900}
        head={
          <>
            <Table.Th>{t('orders.col.number')}</Table.Th>
            <Table.Th>{t('orders.col.date')}</Table.Th>
            <Table.Th>{t('orders.col.customer')}</Table.Th>
            <Table.Th>{t('orders.col.status')}</Table.Th>
            <Table.Th ta="right">{t('orders.col.total')}</Table.Th>
            <Table.Th ta="right">{t('orders.col.paid')}</Table.Th>
          </>
        }
        footer={<ListFooter summary={t('orders.count', { shown: items.length, total })} total={total} pageSize={PAGE} page={list.page} onPage={list.setPage} />}
      >
        {items.map((order) => (
          <Table.Tr key={order.id} onClick={() => open(order.id)} style={{ cursor: 'pointer' }} data-order={order.number}>
            <Table.Td>
              <UnstyledButton
                fw={600}
                fz="sm"
                ff="monospace"
                onClick={(event: MouseEvent) => {
                  event.stopPropagation();
                  void open(order.id);
                }}
              >
                {order.number}
              </UnstyledButton>
              {companyLabel(order.companyId) && (
                <Text size="xs" c="dimmed">
                  {companyLabel(order.companyId)}
                </Text>
              )}
            </Table.Td>
            <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(order.createdAt, lang)}
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {order.customerName}
              </Text>
              <Text size="xs" c="dimmed">
                {order.customerEmail}
              </Text>
            </Table.Td>
            <Table.Td>
              <OrderStatusBadge status={order.status} />
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm" fw={500}>
                {money(order.totalInclTax, order.currency)}
              </Text>
              {order.interval && (
                <Text size="xs" c="dimmed">
                  {recurrence(order.interval, order.intervalCount)}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {money(order.paidAmount, order.currency)}
              {order.refundedAmount > 0 && (
                <Text size="xs" c="orange">
                  −{money(order.refundedAmount, order.currency)}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </QueryTable>
      {creating && <NewOrderModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}
