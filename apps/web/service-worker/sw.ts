/**
 * Skycast's service worker (built by vite-plugin-pwa's injectManifest into
 * dist/sw.js). It keeps the app shell for offline use and the last weather
 * answers a person saw; nothing personal. See docs/architecture.md, "The web app".
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';

import {
  isStorableWeatherAnswer,
  isStorableWeatherRequest,
  STORED_ANSWER_HEADER,
  storeAnswersRequest,
  WEATHER_STORE,
} from './stored-answers.ts';
import './push.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

// A new release takes over at once. Pages always load a fresh index.html from
// the network (below), so an open page never mixes two releases' shells.
void self.skipWaiting();
clientsClaim();

// Every page is index.html. From the network first (it is `no-cache` on the
// server, so a deploy shows at once); the precached copy only when offline.
const OFFLINE_SHELL: WorkboxPlugin = {
  handlerDidError: async () => (await matchPrecache('index.html')) ?? Response.error(),
};
registerRoute(
  new NavigationRoute(new NetworkOnly({ plugins: [OFFLINE_SHELL] }), {
    denylist: [/^\/(api|trpc|assets)(\/|$)/, /^\/(livez|readyz)$/],
  }),
);

// The shell: fingerprinted scripts and styles, icons, index.html (the offline fallback).
// After the pages' route, so `/` is never answered from here first.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Marks an answer from the store, so the page can say it is offline rather than show it as current.
const MARK_STORED: WorkboxPlugin = {
  cachedResponseWillBeUsed: ({ cachedResponse }) => {
    if (!cachedResponse) return Promise.resolve(cachedResponse);
    const headers = new Headers(cachedResponse.headers);
    headers.set(STORED_ANSWER_HEADER, '1');
    return Promise.resolve(
      new Response(cachedResponse.body, {
        status: cachedResponse.status,
        statusText: cachedResponse.statusText,
        headers,
      }),
    );
  },
};
// Only whole public answers are kept (this replaces Workbox's "any 200"): one the
// server sent `no-store`, such as a list with a null for a place that failed, never is.
const WHOLE_ANSWERS_ONLY: WorkboxPlugin = {
  cacheWillUpdate: ({ response }) =>
    Promise.resolve(isStorableWeatherAnswer(response) ? response : null),
};
const weatherAnswers = new NetworkFirst({
  cacheName: WEATHER_STORE.name,
  // The URL alone names a public answer; Vary (encoding, accept) must not hide it offline.
  matchOptions: { ignoreVary: true },
  plugins: [
    new ExpirationPlugin({
      maxEntries: WEATHER_STORE.maxEntries,
      maxAgeSeconds: WEATHER_STORE.maxAgeSeconds,
    }),
    WHOLE_ANSWERS_ONLY,
    MARK_STORED,
  ],
});
registerRoute(({ request }) => isStorableWeatherRequest(request), weatherAnswers);

// A first visit's answers arrived before this worker existed: the page sends their URLs
// once it is in control, and they are stored as if they had come through here (usually
// from the browser's HTTP cache, without asking the server again).
self.addEventListener('message', (event) => {
  const urls = storeAnswersRequest(event.data, self.location.origin);
  if (urls.length === 0) return;
  event.waitUntil(
    Promise.allSettled(
      urls.map((url) =>
        weatherAnswers.handle({ event, request: new Request(url, { credentials: 'omit' }) }),
      ),
    ),
  );
});
