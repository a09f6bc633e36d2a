import { Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type MouseEvent, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { companiesQuery } from '../../identityApi.ts';
import { type PaymentStatus, paymentStatuses, paymentsQuery } from '../../paymentsApi.ts';
import { companyName, usePermission } from '../../session.ts';
import { PaymentStatusBadge, PaymentsTabs, useCode, useMoney } from './paymentsUi.tsx';
import { SandboxPanel } from './SandboxPanel.tsx';

const PAGE = 50;

/** /app/paiements — every payment attempt (checkouts, renewals, free confirmations), newest first. */
export function PaymentsPage() {
  const t = useT();
  const { lang } = useLang();
  const code = useCode();
  const money = useMoney();
  usePageTitle(t('payments.heading'));
  const navigate = useNavigate();
  const canReadCompanies = usePermission('companies.read');
  const companies = useQuery({ ...companiesQuery, enabled: canReadCompanies });
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);

  const validDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined);
  const filters = { status: status ?? undefined, companyId: companyId ?? undefined, from: validDay(from), to: validDay(to), limit: PAGE, offset: (page - 1) * PAGE };
  const payments = useQuery({ ...paymentsQuery(filters), placeholderData: keepPreviousData });
  const items = payments.data?.items ?? [];
  const total = payments.data?.total ?? 0;
  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) }));
  const hasFilters = !!(status || companyId || from || to);
  const open = (orderId: string) => navigate({ to: '/app/commandes/$orderId', params: { orderId } });
  const reset = () => {
    setStatus(null);
    setCompanyId(null);
    setFrom('');
    setTo('');
    setPage(1);
  };

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('payments.heading')} description={t('payments.description')} />
      <PaymentsTabs />
      <SandboxPanel />
      <Paper withBorder radius="lg" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('payments.filter.status')}
            data={paymentStatuses.map((s) => ({ value: s, label: code('payment.status', s) }))}
            value={status}
            onChange={(value) => {
              setStatus(value as PaymentStatus | null);
              setPage(1);
            }}
            clearable
            placeholder={t('payments.filter.any')}
            w={180}
          />
          {companyOptions.length > 0 && (
            <Select
              label={t('orders.filter.company')}
              data={companyOptions}
              value={companyId}
              onChange={(value) => {
                setCompanyId(value);
                setPage(1);
              }}
              clearable
              placeholder={t('payments.filter.any')}
              w={200}
            />
          )}
          <TextInput
            type="date"
            label={t('payments.filter.from')}
            value={from}
            onChange={(e) => {
              setFrom(e.currentTarget.value);
              setPage(1);
            }}
            w={170}
          />
          <TextInput
            type="date"
            label={t('payments.filter.to')}
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              setPage(1);
            }}
            w={170}
          />
          {hasFilters && (
            <Button variant="subtle" onClick={reset}>
              {t('payments.filter.reset')}
            </Button>
          )}
        </Group>
      </Paper>
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
        footer={
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('payments.count', { shown: items.length, total })}
            </Text>
            {total > PAGE && <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
          </Group>
        }
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
