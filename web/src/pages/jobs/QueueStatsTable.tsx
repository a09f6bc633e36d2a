import { Center, ColorSwatch, EmptyState, Group, Loader, Paper, Progress, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/fr.ts';
import { platformApi, type QueueStats, queryKeys } from '../../platformApi.ts';

// One colour per job state, shared by the bar and its legend.
const segments: { key: 'queued' | 'active' | 'deferred'; label: MessageKey; color: string }[] = [
  { key: 'queued', label: 'jobs.stats.col.queued', color: 'petrole.4' },
  { key: 'active', label: 'jobs.stats.col.active', color: 'teal.6' },
  { key: 'deferred', label: 'jobs.stats.col.deferred', color: 'yellow.5' },
];

function LoadBar({ queue }: { queue: QueueStats }) {
  const t = useT();
  const { lang } = useLang();
  // `total` also counts finished jobs, so the bar shows how much of the queue is still pending work.
  const denominator = Math.max(queue.total, queue.queued + queue.active + queue.deferred, 1);
  return (
    <Progress.Root size="lg" radius="sm">
      {segments.map((s) =>
        queue[s.key] > 0 ? (
          <Tooltip key={s.key} label={t('jobs.stats.tooltip', { state: t(s.label), count: formatNumber(queue[s.key], lang) })} withArrow>
            <Progress.Section value={(queue[s.key] / denominator) * 100} color={s.color} />
          </Tooltip>
        ) : null,
      )}
    </Progress.Root>
  );
}

function Legend() {
  const t = useT();
  return (
    <Group gap="md">
      {segments.map((s) => (
        <Group key={s.key} gap={6}>
          <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={10} withShadow={false} />
          <Text size="xs" c="dimmed">
            {t(s.label)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

export function QueueStatsTable() {
  const t = useT();
  const { lang } = useLang();
  const stats = useQuery({
    queryKey: queryKeys.jobStats,
    queryFn: ({ signal }) => platformApi.jobStats(signal),
    refetchInterval: 15_000,
  });
  const queues = stats.data?.queues ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={3} fz="h4">
          {t('jobs.stats.heading')}
        </Title>
        {queues.length > 0 && <Legend />}
      </Group>
      {stats.isPending ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : stats.isError ? (
        <ErrorAlert error={stats.error} onRetry={() => stats.refetch()} />
      ) : queues.length === 0 ? (
        <Paper withBorder radius="lg" py="xl">
          <EmptyState size="sm" title={t('jobs.stats.empty')} />
        </Paper>
      ) : (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('jobs.stats.col.queue')}</Table.Th>
                  <Table.Th ta="right">{t('jobs.stats.col.queued')}</Table.Th>
                  <Table.Th ta="right">{t('jobs.stats.col.active')}</Table.Th>
                  <Table.Th ta="right">{t('jobs.stats.col.deferred')}</Table.Th>
                  <Table.Th ta="right">{t('jobs.stats.col.total')}</Table.Th>
                  <Table.Th w="28%">{t('jobs.stats.col.load')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queues.map((q) => (
                  <Table.Tr key={q.name}>
                    <Table.Td ff="monospace" fz="sm">
                      {q.name}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(q.queued, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(q.active, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(q.deferred, lang)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {formatNumber(q.total, lang)}
                    </Table.Td>
                    <Table.Td>
                      <LoadBar queue={q} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
