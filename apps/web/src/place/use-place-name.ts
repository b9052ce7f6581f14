import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

import { currentLanguage } from '../i18n/i18n.ts';
import { replacePath } from '../navigation/use-location.ts';
import { trpc } from '../trpc.ts';
import { formatPlacePath, type PlaceRoute } from './place-path.ts';
import { placeRegion, type PlaceHistoryState } from './place-region.ts';

/**
 * A place page opened by coordinates alone ("Use my location", typed
 * coordinates, an old link) asks the server for the town there, and once it
 * has it, puts the name in the address — so the heading, the title, a saved
 * place and a shared link all carry the name. Where none is known (at sea,
 * offline) the coordinates stay.
 */
export function usePlaceName(route: PlaceRoute): void {
  const unnamed = route.name === undefined;
  const nearest = useQuery({
    ...trpc.weather.nearestPlace.queryOptions({
      latitude: route.latitude,
      longitude: route.longitude,
      language: currentLanguage(),
    }),
    enabled: unnamed,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const place = unnamed ? nearest.data : undefined;

  useEffect(() => {
    if (!place) return;
    const state: PlaceHistoryState = { region: placeRegion(place) };
    // The point stays the person's own; the name is the town it lies in.
    replacePath(formatPlacePath({ ...route, name: place.name }), state);
  }, [place, route]);
}
