import { QueryClient } from '@tanstack/react-query';

import publicQueries from 'virtual:skycast/public-queries';

import type { AppRouter } from '@skycast/api';

import { shouldRetry } from './error-message.ts';
import { trpcLoadedLater } from './trpc-loaded-later.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The server keeps a forecast fresh for ten minutes; asking more often gains nothing.
      // After that, a tab that regains focus fetches again (refetchOnWindowFocus's default).
      staleTime: 10 * 60_000,
      retry: shouldRetry,
    },
  },
});

/**
 * Offline, the service worker answers weather queries from its store, so they
 * must run even when the browser reports no network ('offlineFirst'), and
 * fetch again on reconnecting however fresh they look: what arrived offline
 * was a stored copy.
 */
export const PUBLIC_QUERY_DEFAULTS = {
  networkMode: 'offlineFirst',
  refetchOnReconnect: 'always',
} as const;

/**
 * Query options for every procedure, typed from the router:
 * `useQuery(trpc.weather.forecast.queryOptions({ latitude, longitude }))`.
 * tRPC's client (trpc-links.ts) loads with the first call, after the first render.
 * A single-page app has one query client, so a module singleton is enough.
 */
export const trpc = trpcLoadedLater<AppRouter>(() =>
  import('./trpc-links.ts').then((module) => module.optionsProxy(queryClient)),
);

for (const path of publicQueries) {
  queryClient.setQueryDefaults([path.split('.')], PUBLIC_QUERY_DEFAULTS);
}
