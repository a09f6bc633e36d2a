import { Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { queryKeys } from '../../platformApi.ts';
import { DeadJobsTable } from './DeadJobsTable.tsx';
import { QueueStatsTable } from './QueueStatsTable.tsx';

export function JobsPage() {
  const t = useT();
  usePageTitle(t('jobs.heading'));
  const queryClient = useQueryClient();
  return (
    <Stack gap="xl" maw={1200}>
      <PageHeader
        title={t('jobs.heading')}
        description={t('jobs.intro')}
        actions={
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              Promise.all([
                queryClient.invalidateQueries({ queryKey: queryKeys.jobStats }),
                queryClient.invalidateQueries({ queryKey: queryKeys.deadJobs }),
              ])
            }
          >
            {t('jobs.refresh')}
          </Button>
        }
      />
      <QueueStatsTable />
      <DeadJobsTable />
    </Stack>
  );
}
