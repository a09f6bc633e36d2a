import { Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
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
import { formatDateTime } from '../../i18n/format.ts';
import { type PaymentStatus, paymentStatuses, paymentsQuery } from '../../paymentsApi.ts';
import { PaymentStatusBadge, PaymentsTabs, useMoney } from './paymentsUi.tsx';
import { SandboxPanel } from './SandboxPanel.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

const PAGE = 50;

/** /app/paiements — every payment attempt (checkouts, renewals, free confirmations), newest first. */
export function PaymentsPage() {
  const t = useT();
  const { lang } = useLang();
  const code = useCodeLabel();
  const money = useMoney();
  usePageTitle(t('payments.heading'));
  const navigate = useNavigate();
  const list = useListFilters({ status: null as PaymentStatus | null, companyId: null as string | null, from: '', to: '' }, PAGE);
  const { status, companyId, from, to } = list.values;

  const filters = { status: status ?? undefined, companyId: companyId ?? undefined, from: completeDay(from), to: completeDay(to), limit: PAGE, offset: list.offset };
  const payments = useQuery({ ...paymentsQuery(filters), placeholderData: keepPreviousData });
  const items = payments.data?.items ?? [];
  const total = payments.data?.total ?? 0;
  const open = (orderId: string) => navigate({ to: '/app/commandes/$orderId', params: { orderId } });

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('payments.heading')} description={t('payments.description')} />
      <PaymentsTabs />
      <SandboxPanel />
      <FilterBar active={list.active} onReset={list.reset} resetLabel={t('payments.filter.reset')}>
        <CodeFilter label={t('payments.filter.status')} prefix="payment.status" codes={paymentStatuses} value={status} onChange={(value) => list.set('status', value)} placeholder={t('payments.filter.any')} w={180} />
        <CompanyFilter label={t('orders.filter.company')} placeholder={t('payments.filter.any')} value={companyId} onChange={(value) => list.set('companyId', value)} w={200} />
        <TextInput type="date" label={t('payments.filter.from')} value={from} onChange={(e) => list.set('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('payments.filter.to')} value={to} onChange={(e) => list.set('to', e.currentTarget.value)} w={170} />
      </FilterBar>
      <QueryTable
        query={payments}
        isEmpty={items.length === 0}
        empty={{ title: t('payments.empty'), description: t('payments.empty.description') }}
        minWidth={880}
        head={
          <>
            <Table.Th>{t('payments.col.date')}</Table.Th>
            <Table.Th>{t('payments.col.order')}</Table.Th>
            <Table.Th>{t('payments.col.kind')}</Table.Th>
            <Table.Th>{t('payments.col.status')}</Table.Th>
            <Table.Th ta="right">{t('payments.col.amount')}</Table.Th>
            <Table.Th ta="right">{t('payments.col.refunded')}</Table.Th>
          </>
        }
        footer={<ListFooter summary={t('payments.count', { shown: items.length, total })} total={total} pageSize={PAGE} page={list.page} onPage={list.setPage} />}
      >
        {items.map((p) => (
          <Table.Tr key={p.id} onClick={() => open(p.orderId)} style={{ cursor: 'pointer' }}>
            <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(p.succeededAt ?? p.createdAt, lang)}
            </Table.Td>
            <Table.Td>
              <UnstyledButton
                fw={600}
                fz="sm"
                ff="monospace"
                onClick={(event: MouseEvent) => {
                  event.stopPropagation();
                  void open(p.orderId);
                }}
              >
                {p.orderNumber}
              </UnstyledButton>
              <Text size="xs" c="dimmed">
                {p.customerName}
              </Text>
            </Table.Td>
            <Table.Td fz="sm">
              {code('payment.kind', p.kind)}
              <Text size="xs" c="dimmed">
                {p.provider}
              </Text>
            </Table.Td>
            <Table.Td>
              <PaymentStatusBadge status={p.status} />
              {p.failureMessage && p.status !== 'succeeded' && (
                <Text size="xs" c="red">
                  {p.failureMessage}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {money(p.amount, p.currency)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {p.refundedAmount > 0 ? money(p.refundedAmount, p.currency) : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </QueryTable>
    </Stack>
  );
}
