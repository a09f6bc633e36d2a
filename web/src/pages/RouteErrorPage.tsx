import { Box } from '@mantine/core';
import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** Shown when a route's guard, loader or component throws, instead of the router's English default. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Box p="md">
      <ErrorAlert
        error={error}
        onRetry={() => {
          reset();
          // Re-runs guards and loaders (e.g. the session check when the server was down).
          void router.invalidate();
        }}
      />
    </Box>
  );
}
