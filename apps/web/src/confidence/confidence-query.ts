import type { Coordinates } from '../api-types.ts';
import { trpc } from '../trpc.ts';

/** How sure the forecast is at a place: one cached answer per place, shared by the page's parts. */
export function confidenceQuery(coordinates: Coordinates) {
  return trpc.weather.confidence.queryOptions({
    latitude: coordinates.latitude,
    longitude: coordinates.longitude,
  });
}
