import { MAX_PLACES, parseStoredPlace, placeKey, type PlaceToSave } from '@skycast/validators';

import { createStoredValue, useStoredValue } from '../storage/stored-value.ts';

export { placeKey, type PlaceToSave };

/** The same cap as an account's, so merging on sign-in never overflows. */
export const MAX_LOCAL_PLACES = MAX_PLACES;

/** The localStorage key of a visitor's places. */
export const LOCAL_PLACES_KEY = 'skycast:places';

/**
 * The places in stored text, keeping each valid one once: a hand edit or an
 * older release never breaks the page.
 *
 * @example
 * parseLocalPlaces('[{"name":"Berlin","latitude":52.52,"longitude":13.41}, 7]') // [{ name: 'Berlin', … }]
 */
export function parseLocalPlaces(text: string | null): PlaceToSave[] {
  let stored: unknown;
  try {
    stored = text === null ? [] : JSON.parse(text);
  } catch {
    stored = [];
  }
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const places: PlaceToSave[] = [];
  for (const candidate of stored) {
    // The API's own rules (without zod), so a place kept here is one `places.add` takes at sign-in.
    const place = parseStoredPlace(candidate);
    if (!place || seen.has(placeKey(place))) continue;
    seen.add(placeKey(place));
    places.push(place);
  }
  return places.slice(0, MAX_LOCAL_PLACES);
}

/** Adds a place at the end, unless it is there already or the list is full. */
export function withPlace(places: PlaceToSave[], place: PlaceToSave): PlaceToSave[] {
  if (places.length >= MAX_LOCAL_PLACES) return places;
  if (places.some((saved) => placeKey(saved) === placeKey(place))) return places;
  return [...places, place];
}

/** Moves the place with `key` by `offset` positions, within the list's bounds. */
export function movedPlace<T extends PlaceToSave>(places: T[], key: string, offset: number): T[] {
  const from = places.findIndex((place) => placeKey(place) === key);
  const to = Math.min(places.length - 1, Math.max(0, from + offset));
  if (from === -1 || from === to) return places;
  const next = [...places];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** A visitor's places, kept in this browser until they sign in. */
export const localPlaces = createStoredValue(LOCAL_PLACES_KEY, parseLocalPlaces);

/** A visitor's places, re-rendering when they change. */
export function useLocalPlaces(): PlaceToSave[] {
  return useStoredValue(localPlaces);
}
