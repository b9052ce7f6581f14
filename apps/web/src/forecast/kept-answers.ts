import type { QueryClient } from '@tanstack/react-query';

import type { Forecast } from '../api-types.ts';
import { noteAnswer, storeForOffline } from '../offline/connection.ts';
import { trpc } from '../trpc.ts';
import { takeEarlyForecast } from './early-forecast.ts';
import { forecastQuery } from './forecast-query.ts';

/** The data block a place's page carries (the server's `page-html.ts` writes it). */
const ELEMENT_ID = 'skycast-kept-answers';

interface KeptForecast {
  procedure: 'weather.forecast';
  input: { latitude: number; longitude: number };
  /** Epoch ms: when the server made the answer, so it goes stale when the server's would. */
  madeAt: number;
  /** The JSON `/trpc/weather.forecast` sent: the server's validated output. */
  response: { result: { data: Forecast } };
}

function isKeptForecast(value: unknown): value is KeptForecast {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Partial<Record<keyof KeptForecast, unknown>>;
  const input = answer.input as { latitude?: unknown; longitude?: unknown } | null | undefined;
  const response = answer.response as { result?: { data?: unknown } } | null | undefined;
  return (
    answer.procedure === 'weather.forecast' &&
    typeof input?.latitude === 'number' &&
    typeof input.longitude === 'number' &&
    typeof answer.madeAt === 'number' &&
    typeof response?.result?.data === 'object'
  );
}

/**
 * Puts the answers the server embedded in the page (a place's forecast, the
 * same public answer `/trpc` would send) into the query cache before the first
 * render, so the page shows them without a second round trip, and has the
 * service worker store them for offline once it can (in the background). The
 * block is read once and removed: a later page in the same tab fetches as usual.
 *
 * @example
 * seedKeptAnswers(queryClient); // before createRoot(…).render(…)
 */
export function seedKeptAnswers(queryClient: QueryClient, doc: Document = document): void {
  const element = doc.getElementById(ELEMENT_ID);
  if (!element) return;
  element.remove();
  let parsed: unknown;
  try {
    parsed = JSON.parse(element.textContent ?? '');
  } catch {
    return;
  }
  const answers = (parsed as { answers?: unknown } | null)?.answers;
  if (!Array.isArray(answers)) return;
  for (const answer of answers as unknown[]) {
    if (!isKeptForecast(answer)) continue;
    queryClient.setQueryData(
      trpc.weather.forecast.queryKey(answer.input),
      answer.response.result.data,
      // Never in the future: a server clock ahead of this one would keep it fresh too long.
      { updatedAt: Math.min(answer.madeAt, Date.now()) },
    );
    // Kept for offline as if fetched: the URL the app's own request would have had.
    storeForOffline(
      `${doc.location.origin}/trpc/${answer.procedure}?input=${encodeURIComponent(JSON.stringify(answer.input))}`,
    );
  }
}

/**
 * Makes the forecast the early entry asked for (`early-forecast.ts`) the first
 * fetch of that place's forecast query, before the first render: the page's
 * own query then waits for it instead of asking again. Should it fail, the
 * query asks as it always does, so its errors are the usual ones.
 *
 * @example
 * adoptEarlyForecast(queryClient); // before createRoot(…).render(…)
 */
export function adoptEarlyForecast(queryClient: QueryClient): void {
  const early = takeEarlyForecast();
  if (!early) return;
  const options = forecastQuery(early.input);
  const { queryFn } = options;
  if (typeof queryFn !== 'function') return;
  void queryClient.prefetchQuery({
    ...options,
    queryFn: (context) =>
      early.response
        .then(async (response) => {
          // As the app's link does with every public answer: offline state, storing for offline.
          noteAnswer(response, { sentPastWorker: early.sentPastWorker });
          if (!response.ok) throw new Error(`The early forecast was answered ${response.status}.`);
          return ((await response.json()) as { result: { data: Forecast } }).result.data;
        })
        .catch(() => queryFn(context)),
  });
}
