import type { Coordinates } from '../api-types.ts';
import { trpc } from '../trpc.ts';

/**
 * The forecast query for a place: one cache entry per place, shared by every
 * component that shows it. It asks in the API's default units and names none,
 * so the URL is the same for every visitor and every cache on the way keeps
 * one answer; the page converts to the person's units (`showForecast`).
 *
 * @example
 * useQuery(forecastQuery({ latitude: 52.52, longitude: 13.41 }));
 */
export function forecastQuery(coordinates: Coordinates) {
  return trpc.weather.forecast.queryOptions({
    latitude: coordinates.latitude,
    longitude: coordinates.longitude,
  });
}
