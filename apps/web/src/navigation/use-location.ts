import { useSyncExternalStore } from 'react';

/** Fired after `navigate`, since `pushState` itself tells no one. */
const NAVIGATED = 'skycast:navigated';

let navigatedInApp = false;

function subscribe(onChange: () => void): () => void {
  const handle = () => {
    navigatedInApp = true;
    onChange();
  };
  window.addEventListener('popstate', handle);
  window.addEventListener(NAVIGATED, handle);
  return () => {
    window.removeEventListener('popstate', handle);
    window.removeEventListener(NAVIGATED, handle);
  };
}

/**
 * Whether the page shown was reached inside the app (a click, back/forward)
 * rather than loaded: only then does focus move to the new page's heading.
 */
export function arrivedInApp(): boolean {
  return navigatedInApp;
}

/** The current path; re-renders on `navigate` and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The state stored with the current history entry (`unknown`: it may come from an older release). */
export function useHistoryState(): unknown {
  return useSyncExternalStore(subscribe, () => window.history.state as unknown);
}

/**
 * Goes to a path inside the app, adding a history entry.
 *
 * @example
 * navigate('/place/52.52,13.41/Berlin', { region: 'Land Berlin, Germany' });
 */
export function navigate(path: string, state: unknown = null): void {
  if (path === window.location.pathname) return;
  navigatedInApp = true;
  window.history.pushState(state, '', path);
  window.scrollTo({ top: 0 });
  window.dispatchEvent(new Event(NAVIGATED));
}

/**
 * Gives the current page a better address without a new history entry (and
 * without moving focus or scrolling): a located place once it has a name.
 *
 * @example
 * replacePath('/place/48.14,11.58/Munich', { region: 'Bavaria, Germany' });
 */
export function replacePath(path: string, state: unknown = null): void {
  window.history.replaceState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}
