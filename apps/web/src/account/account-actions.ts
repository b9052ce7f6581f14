import { useMutation } from '@tanstack/react-query';

import { placeKey } from '@skycast/validators';

import { errorReason } from '../error-message.ts';
import { localPlaces, type PlaceToSave } from '../places/local-places.ts';
import { currentPreferences, storePreferences } from '../preferences/use-preferences.ts';
import { queryClient, trpc } from '../trpc.ts';
import type { User } from './use-account.ts';

/**
 * After a sign-up or sign-in: the places this browser kept go into the account
 * (one batched request; places already there are skipped), and preferences
 * are reconciled — a new account takes this browser's choices, an existing
 * one brings its own here. The person is signed in whatever happens to the
 * merge: what could not go into the account stays in this browser, and is
 * offered again at the next sign-in.
 *
 * @example
 * const startSession = useStartSession();
 * useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: (user) => startSession(user, 'signIn') }));
 */
export function useStartSession(): (user: User, how: 'signUp' | 'signIn') => Promise<void> {
  const addPlace = useMutation(trpc.places.add.mutationOptions());
  const reorderPlaces = useMutation(trpc.places.reorder.mutationOptions());
  const updatePreferences = useMutation(trpc.preferences.update.mutationOptions());

  async function mergeBrowserPlaces(): Promise<void> {
    const local = localPlaces.current();
    if (local.length === 0) return;
    const added = await Promise.allSettled(local.map((place) => addPlace.mutateAsync(place)));
    // A place the account already has is merged as surely as a new one;
    // one it cannot take (it is full) stays here.
    const kept = local.filter((_, index) => {
      const outcome = added[index];
      return (
        outcome?.status === 'rejected' && errorReason(outcome.reason) !== 'PLACE_ALREADY_SAVED'
      );
    });
    if (added.some((outcome) => outcome.status === 'fulfilled')) await keepLocalOrder(local);
    localPlaces.save(kept.length > 0 ? kept : null);
  }

  /**
   * The adds ran together, so the server took them in any order: put the
   * account's own places first, then the browser's in the order the person had.
   */
  async function keepLocalOrder(local: PlaceToSave[]): Promise<void> {
    const account = await queryClient.fetchQuery(trpc.places.list.queryOptions());
    const rank = new Map(local.map((place, index) => [placeKey(place), index]));
    const position = (place: { latitude: number; longitude: number }) =>
      rank.get(placeKey(place)) ?? -1;
    const ids = account
      .map((place, index) => ({ id: place.id, order: position(place), index }))
      .sort((a, b) => a.order - b.order || a.index - b.index)
      .map((place) => place.id);
    await reorderPlaces.mutateAsync({ ids });
  }

  return async (user, how) => {
    try {
      await mergeBrowserPlaces();
      // Either way the account's read is then in the query cache, so the page
      // does not read it again (and overwrite a change made meanwhile).
      const preferences =
        how === 'signUp'
          ? await updatePreferences.mutateAsync(currentPreferences())
          : await queryClient.fetchQuery(trpc.preferences.get.queryOptions());
      queryClient.setQueryData(trpc.preferences.get.queryKey(), preferences);
      storePreferences(preferences);
    } catch {
      // The account was not reachable just now: what did not go into it stays in this browser.
    } finally {
      // Only now does the page turn signed in, so nothing reads the account half-merged.
      queryClient.setQueryData(trpc.auth.me.queryKey(), user);
      await queryClient.invalidateQueries(trpc.places.pathFilter());
    }
  };
}

/** What signing out leaves behind: nobody signed in, and none of the account's data here. */
function forgetAccount(): void {
  queryClient.setQueryData(trpc.auth.me.queryKey(), null);
  queryClient.removeQueries(trpc.places.pathFilter());
  queryClient.removeQueries(trpc.preferences.pathFilter());
}

/**
 * Signing this browser out, or every device: `signOut.mutate()` and
 * `signOutEverywhere.mutate()`, each forgetting the account's data here.
 */
export function useSignOut() {
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: forgetAccount }));
  const signOutEverywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({ onSuccess: forgetAccount }),
  );
  return { signOut, signOutEverywhere };
}

/** Deleting the signed-in account: afterwards nobody is signed in, and none of its data is here. */
export function useDeleteAccount() {
  return useMutation(trpc.auth.deleteAccount.mutationOptions({ onSuccess: forgetAccount }));
}

/** Setting a new password with an emailed link ends every session, this browser's too. */
export function useResetPassword() {
  return useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: forgetAccount }));
}
