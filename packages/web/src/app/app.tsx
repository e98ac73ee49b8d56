// Providers, outermost first: theme, notifications, server-state cache, session, router.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from './query-client';
import { router } from './router';
import { SessionProvider } from './session/session-provider';
import { theme } from './theme';
import { setOfflineHandler } from '../lib/api';
import { offlineHandler } from '../features/offline/offline-api';

// Without a connection, the API answers from the device's encrypted store (issue 8).
setOfflineHandler(offlineHandler);

export function App() {
  return (
    <MantineProvider theme={theme} forceColorScheme="light">
      <Notifications position="top-center" limit={3} />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
