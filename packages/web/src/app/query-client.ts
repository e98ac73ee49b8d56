// Server-state cache. Connections in the district are slow: answers stay fresh for a while, nothing is
// refetched just because the window regained focus, and only network failures are retried (a 4xx
// answer will not change by asking again).
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Offline the app answers from the device's store (features/offline), so queries run without a connection.
      networkMode: 'always',
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        // The device answered (offline): asking again gives the same answer.
        if (isApiError(error) && error.code.startsWith('OFFLINE_')) return false;
        if (isApiError(error) && error.status !== 0) return error.status >= 500 && failureCount < 1;
        return failureCount < 2;
      },
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

/** Keys kept when a user signs out or another user signs in: everything else belongs to the old session. */
export const SESSION_KEYS = { me: ['me'], meta: ['meta'] } as const;

/**
 * Answers that belong to one server session rather than to the user (a two-factor secret being set up):
 * reset when a re-sign-in replaces the session, because the new session does not know them.
 */
export const SESSION_BOUND_KEY = ['session-bound'] as const;
