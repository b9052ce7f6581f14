import { useSyncExternalStore } from 'react';

export interface StoredValue<T> {
  /** The value now; the same object until it changes, as useSyncExternalStore needs. */
  current: () => T;
  /** Stores a new value (`null` removes it) and tells every component that reads it. */
  save: (value: T | null) => void;
  /** Calls `onChange` whenever the value changes, in this tab or another; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * A value kept in localStorage under `key`, parsed leniently by `parse`, that
 * components read with `useStoredValue`. With storage switched off (private modes,
 * policies), changes last as long as the page.
 *
 * @example
 * const places = createStoredValue('skycast:places', parseLocalPlaces);
 * places.save([...places.current(), berlin]);
 */
export function createStoredValue<T>(
  key: string,
  parse: (text: string | null) => T,
): StoredValue<T> {
  const changed = `${key}:changed`;
  let cachedText: string | null | undefined;
  let cached: T = parse(null);
  let unsavedText: string | null = null;

  function read(): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return unsavedText;
    }
  }

  function current(): T {
    const text = read();
    if (text !== cachedText) {
      cachedText = text;
      cached = parse(text);
    }
    return cached;
  }

  function subscribe(onChange: () => void): () => void {
    // `storage` fires when another tab changes the value.
    window.addEventListener('storage', onChange);
    window.addEventListener(changed, onChange);
    return () => {
      window.removeEventListener('storage', onChange);
      window.removeEventListener(changed, onChange);
    };
  }

  return {
    current,
    save(value) {
      const text = value === null ? null : JSON.stringify(value);
      try {
        if (text === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, text);
      } catch {
        unsavedText = text;
      }
      window.dispatchEvent(new Event(changed));
    },
    subscribe,
  };
}

/** The stored value, re-rendering the component when it changes. */
export function useStoredValue<T>(value: StoredValue<T>): T {
  return useSyncExternalStore(value.subscribe, value.current);
}
