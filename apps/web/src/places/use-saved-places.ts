import { useMutation, useQuery, type QueryKey } from '@tanstack/react-query';

import type { RouterOutputs } from '@skycast/api';

import { useAccount } from '../account/use-account.ts';
import { errorMessage } from '../error-message.ts';
import { errorWords } from '../i18n/i18n.ts';
import { queryClient, trpc } from '../trpc.ts';
import {
  localPlaces,
  MAX_LOCAL_PLACES,
  movedPlace,
  placeKey,
  useLocalPlaces,
  withPlace,
  type PlaceToSave,
} from './local-places.ts';

export type WeatherSummary = NonNullable<RouterOutputs['weather']['summaries'][number]>;

/** A saved place, in an account or in this browser. */
export interface SavedPlace extends PlaceToSave {
  /** The same for the same spot wherever it is kept (`placeKey` of `@skycast/validators`). */
  key: string;
  /** The account's id for it; `null` for a place this browser keeps. */
  id: string | null;
  /** Its weather now: `undefined` while it loads or when not asked for, `null` when unavailable. */
  weather: WeatherSummary | null | undefined;
}

/** A change to the saved places that could not be made; its message is for people. */
export class PlacesError extends Error {}

/** What to tell a person about a failed change to their places. */
export function placesErrorMessage(error: unknown): string {
  return error instanceof PlacesError ? error.message : errorMessage(error);
}

export interface SavedPlaces {
  /** Where they are kept: an account, or (for a visitor) this browser; `undefined` while asking who is signed in. */
  keptIn: 'account' | 'browser' | undefined;
  /** `undefined` while they load. */
  places: SavedPlace[] | undefined;
  /** True while a change to the account's places is on its way. */
  pending: boolean;
  /** Why they could not be loaded, with a way to try again. */
  failure: { message: string; retry: () => void } | undefined;
  /** The saved place at these coordinates, if any. */
  find: (coordinates: { latitude: number; longitude: number }) => SavedPlace | undefined;
  add: (place: PlaceToSave) => Promise<void>;
  remove: (place: SavedPlace) => Promise<void>;
  /** Puts a removed place back where it was in the list: the undo of `remove`. */
  restore: (place: SavedPlace, index: number) => Promise<void>;
  rename: (place: SavedPlace, name: string) => Promise<void>;
  /** Moves a place `offset` positions up (negative) or down. */
  move: (place: SavedPlace, offset: number) => Promise<void>;
}

/** A row of the account's place queries (`places.list`, `places.overview` in any units). */
interface AccountRow {
  id: string;
  name: string;
}

type Snapshot = [QueryKey, unknown][];

/**
 * Mutation options that change every cached list of the account's places at
 * once (`change` on each row array), put them back if the server refuses,
 * and ask the server again either way.
 */
function optimisticPlaces<Input>(
  change: (input: Input) => <Row extends AccountRow>(rows: Row[]) => Row[],
) {
  return {
    onMutate: async (input: Input): Promise<Snapshot> => {
      // An answer already on its way would overwrite the change with the old list.
      await queryClient.cancelQueries(trpc.places.pathFilter());
      const snapshot = queryClient.getQueriesData(trpc.places.pathFilter());
      queryClient.setQueriesData<AccountRow[]>(
        trpc.places.pathFilter(),
        (rows) => rows && change(input)(rows),
      );
      return snapshot;
    },
    onError: (_error: unknown, _input: Input, snapshot: Snapshot | undefined) => {
      for (const [key, rows] of snapshot ?? []) queryClient.setQueryData(key, rows);
    },
    onSettled: () => queryClient.invalidateQueries(trpc.places.pathFilter()),
  };
}

/**
 * The person's saved places, from their account when signed in or from this
 * browser otherwise, and the ways to change them. `withWeather` fetches each
 * place's weather now too, in the same single request as the list (signed in)
 * or in one request for the whole list (visitor).
 *
 * @example
 * const saved = useSavedPlaces({ withWeather: true });
 * await saved.add({ name: 'Berlin', latitude: 52.52, longitude: 13.41 });
 */
export function useSavedPlaces({ withWeather }: { withWeather: boolean }): SavedPlaces {
  const { user } = useAccount();
  const local = useLocalPlaces();
  const signedIn = Boolean(user);

  // Both ask in the API's default units, so a change of units asks nothing: the rows convert.
  const overview = useQuery({
    ...trpc.places.overview.queryOptions({}),
    enabled: signedIn && withWeather,
  });
  const list = useQuery({ ...trpc.places.list.queryOptions(), enabled: signedIn && !withWeather });
  // Sorted, so reordering or renaming never asks again.
  const points = local
    .map(({ latitude, longitude }) => ({ latitude, longitude }))
    .sort((a, b) => placeKey(a).localeCompare(placeKey(b)));
  const summaries = useQuery({
    ...trpc.weather.summaries.queryOptions({ places: points }),
    enabled: user === null && withWeather && points.length > 0,
  });

  const addPlace = useMutation(
    trpc.places.add.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.places.pathFilter()),
    }),
  );
  const removePlace = useMutation(
    trpc.places.remove.mutationOptions(
      optimisticPlaces(
        ({ id }: { id: string }) =>
          (rows) =>
            rows.filter((row) => row.id !== id),
      ),
    ),
  );
  const renamePlace = useMutation(
    trpc.places.rename.mutationOptions(
      optimisticPlaces(
        ({ id, name }: { id: string; name: string }) =>
          (rows) =>
            rows.map((row) => (row.id === id ? { ...row, name } : row)),
      ),
    ),
  );
  const reorderPlaces = useMutation(
    trpc.places.reorder.mutationOptions(
      optimisticPlaces(
        ({ ids }: { ids: string[] }) =>
          (rows) =>
            ids.map((id) => rows.find((row) => row.id === id)).filter((row) => row !== undefined),
      ),
    ),
  );

  let keptIn: SavedPlaces['keptIn'];
  let places: SavedPlace[] | undefined;
  let failed: { error: unknown; refetch: () => unknown } | undefined;
  if (user) {
    keptIn = 'account';
    const account = withWeather ? overview : list;
    const rows = withWeather
      ? overview.data
      : list.data?.map((place) => ({ ...place, weather: undefined }));
    places = rows?.map((place) => ({
      ...place,
      country: place.country ?? undefined,
      timezone: place.timezone ?? undefined,
      key: placeKey(place),
    }));
    if (account.isError) failed = account;
  } else if (user === null) {
    keptIn = 'browser';
    const weatherByKey = new Map(
      points.map((point, index) => [placeKey(point), summaries.data?.[index]]),
    );
    places = local.map((place) => ({
      ...place,
      key: placeKey(place),
      id: null,
      weather: weatherByKey.get(placeKey(place)),
    }));
    if (summaries.isError) failed = summaries;
  }

  return {
    keptIn,
    places,
    pending: [addPlace, removePlace, renamePlace, reorderPlaces].some((change) => change.isPending),
    failure: failed && {
      message: errorMessage(failed.error),
      retry: () => void failed.refetch(),
    },
    find: (coordinates) => places?.find((place) => place.key === placeKey(coordinates)),

    async add(place) {
      if (signedIn) {
        await addPlace.mutateAsync(place);
        return;
      }
      const current = localPlaces.current();
      if (current.length >= MAX_LOCAL_PLACES) {
        throw new PlacesError(errorWords('PLACE_LIMIT_REACHED', { max: MAX_LOCAL_PLACES }));
      }
      localPlaces.save(withPlace(current, place));
    },

    async remove(place) {
      if (place.id) {
        await removePlace.mutateAsync({ id: place.id });
        return;
      }
      localPlaces.save(localPlaces.current().filter((saved) => placeKey(saved) !== place.key));
    },

    async restore(place, index) {
      const toSave: PlaceToSave = {
        name: place.name,
        latitude: place.latitude,
        longitude: place.longitude,
        ...(place.country ? { country: place.country } : {}),
        ...(place.timezone ? { timezone: place.timezone } : {}),
      };
      if (signedIn) {
        const added = await addPlace.mutateAsync(toSave);
        // Added last; the others as the server has them now, with it back at its place.
        const rows = await queryClient.fetchQuery({
          ...trpc.places.list.queryOptions(),
          staleTime: 0,
        });
        const ids = rows.map((row) => row.id).filter((id) => id !== added.id);
        ids.splice(Math.min(index, ids.length), 0, added.id);
        await reorderPlaces.mutateAsync({ ids });
        return;
      }
      const current = localPlaces.current();
      if (current.some((saved) => placeKey(saved) === place.key)) return;
      if (current.length >= MAX_LOCAL_PLACES) {
        throw new PlacesError(errorWords('PLACE_LIMIT_REACHED', { max: MAX_LOCAL_PLACES }));
      }
      localPlaces.save([...current.slice(0, index), toSave, ...current.slice(index)]);
    },

    async rename(place, name) {
      const trimmed = name.trim();
      if (!trimmed) throw new PlacesError(errorWords('input.placeNameMissing'));
      if (place.id) {
        await renamePlace.mutateAsync({ id: place.id, name: trimmed });
        return;
      }
      localPlaces.save(
        localPlaces
          .current()
          .map((saved) => (placeKey(saved) === place.key ? { ...saved, name: trimmed } : saved)),
      );
    },

    async move(place, offset) {
      if (!place.id) {
        localPlaces.save(movedPlace(localPlaces.current(), place.key, offset));
        return;
      }
      const order = movedPlace(places ?? [], place.key, offset);
      const ids = order.map((saved) => saved.id).filter((id): id is string => id !== null);
      // Shown in the new order at once; put back if the server refuses.
      await reorderPlaces.mutateAsync({ ids });
    },
  };
}
