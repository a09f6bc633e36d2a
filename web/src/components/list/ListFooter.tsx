import { Group, Pagination, Text } from '@mantine/core';
import { pageCount } from './listFilters.ts';

/** Under a paged list: how many rows are shown of how many, and the pages when there is more than one. */
export function ListFooter({ summary, total, pageSize, page, onPage }: { summary: string; total: number; pageSize: number; page: number; onPage: (page: number) => void }) {
  return (
    <Group justify="space-between">
      <Text size="xs" c="dimmed">
        {summary}
      </Text>
      {total > pageSize && <Pagination size="sm" total={pageCount(total, pageSize)} value={page} onChange={onPage} />}
    </Group>
  );
}
