import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import {
  MAX_ANSWERS_TO_STORE,
  STORE_ANSWERS_MESSAGE,
  STORED_ANSWER_HEADER,
} from '../../service-worker/stored-answers.ts';

/**
 * Whether the page shows what the device stored rather than what the server
 * says now: the browser reports no network, or the last public answer came
 * from the service worker's store because the network failed.
 */
let servedFromStore = false;
const listeners = new Set<() => void>();

function setServedFromStore(value: boolean): void {
  if (value === servedFromStore) return;
  servedFromStore = value;
  for (const listener of listeners) listener();
}

/** Public answers that came before a service worker controlled the page (see register-service-worker.ts). */
const answeredBeforeWorker = new Set<string>();

/** Takes the URLs of the public answers no service worker saw, once. */
export function takeAnswersBeforeWorker(): string[] {
  const urls = [...answeredBeforeWorker];
  answeredBeforeWorker.clear();
  return urls;
}

/** Whether a request about to be sent goes past the service worker (none controls the page yet). */
export const bypassesWorker = (): boolean =>
  'serviceWorker' in navigator && !navigator.serviceWorker.controller;

/**
 * Called with every public answer: a stored one marks the page offline, a
 * fresh one clears it. An answer whose request went past the worker (sent
 * before it took over) is handed to it to store — now if it is in control,
 * else when it takes over.
 */
export function noteAnswer(
  response: Response,
  { sentPastWorker }: { sentPastWorker: boolean },
): void {
  setServedFromStore(response.headers.has(STORED_ANSWER_HEADER));
  if (!sentPastWorker || !response.ok) return;
  storeForOffline(response.url);
}

/**
 * Has the service worker store the public answer at `url`, which it did not
 * see pass (sent before it took over, or carried inside the page): now if it
 * is in control, else when it takes over.
 */
export function storeForOffline(url: string): void {
  if (!('serviceWorker' in navigator)) return;
  const worker = navigator.serviceWorker.controller;
  if (worker) worker.postMessage({ type: STORE_ANSWERS_MESSAGE, urls: [url] });
  else if (answeredBeforeWorker.size < MAX_ANSWERS_TO_STORE) answeredBeforeWorker.add(url);
}

/**
 * TanStack Query starts out online and only follows the `online`/`offline`
 * events; a page loaded without a network hears neither, so it is told here.
 */
export function followBrowserConnection(): void {
  if (!navigator.onLine) onlineManager.setOnline(false);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const unsubscribe = onlineManager.subscribe(listener);
  return () => {
    listeners.delete(listener);
    unsubscribe();
  };
}

const isOffline = () => servedFromStore || !onlineManager.isOnline();

/** True while what the page shows may be a stored copy: say so, never show it as current. */
export function useOffline(): boolean {
  return useSyncExternalStore(subscribe, isOffline);
}
