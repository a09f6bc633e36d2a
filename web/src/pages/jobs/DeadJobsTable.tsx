import { Button, Center, EmptyState, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type DeadJob, platformApi, queryKeys } from '../../platformApi.ts';

/** A short, readable rendering of arbitrary job JSON. Failed jobs usually carry {message}. */
function summarize(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') return value.message;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function JsonCell({ value }: { value: unknown }) {
  const text = summarize(value);
  return (
    <Text ff="monospace" fz="xs" lineClamp={3} title={text.slice(0, 2000)} style={{ wordBreak: 'break-all' }}>
      {text}
    </Text>
  );
}

export function DeadJobsTable() {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const dead = useQuery({ queryKey: queryKeys.deadJobs, queryFn: ({ signal }) => platformApi.deadJobs(signal) });

  const replay = useMutation({
    mutationFn: (job: DeadJob) => platformApi.replayDeadJob(job.queue, job.id),
    onSuccess: () => notifications.show({ color: 'teal', message: t('jobs.dead.replayed') }),
    onError: (error) => notifications.show({ color: 'red', title: t('jobs.dead.replayFailed'), message: describeError(error, t) }),
    // Refetch whatever happened: a failed replay may still mean the job moved.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.deadJobs }),
        queryClient.invalidateQueries({ queryKey: queryKeys.jobStats }),
      ]),
  });

  const items = dead.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Title order={3} fz="h4">
        {t('jobs.dead.heading')}
      </Title>
      {dead.isPending ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : dead.isError ? (
        <ErrorAlert error={dead.error} onRetry={() => dead.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="lg" py="xl">
          <EmptyState size="sm" title={t('jobs.dead.empty')} description={t('jobs.dead.empty.description')} />
        </Paper>
      ) : (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{t('jobs.dead.col.createdAt')}</Table.Th>
                  <Table.Th>{t('jobs.dead.col.queue')}</Table.Th>
                  <Table.Th>{t('jobs.dead.col.id')}</Table.Th>
                  <Table.Th w="24%">{t('jobs.dead.col.data')}</Table.Th>
                  <Table.Th w="24%">{t('jobs.dead.col.output')}</Table.Th>
                  <Table.Th ta="right">{t('jobs.dead.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((job) => (
                  <Table.Tr key={`${job.queue}/${job.id}`}>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(job.createdAt, lang)}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {job.queue}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                      {job.id}
                    </Table.Td>
                    <Table.Td>
                      <JsonCell value={job.data} />
                    </Table.Td>
                    <Table.Td c="red.8">
                      <JsonCell value={job.output} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        loading={replay.isPending && replay.variables?.id === job.id && replay.variables.queue === job.queue}
                        disabled={replay.isPending}
                        onClick={() => replay.mutate(job)}
                      >
                        {t('jobs.dead.replay')}
                      </Button>
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
