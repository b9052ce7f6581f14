import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { trpc } from '../trpc.ts';

/** Computed, not forecast: it changes only when the place's day does. */
const STALE_MS = 30 * 60_000;

/**
 * Sunrise, sunset and the moon for the coming `days`: the page's one source of
 * sun times (the sun and moon card and a day's summary both read it), so no
 * two places on the page disagree by a minute.
 *
 * @example
 * const sun = useSunAndMoon({ latitude: 51.51, longitude: -0.13 }, 10);
 */
export function useSunAndMoon(coordinates: Coordinates, days: number) {
  return useQuery({
    ...trpc.weather.sunAndMoon.queryOptions({ ...coordinates, days }),
    staleTime: STALE_MS,
  });
}
