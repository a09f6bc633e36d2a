import { EmptyState, Paper, Stack, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryFallback, type QueryState } from './QueryFallback.tsx';

/**
 * A back-office list: a loader while the query runs, the problem (with a retry) when it
 * fails, an empty state when there is nothing, else a scrollable table with its header.
 */
export function QueryTable({
  query,
  isEmpty,
  empty,
  minWidth,
  head,
  highlightOnHover = true,
  footer,
  children,
}: {
  query: QueryState;
  isEmpty: boolean;
  /** The EmptyState's title and description. */
  empty: { title: ReactNode; description?: ReactNode };
  minWidth: number;
  /** The header cells (Table.Th). */
  head: ReactNode;
  highlightOnHover?: boolean;
  /** Shown under the table (counts, paging). */
  footer?: ReactNode;
  /** The rows (Table.Tr). */
  children: ReactNode;
}) {
  if (query.isPending || query.isError) return <QueryFallback query={query} />;
  if (isEmpty) {
    return (
      <Paper withBorder radius="lg" py={56}>
        <EmptyState title={empty.title} description={empty.description} />
      </Paper>
    );
  }
  const table = (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table highlightOnHover={highlightOnHover} verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
  return footer ? (
    <Stack gap="xs">
      {table}
      {footer}
    </Stack>
  ) : (
    table
  );
}
