import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

import publicQueries from 'virtual:skycast/public-queries';

import type { AppRouter, MaxBatchSize } from '@skycast/api';

import { shouldRetry } from './error-message.ts';
import { currentLanguage } from './i18n/i18n.ts';
import { bypassesWorker, noteAnswer } from './offline/connection.ts';

/** The server refuses larger batches; the type makes a mismatch a compile error. */
export const MAX_BATCH_SIZE: MaxBatchSize = 16;

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
 * Public queries (the router's own list, read at build time) are the same for
 * everyone: sent without cookies, one GET each, so any cache may keep them.
 */
export const isPublicQuery = (op: { type: string; path: string }) =>
  op.type === 'query' && publicQueries.includes(op.path);

// The API words its error messages in the page's language, not the browser's default.
const headers = () => ({ 'Accept-Language': currentLanguage() || 'en' });

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

const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: isPublicQuery,
      // One GET per public query, without cookies: the URL alone names the answer, so the
      // browser, a CDN and the server's memory can all keep it. Personal calls stay batched.
      true: httpLink({
        url: '/trpc',
        headers,
        fetch: async (url, init) => {
          const sentPastWorker = bypassesWorker();
          const response = await fetch(url, { ...init, credentials: 'omit' });
          noteAnswer(response, { sentPastWorker });
          return response;
        },
      }),
      false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_SIZE, headers }),
    }),
  ],
});

/**
 * Query options for every procedure, typed from the router:
 * `useQuery(trpc.weather.forecast.queryOptions({ latitude, longitude }))`.
 * A single-page app has one query client, so a module singleton is enough.
 */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

for (const path of publicQueries) {
  queryClient.setQueryDefaults([path.split('.')], PUBLIC_QUERY_DEFAULTS);
}
