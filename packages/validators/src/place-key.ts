/**
 * What names a place, without zod: the web app's first screen imports these,
 * so they must not pull the schema library into the first load.
 */

/** How many places one person may keep, in an account or in a browser. */
export const MAX_PLACES = 50;
export const PLACE_NAME_MAX_LENGTH = 100;
export const COUNTRY_MAX_LENGTH = 100;
export const TIME_ZONE_MAX_LENGTH = 64;
/** An IANA time zone's name as the geocoder gives it (`Europe/Berlin`). */
export const TIME_ZONE_PATTERN = /^[A-Za-z][\w+/-]*$/;

/**
 * Two points that agree to this many decimals (0.01° ≈ 1.1 km) are the same
 * place: in a place page's URL, in a saved list and in the forecast cache.
 */
export const PLACE_DECIMALS = 2;

/**
 * A coordinate rounded to {@link PLACE_DECIMALS}; never `-0`.
 *
 * @example
 * roundCoordinate(52.5243) // 52.52
 */
export function roundCoordinate(value: number): number {
  const scale = 10 ** PLACE_DECIMALS;
  return Math.round(value * scale) / scale || 0;
}

/**
 * The same text for the same place wherever it is kept.
 *
 * @example
 * placeKey({ latitude: 52.5243, longitude: 13.4049 }) // '52.52,13.4'
 */
export function placeKey(place: { latitude: number; longitude: number }): string {
  return `${roundCoordinate(place.latitude)},${roundCoordinate(place.longitude)}`;
}
