import { Box } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** Shown when a route's loader or component throws, instead of the router's English default. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  return (
    <Box p="md">
      <ErrorAlert error={error} onRetry={reset} />
    </Box>
  );
}
