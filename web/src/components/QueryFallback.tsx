import { Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

/** What a page or a list needs of a TanStack query to show its loading and failure states. */
export interface QueryState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * What shows instead of the content while its query loads (a loader) or once it failed (the problem, with a retry and,
 * on a detail page, the way back). Pages write `if (q.isPending || q.isError) return <QueryFallback query={q} />;`,
 * which also narrows `q.data` for the rest of the page.
 */
export function QueryFallback({ query, back }: { query: QueryState; back?: ReactNode }) {
  if (query.isError) {
    const alert = <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
    return back ? (
      <Stack maw={1300}>
        {back}
        {alert}
      </Stack>
    ) : (
      alert
    );
  }
  return (
    <Center py="xl">
      <Loader />
    </Center>
  );
}
