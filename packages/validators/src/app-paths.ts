/**
 * The web app's addresses, read the same way by the browser (which page to
 * render) and by the server (200 for a page the app has, 404 otherwise).
 */

import { roundCoordinate } from './place-key.ts';

/** The pages of the account flow. */
export const SIGN_IN_PATH = '/sign-in';
export const SIGN_UP_PATH = '/sign-up';
export const ACCOUNT_PATH = '/account';
export const FORGOT_PASSWORD_PATH = '/forgot-password';
/** Where an emailed reset link leads, with its token in the fragment (`#token=…`): the API writes it, the web app routes it. */
export const RESET_PASSWORD_PATH = '/reset-password';

/** Every fixed path the app renders a page for; place pages are matched by {@link parsePlacePath}. */
export const FIXED_APP_PATHS: readonly string[] = [
  '/',
  SIGN_IN_PATH,
  SIGN_UP_PATH,
  ACCOUNT_PATH,
  FORGOT_PASSWORD_PATH,
  RESET_PASSWORD_PATH,
];

/** A place as its URL names it: `/place/<lat>,<lon>/<Name>`, and `/day/<YYYY-MM-DD>` for one day in detail. */
export interface PlaceRoute {
  latitude: number;
  longitude: number;
  /** Missing when the URL gives coordinates only. */
  name: string | undefined;
  /** The day shown in detail, `YYYY-MM-DD`; missing on the place's own page. */
  day?: string | undefined;
}

const PLACE_PATH =
  /^\/place\/(-?\d{1,3}(?:\.\d{1,10})?),(-?\d{1,3}(?:\.\d{1,10})?)(?:\/(?!day\/\d{4}-)([^/]{1,1000}))?(?:\/day\/(\d{4}-\d\d-\d\d))?\/?$/;

/** The place rule (`roundCoordinate`): the resolution at which the API caches forecasts. */
function coordinate(value: number): string {
  return String(roundCoordinate(value));
}

/**
 * Whether `YYYY-MM-DD` names a day that exists (no 2026-02-30, no 2026-12-32).
 *
 * @example
 * isCalendarDate('2028-02-29') // true
 * isCalendarDate('2026-02-29') // false
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The path of a place's forecast page.
 *
 * @example
 * formatPlacePath({ latitude: 52.52437, longitude: 13.41053, name: 'Berlin' }) // '/place/52.52,13.41/Berlin'
 * formatPlacePath({ latitude: 52.52, longitude: 13.41, name: 'Berlin', day: '2026-12-03' }) // '/place/52.52,13.41/Berlin/day/2026-12-03'
 */
export function formatPlacePath(place: PlaceRoute): string {
  const base = `/place/${coordinate(place.latitude)},${coordinate(place.longitude)}`;
  const named = place.name ? `${base}/${encodeURIComponent(place.name)}` : base;
  return place.day ? `${named}/day/${place.day}` : named;
}

/**
 * Coordinates as people read them: the name of a place page that has none (the
 * web app's heading, and the first view the server writes into the page).
 *
 * @example
 * formatCoordinates({ latitude: -33.87, longitude: 151.21 }) // '33.87° S, 151.21° E'
 */
export function formatCoordinates({
  latitude,
  longitude,
}: {
  latitude: number;
  longitude: number;
}): string {
  const lat = `${Math.abs(latitude).toFixed(2)}° ${latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(longitude).toFixed(2)}° ${longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

/**
 * The place a path names, or `null` when the path is not a place page, its
 * coordinates are off the globe or its day is not in the calendar.
 *
 * @example
 * parsePlacePath('/place/52.52,13.41/Berlin') // { latitude: 52.52, longitude: 13.41, name: 'Berlin' }
 * parsePlacePath('/place/52.52,13.41/Berlin/day/2026-02-30') // null
 */
export function parsePlacePath(pathname: string): PlaceRoute | null {
  const match = PLACE_PATH.exec(pathname);
  if (!match) return null;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const route: PlaceRoute = { latitude, longitude, name: decodeName(match[3]) };
  if (match[4]) {
    if (!isCalendarDate(match[4])) return null;
    route.day = match[4];
  }
  return route;
}

/**
 * Whether the web app has a page at this path (as the browser sends it,
 * percent-encoded): the server answers others with 404.
 *
 * @example
 * isAppPath('/place/51.51,-0.13/London') // true
 * isAppPath('/place/51.51,-0.13/London/day/2026-12-32') // false
 */
export function isAppPath(pathname: string): boolean {
  return FIXED_APP_PATHS.includes(pathname) || parsePlacePath(pathname) !== null;
}

function decodeName(segment: string | undefined): string | undefined {
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment).trim() || undefined;
  } catch {
    // A malformed escape (e.g. a hand-edited "%E0"): show the segment as typed.
    return segment;
  }
}
