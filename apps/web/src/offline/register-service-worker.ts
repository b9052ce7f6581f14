import { STORE_ANSWERS_MESSAGE } from '../../service-worker/stored-answers.ts';
import { takeAnswersBeforeWorker } from './connection.ts';

/**
 * Registers the service worker (built from service-worker/sw.ts). main.tsx
 * loads this module and calls it once the page has loaded, so neither it nor
 * the worker competes with the first forecast for the network.
 * Only in a production build: the dev server has no sw.js.
 *
 * On a first visit the page's answers arrive before the worker exists; once
 * it controls the page (now, or when it takes over), it is told their URLs
 * so that this visit too is kept for offline.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const serviceWorker = navigator.serviceWorker;
  const tellWorker = () => {
    const urls = takeAnswersBeforeWorker();
    if (urls.length > 0)
      serviceWorker.controller?.postMessage({ type: STORE_ANSWERS_MESSAGE, urls });
  };
  if (serviceWorker.controller) tellWorker();
  else serviceWorker.addEventListener('controllerchange', tellWorker, { once: true });
  serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    // The app works without it, just not offline.
    console.warn('The service worker could not be registered', error);
  });
}
