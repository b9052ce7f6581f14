import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { trpc } from '../trpc.ts';

/** The server asks the warning services every 5 minutes; an open page follows. */
const FRESH_MS = 5 * 60_000;

/**
 * The warnings at a place: the one place the page reads them from, so a
 * choice of language (or anything else asked of the service) is made here.
 *
 * @example
 * const { data, isError } = useWeatherAlerts({ latitude: 52.52, longitude: 13.41 });
 */
export function useWeatherAlerts(coordinates: Coordinates) {
  return useQuery({
    ...trpc.weather.alerts.queryOptions(coordinates),
    staleTime: FRESH_MS,
    refetchInterval: FRESH_MS,
  });
}
