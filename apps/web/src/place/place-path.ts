import { roundCoordinate } from '@skycast/validators';

import type { Coordinates } from '../api-types.ts';

/** A place as its URL names it: `/place/<lat>,<lon>/<Name>`, and `/day/<YYYY-MM-DD>` for one day in detail. */
export interface PlaceRoute extends Coordinates {
  /** Missing when the URL gives coordinates only. */
  name: string | undefined;
  /** The day shown in detail, `YYYY-MM-DD`; missing on the place's own page. */
  day?: string | undefined;
}

const PLACE_PATH =
  /^\/place\/(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)(?:\/(?!day\/\d{4}-)([^/]*))?(?:\/day\/(\d{4}-\d\d-\d\d))?\/?$/;

/** The place rule (`roundCoordinate`): the resolution at which the API caches forecasts. */
function coordinate(value: number): string {
  return String(roundCoordinate(value));
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
 * The place a path names, or `null` when the path is not a place page or its
 * coordinates are off the globe.
 *
 * @example
 * parsePlacePath('/place/52.52,13.41/Berlin') // { latitude: 52.52, longitude: 13.41, name: 'Berlin' }
 */
export function parsePlacePath(pathname: string): PlaceRoute | null {
  const match = PLACE_PATH.exec(pathname);
  if (!match) return null;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const route: PlaceRoute = { latitude, longitude, name: decodeName(match[3]) };
  if (match[4]) route.day = match[4];
  return route;
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
