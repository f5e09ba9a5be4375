/**
 * The one QueryClient. Its caches turn failures into what a person sees: UNAUTHENTICATED
 * anywhere sends them back to the login screen; other failures become a notification unless
 * a form shows them on its fields (mutations with `meta.form`).
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { ApiError } from './api';
import { errorMessage, errorTitle } from './errors';
import { keys } from './keys';
import { currentSession, endSession } from './session';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { form?: boolean };
    /** quietIfMissing: a client the screen only decorates with (a card's extras) may be out of the person's scope; its "not found" is no news. */
    queryMeta: { quietIfMissing?: boolean };
  }
}

function handleUnauthenticated(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED') return false;
  if (currentSession(queryClient)) {
    endSession(queryClient, { message: 'Your session has ended. Please log in again.' });
  }
  return true;
}

function notifyError(err: unknown): void {
  if (err instanceof ApiError && err.code === 'SETUP_REQUIRED') {
    void queryClient.invalidateQueries({ queryKey: keys.appInfo });
    return;
  }
  notifications.show({ color: 'red', title: errorTitle(err), message: errorMessage(err) });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (query.meta?.quietIfMissing && err instanceof ApiError && err.code === 'NOT_FOUND') return;
      if (!handleUnauthenticated(err)) notifyError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => {
      if (handleUnauthenticated(err) || mutation.meta?.form) return;
      notifyError(err);
    },
    // Every change writes an audit row, so any audit list on screen is now stale.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.audit }),
  }),
  defaultOptions: {
    queries: {
      // A refused call will be refused again; only a transport hiccup is worth a retry.
      retry: (count, err) => err instanceof ApiError && err.code === 'OFFLINE' && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
    mutations: { retry: false },
  },
});
