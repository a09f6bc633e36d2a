import { Button, Chip, Group, Pagination, Paper, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type MouseEvent, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { type WebhookStatus, webhookEventsQuery, webhookStatuses, webhookTypes } from '../../paymentsApi.ts';
import { PaymentsTabs, WebhookStatusBadge, webhookColors } from './paymentsUi.tsx';
import { WebhookEventDrawer } from './WebhookEventDrawer.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

const PAGE = 50;
const ALL = 'all';

/** /app/paiements/webhooks — the provider's events as received, their state, and replay. */
export function WebhookInboxPage() {
  const t = useT();
  const { lang } = useLang();
  const code = useCodeLabel();
  usePageTitle(t('webhooks.heading'));
  const [status, setStatus] = useState<WebhookStatus | typeof ALL>(ALL);
  const [type, setType] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);

  const filters = { status: status === ALL ? undefined : status, type: type ?? undefined, limit: PAGE, offset: (page - 1) * PAGE };
  const events = useQuery({
    ...webhookEventsQuery(filters),
    placeholderData: keepPreviousData,
    // Events still waiting for their job: watch them become processed.
    refetchInterval: (query) => ((query.state.data?.counts.received ?? 0) > 0 ? 2000 : false),
  });
  const items = events.data?.items ?? [];
  const total = events.data?.total ?? 0;
  const counts = events.data?.counts ?? {};
  const allCount = webhookStatuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const typeOptions = [...new Set([...webhookTypes, ...items.map((e) => e.type), ...(type ? [type] : [])])].map((value) => ({ value, label: value }));

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('webhooks.heading')}
        description={t('webhooks.description')}
        actions={
          <Button variant="default" size="xs" onClick={() => events.refetch()} loading={events.isFetching && !events.isPending}>
            {t('webhooks.refresh')}
          </Button>
        }
      />
      <PaymentsTabs />
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" align="flex-end" wrap="wrap" justify="space-between">
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('webhooks.filter.status')}
            </Text>
            <Chip.Group
              value={status}
              onChange={(value) => {
                setStatus(value as WebhookStatus | typeof ALL);
                setPage(1);
              }}
            >
              <Group gap={6} role="group" aria-label={t('webhooks.filter.status')}>
                <Chip value={ALL} size="sm" variant="light">
                  {t('webhooks.filter.all', { count: formatNumber(allCount, lang) })}
                </Chip>
                {webhookStatuses.map((s) => (
                  <Chip key={s} value={s} size="sm" variant="light" color={webhookColors[s]}>
                    {t('webhooks.filter.count', { label: code('webhook.status', s), count: formatNumber(counts[s] ?? 0, lang) })}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
          <Select
            label={t('webhooks.filter.type')}
            data={typeOptions}
            value={type}
            onChange={(value) => {
              setType(value);
              setPage(1);
            }}
            clearable
            searchable
            placeholder={t('payments.filter.any')}
            w={300}
          />
        </Group>
      </Paper>
      <QueryTable
        query={events}
        isEmpty={items.length === 0}
        empty={{ title: t('webhooks.empty'), description: t('webhooks.empty.description') }}
        minWidth={900}
        head={
          <>
            <Table.Th>{t('webhooks.col.received')}</Table.Th>
            <Table.Th>{t('webhooks.col.type')}</Table.Th>
            <Table.Th>{t('webhooks.col.status')}</Table.Th>
            <Table.Th ta="right">{t('webhooks.col.attempts')}</Table.Th>
            <Table.Th>{t('webhooks.col.outcome')}</Table.Th>
          </>
        }
        footer={
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('webhooks.count', { shown: items.length, total })}
            </Text>
            {total > PAGE && <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
          </Group>
        }
      >
        {items.map((e) => (
          <Table.Tr key={e.id} onClick={() => setSelected(e.id)} style={{ cursor: 'pointer' }} data-event-type={e.type}>
            <Table.Td c="dimmed" fz="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(e.receivedAt, lang)}
            </Table.Td>
            <Table.Td>
              <UnstyledButton
                fz="sm"
                ff="monospace"
                fw={500}
                onClick={(event: MouseEvent) => {
                  event.stopPropagation();
                  setSelected(e.id);
                }}
              >
                {e.type}
              </UnstyledButton>
              <Text size="xs" c="dimmed" ff="monospace">
                {e.eventId}
              </Text>
            </Table.Td>
            <Table.Td>
              <WebhookStatusBadge status={e.status} />
            </Table.Td>
            <Table.Td ta="right" fz="sm">
              {e.attempts}
            </Table.Td>
            <Table.Td fz="sm">
              {e.lastError ? (
                <Text size="xs" c="red" lineClamp={2}>
                  {e.lastError}
                </Text>
              ) : (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {e.outcome ?? '—'}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </QueryTable>
      <WebhookEventDrawer eventId={selected} onClose={() => setSelected(null)} />
    </Stack>
  );
}
