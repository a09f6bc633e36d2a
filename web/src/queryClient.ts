import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';
import { identityKeys } from './identityApi.ts';

// One client for the whole app, shared with the router so route guards can read the
// signed-in user from the same cache the screens use.
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A 401 anywhere means the session ended (expired, revoked from another device):
    // refetching "me" lets the back-office layout notice and send the person to sign in.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[1] !== identityKeys.me[1]) {
        void queryClient.invalidateQueries({ queryKey: identityKeys.me });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // Retrying a 4xx cannot help and only delays the error message by seconds.
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        if (error instanceof ApiError && error.kind === 'unexpected-body') return false;
        return failureCount < 1;
      },
      staleTime: 10_000,
      refetchOnWindowFocus: false,
    },
  },
});
