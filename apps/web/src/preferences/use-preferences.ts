import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';

import { createStoredValue, useStoredValue } from '../storage/stored-value.ts';
import { queryClient, trpc } from '../trpc.ts';
import { parsePreferences, PREFERENCES_KEY, type Preferences } from './preferences.ts';

/**
 * The one place preferences live. The browser always keeps a copy (public/theme.js
 * reads the theme from it before the first paint); a signed-in person's
 * changes also go to their account, and their account's preferences are
 * copied here when they sign in (see account/use-account.ts).
 */
const stored = createStoredValue(PREFERENCES_KEY, parsePreferences);

/** The current preferences, outside React. */
export function currentPreferences(): Preferences {
  return stored.current();
}

/** Replaces this browser's copy, e.g. with the account's preferences after sign-in. */
export function storePreferences(preferences: Preferences): void {
  stored.save(preferences);
}

export interface UsePreferences extends Preferences {
  setPreferences(change: Partial<Preferences>): Promise<void>;
}

/**
 * The person's units, wind unit and theme, and a way to change them.
 *
 * @example
 * const { units, windUnit, setPreferences } = usePreferences();
 * void setPreferences({ units: 'imperial' });
 */
export function usePreferences(): UsePreferences {
  const preferences = useStoredValue(stored);
  const update = useMutation(
    trpc.preferences.update.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.preferences.get.queryKey(), saved),
    }),
  );
  const { mutateAsync } = update;
  // Applied at once, everywhere on the page; a signed-in person's account is
  // updated too. Rejects when it could not be (the change still holds here).
  const setPreferences = useCallback(
    async (change: Partial<Preferences>) => {
      stored.save({ ...stored.current(), ...change });
      if (queryClient.getQueryData(trpc.auth.me.queryKey())) await mutateAsync(change);
    },
    [mutateAsync],
  );
  return { ...preferences, setPreferences };
}
