import { formatPlacePath, parsePlacePath } from './place-path.ts';

/** Where the last place page viewed is kept, so a return to `/` opens it again. */
export const LAST_PLACE_KEY = 'skycast:last-place';

/** Remembers a place page's path; quietly does nothing when storage is off. */
export function rememberPlace(path: string): void {
  try {
    window.localStorage.setItem(LAST_PLACE_KEY, path);
  } catch {
    // Without storage the start page shows instead: nothing breaks.
  }
}

/** The path of the last place viewed, when one was stored and is still a valid place path. */
export function lastPlacePath(): string | undefined {
  let stored: string | null;
  try {
    stored = window.localStorage.getItem(LAST_PLACE_KEY);
  } catch {
    return undefined;
  }
  const route = stored ? parsePlacePath(stored) : null;
  return route ? formatPlacePath(route) : undefined;
}
