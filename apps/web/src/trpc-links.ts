import type { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink, type TRPCLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

import publicQueries from 'virtual:skycast/public-queries';

import type { AppRouter, MaxBatchSize } from '@skycast/api';

import { currentLanguage } from './i18n/i18n.ts';
import { bypassesWorker, noteAnswer } from './offline/connection.ts';

/** The server refuses larger batches; the type makes a mismatch a compile error. */
export const MAX_BATCH_SIZE: MaxBatchSize = 16;

/**
 * Public queries (the router's own list, read at build time) are the same for
 * everyone: sent without cookies, one GET each, so any cache may keep them.
 */
export const isPublicQuery = (op: { type: string; path: string }) =>
  op.type === 'query' && publicQueries.includes(op.path);

// The API words its error messages in the page's language, not the browser's default.
const headers = () => ({ 'Accept-Language': currentLanguage() || 'en' });

/**
 * How calls reach the API: one GET per public query, without cookies (the URL
 * alone names the answer, so the browser, a CDN and the server's memory can all
 * keep it); personal calls batched.
 */
export const apiLinks: TRPCLink<AppRouter> = splitLink({
  condition: isPublicQuery,
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
});

/**
 * tRPC's own options proxy, which makes the calls for trpc.ts's: this module
 * loads with the first call, after the first render.
 */
export const optionsProxy = (queryClient: QueryClient) =>
  createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [apiLinks] }),
    queryClient,
  });
