import { keepPreviousData } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import type { Preferences } from '../preferences/preferences.ts';
import { trpc } from '../trpc.ts';

/**
 * The forecast query for a place in the visitor's units: one cache entry per
 * place and units, shared by every component that shows it. While other units
 * load, the page keeps showing the previous ones, all of a piece.
 *
 * @example
 * useQuery(forecastQuery({ latitude: 52.52, longitude: 13.41 }, usePreferences()));
 */
export function forecastQuery(
  coordinates: Coordinates,
  { units, windUnit }: Pick<Preferences, 'units' | 'windUnit'>,
) {
  return trpc.weather.forecast.queryOptions(
    { latitude: coordinates.latitude, longitude: coordinates.longitude, units, windUnit },
    { placeholderData: keepPreviousData },
  );
}
