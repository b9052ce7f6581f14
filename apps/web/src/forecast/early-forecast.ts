// The paths' module alone, not the package's index: this entry runs before the app.
import { parsePlacePath } from '@skycast/validators/app-paths';

import type { Coordinates } from '../api-types.ts';

/** The data block a place's page carries when the server has its forecast (`kept-answers.ts`). */
const KEPT_ANSWERS_ID = 'skycast-kept-answers';

interface EarlyForecast {
  input: Coordinates;
  /** The answer, or a failure to reach the server. */
  response: Promise<Response>;
  /** Whether it was sent before a service worker controlled the page. */
  sentPastWorker: boolean;
}

// Shared by the two entries through one chunk: the early one fills it, the app takes it.
let started: EarlyForecast | undefined;

/**
 * Asks for a place page's forecast while the app's scripts are still on their
 * way, when the page did not bring it, as the app would (one public GET,
 * without cookies): the provider's round trip then overlaps the scripts'
 * download instead of following it. `<link rel=preload as=fetch>` cannot do
 * this: it would send cookies, and the app's public queries send none.
 *
 * @example
 * startEarlyForecast(document, fetch); // the `early-forecast` entry, before the app's
 */
export function startEarlyForecast(doc: Document, send: typeof fetch): void {
  const route = parsePlacePath(doc.location.pathname);
  if (!route || route.day || doc.getElementById(KEPT_ANSWERS_ID)) return;
  const input = { latitude: route.latitude, longitude: route.longitude };
  const url = `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;
  // Whether a service worker will see it, as `bypassesWorker` (offline/connection.ts) asks;
  // read here so this entry stays a few hundred bytes.
  const sentPastWorker = 'serviceWorker' in navigator && !navigator.serviceWorker.controller;
  const response = send(url, {
    credentials: 'omit',
    // As the app's link sends it: the language theme.js chose.
    headers: { 'Accept-Language': doc.documentElement.lang || 'en' },
  });
  // Whoever takes it handles a failure; until then it must not count as unhandled.
  response.catch(() => undefined);
  started = { input, response, sentPastWorker };
}

/**
 * The forecast `startEarlyForecast` asked for, once: the app makes it its
 * forecast query's first fetch, so it asks the API only once. Undefined when
 * none was started.
 */
export function takeEarlyForecast(): EarlyForecast | undefined {
  const taken = started;
  started = undefined;
  return taken;
}
