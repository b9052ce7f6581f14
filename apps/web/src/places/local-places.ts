import type { RouterInputs } from '@skycast/api';

import { createStoredValue, useStoredValue } from '../storage/stored-value.ts';

/** A place as `places.add` takes it: what a visitor's browser keeps too. */
export type PlaceToSave = RouterInputs['places']['add'];

/** The same cap as an account's, so merging on sign-in never overflows. */
export const MAX_LOCAL_PLACES = 50;

/** The localStorage key of a visitor's places. */
export const LOCAL_PLACES_KEY = 'skycast:places';

/**
 * Two decimals (~1 km), the precision of a place's URL: two saves of the same
 * page are one place.
 *
 * @example
 * placeKey({ latitude: 52.5200, longitude: 13.4049 }) // '52.52,13.4'
 */
export function placeKey(place: { latitude: number; longitude: number }): string {
  const round = (value: number) => Math.round(value * 100) / 100 || 0;
  return `${round(place.latitude)},${round(place.longitude)}`;
}

function isPlace(value: unknown): value is PlaceToSave {
  if (typeof value !== 'object' || value === null) return false;
  const { name, latitude, longitude } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    name.trim().length > 0 &&
    name.length <= 100 &&
    typeof latitude === 'number' &&
    Math.abs(latitude) <= 90 &&
    typeof longitude === 'number' &&
    Math.abs(longitude) <= 180
  );
}

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
    if (!isPlace(candidate) || seen.has(placeKey(candidate))) continue;
    seen.add(placeKey(candidate));
    const { name, latitude, longitude, country, timezone } = candidate;
    places.push({
      name,
      latitude,
      longitude,
      ...(typeof country === 'string' ? { country } : {}),
      ...(typeof timezone === 'string' ? { timezone } : {}),
    });
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
