import type { Place } from '../api-types.ts';

/**
 * The region and country of a place, which tell apart places of one name.
 *
 * @example
 * placeRegion({ admin1: 'Ontario', country: 'Canada' }) // 'Ontario, Canada'
 */
export function placeRegion(place: Pick<Place, 'admin1' | 'country'>): string {
  return [place.admin1, place.country].filter((part) => part?.trim()).join(', ');
}

/** What the app keeps in a history entry when a place is chosen from the search. */
export interface PlaceHistoryState {
  region: string;
}

/** The region stored with a history entry, if it is one the app wrote. */
export function regionFromHistory(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('region' in state)) return undefined;
  return typeof state.region === 'string' && state.region ? state.region : undefined;
}
