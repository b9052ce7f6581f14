/**
 * Registers the service worker (built from service-worker/sw.ts) once the page
 * has loaded, so it never competes with the first forecast for the network.
 * Only in a production build: the dev server has no sw.js.
 *
 * On a first visit the page's answers arrive before the worker exists, so none
 * would be stored; `onFirstControl` runs when it takes over, to ask again
 * through it (the browser's HTTP cache usually answers, not the server).
 */
export function registerServiceWorker({ onFirstControl }: { onFirstControl: () => void }): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const serviceWorker = navigator.serviceWorker;
  if (!serviceWorker.controller)
    serviceWorker.addEventListener('controllerchange', onFirstControl, { once: true });
  const register = () => {
    serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // The app works without it, just not offline.
      console.warn('The service worker could not be registered', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
