import { hasControlCharacter } from './control-characters.ts';
import {
  COUNTRY_MAX_LENGTH,
  PLACE_NAME_MAX_LENGTH,
  TIME_ZONE_MAX_LENGTH,
  TIME_ZONE_PATTERN,
} from './place-key.ts';
import type { PlaceToSave } from './places.ts';

// The same rules as `placeToSaveSchema` (test/stored-place.test.ts holds the two to
// the same answers), without zod: a browser reads its kept places before the first
// paint, and zod is more than a fifth of the JavaScript that paint would wait for.

function inRange(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

/** A name as `text({ max }).trim().min(1)` takes it, trimmed; undefined when it would refuse it. */
function name(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.length > max || hasControlCharacter(value)) return;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * A place kept in a browser, as `places.add` would take it, or undefined when
 * the API would refuse it: what a hand edit or an older release left behind.
 *
 * @example
 * parseStoredPlace({ name: ' Berlin ', latitude: 52.52, longitude: 13.41 }) // { name: 'Berlin', … }
 * parseStoredPlace({ name: 'Berlin', latitude: 91, longitude: 0 }) // undefined
 */
export function parseStoredPlace(value: unknown): PlaceToSave | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const {
    latitude,
    longitude,
    name: storedName,
    country,
    timezone,
  } = value as Record<string, unknown>;
  if (!inRange(latitude, 90) || !inRange(longitude, 180)) return;
  const placeName = name(storedName, PLACE_NAME_MAX_LENGTH);
  if (placeName === undefined) return;
  const place: PlaceToSave = { latitude, longitude, name: placeName };
  if (country !== undefined) {
    const countryName = name(country, COUNTRY_MAX_LENGTH);
    if (countryName === undefined) return;
    place.country = countryName;
  }
  if (timezone !== undefined) {
    if (
      typeof timezone !== 'string' ||
      timezone.length > TIME_ZONE_MAX_LENGTH ||
      !TIME_ZONE_PATTERN.test(timezone)
    )
      return;
    place.timezone = timezone;
  }
  return place;
}
