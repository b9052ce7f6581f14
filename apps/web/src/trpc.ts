import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type OperationLink, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

import publicQueries from 'virtual:skycast/public-queries';

import type { AppRouter } from '@skycast/api';

import { shouldRetry } from './error-message.ts';

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
 * A link that loads the real ones (trpc-links.ts: HTTP, batching) with the first
 * call, so their code is not part of the first load: the first call is made once
 * the first screen has rendered, and the service worker keeps the chunk offline.
 */
function linksLoadedWithFirstCall(load: () => Promise<TRPCLink<AppRouter>>): TRPCLink<AppRouter> {
  let loading: Promise<TRPCLink<AppRouter>> | undefined;
  return (runtime) => {
    let operationLink: Promise<OperationLink<AppRouter>> | undefined;
    return ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let stopped = false;
        operationLink ??= (loading ??= load()).then((link) => link(runtime));
        operationLink.then(
          (link) => {
            if (!stopped) subscription = link({ op, next }).subscribe(observer);
          },
          (cause: unknown) => observer.error(TRPCClientError.from(cause as Error)),
        );
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
  };
}

const trpcClient = createTRPCClient<AppRouter>({
  links: [
    linksLoadedWithFirstCall(() => import('./trpc-links.ts').then((module) => module.apiLinks)),
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
