/**
 * Which requests the service worker may keep, and how a kept answer is marked.
 * Shared with the page (src/offline/), so both sides agree on the header.
 */

import publicQueries from 'virtual:skycast/public-queries';

/** Set on an answer the service worker took from its store because the network failed. */
export const STORED_ANSWER_HEADER = 'x-skycast-stored-answer';

/** The store of weather answers: its name, and how many and how long it keeps. */
export const WEATHER_STORE = {
  name: 'skycast-weather',
  maxEntries: 120,
  // A forecast spans 16 days: one several days old still says something, and its age is shown.
  maxAgeSeconds: 7 * 24 * 60 * 60,
} as const;

/**
 * Weather a person looked at — forecasts, a day, air quality, sun and moon,
 * the saved places' weather now. Only cookie-less single GETs of the router's
 * public queries: those are the same for everyone (the web app's public link
 * sends them with `credentials: 'omit'`), so nothing personal (`auth.*`,
 * `places.*`, `preferences.*`, any batch) is ever kept. Search answers are not
 * kept either: offline, search says it needs a network.
 */
export function isStorableWeatherRequest(request: {
  method: string;
  url: string;
  credentials: RequestCredentials;
}): boolean {
  if (request.method !== 'GET' || request.credentials !== 'omit') return false;
  const url = new URL(request.url);
  const procedure = url.pathname.match(/^\/trpc\/([A-Za-z.]+)$/)?.[1];
  return (
    procedure !== undefined &&
    publicQueries.includes(procedure) &&
    procedure !== 'weather.searchLocations' &&
    !url.searchParams.has('batch')
  );
}

/**
 * Whether an answer to a storable request may be kept: a 200 the server
 * marked `public` and not `no-store`. The server marks an answer with a hole
 * (a `null` for a place whose weather failed or was refused) `no-store`, so
 * a list with a missing place is never kept to be shown offline as whole.
 */
export function isStorableWeatherAnswer(response: {
  status: number;
  headers: { get(name: string): string | null };
}): boolean {
  if (response.status !== 200) return false;
  const directives = (response.headers.get('cache-control') ?? '')
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim());
  return (
    directives.includes('public') &&
    !directives.includes('no-store') &&
    !directives.includes('private')
  );
}

/** The message a page sends to have answers it got before the worker existed stored. */
export const STORE_ANSWERS_MESSAGE = 'skycast:store-answers';

/** At most this many URLs in one message; a page makes far fewer weather requests. */
export const MAX_ANSWERS_TO_STORE = 50;

/**
 * The URLs of a store-answers message that may be stored: same origin, public
 * weather only (whatever a message says, nothing else is fetched or kept).
 */
export function storeAnswersRequest(message: unknown, origin: string): string[] {
  if (typeof message !== 'object' || message === null) return [];
  const { type, urls } = message as { type?: unknown; urls?: unknown };
  if (type !== STORE_ANSWERS_MESSAGE || !Array.isArray(urls)) return [];
  return urls
    .slice(0, MAX_ANSWERS_TO_STORE)
    .filter((url): url is string => typeof url === 'string' && URL.canParse(url))
    .filter(
      (url) =>
        new URL(url).origin === origin &&
        isStorableWeatherRequest({ method: 'GET', url, credentials: 'omit' }),
    );
}
