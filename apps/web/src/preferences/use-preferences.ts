import { useCallback, useSyncExternalStore } from 'react';

import { parsePreferences, PREFERENCES_KEY, type Preferences } from './preferences.ts';

/**
 * The one place preferences live. For visitors that is localStorage; a
 * signed-in person's preferences can later be kept on the server by changing
 * only this module (read them into `current`, save them in `setPreferences`).
 */
const CHANGED = 'skycast:preferences-changed';

let cachedText: string | null | undefined;
let cached: Preferences = parsePreferences(null);
/** Where changes go when storage is switched off: they last as long as the page. */
let unsavedText: string | null = null;

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(PREFERENCES_KEY);
  } catch {
    return unsavedText;
  }
}

/** The current preferences; the same object until they change, as useSyncExternalStore needs. */
export function currentPreferences(): Preferences {
  const text = readStorage();
  if (text !== cachedText) {
    cachedText = text;
    cached = parsePreferences(text);
  }
  return cached;
}

function subscribe(onChange: () => void): () => void {
  // `storage` fires when another tab changes them.
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** Saves a change to some preferences and tells every component that reads them. */
export function savePreferences(change: Partial<Preferences>): void {
  const next = { ...currentPreferences(), ...change };
  try {
    window.localStorage.setItem(PREFERENCES_KEY, JSON.stringify(next));
  } catch {
    unsavedText = JSON.stringify(next);
  }
  window.dispatchEvent(new Event(CHANGED));
}

export interface UsePreferences extends Preferences {
  setPreferences(change: Partial<Preferences>): void;
}

/**
 * The visitor's units, wind unit and theme, and a way to change them.
 *
 * @example
 * const { units, windUnit, setPreferences } = usePreferences();
 * setPreferences({ units: 'imperial' });
 */
export function usePreferences(): UsePreferences {
  const preferences = useSyncExternalStore(subscribe, currentPreferences);
  const setPreferences = useCallback((change: Partial<Preferences>) => savePreferences(change), []);
  return { ...preferences, setPreferences };
}
