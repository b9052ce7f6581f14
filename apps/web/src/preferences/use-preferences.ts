import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';

import { createStoredValue, useStoredValue } from '../storage/stored-value.ts';
import { queryClient, trpc } from '../trpc.ts';
import { browserLocale, unitDefaultsFor } from './locale-defaults.ts';
import {
  DEFAULT_PREFERENCES,
  parsePreferences,
  PREFERENCES_KEY,
  withAccount,
  type AccountPreferences,
  type Preferences,
} from './preferences.ts';

// Until the person chooses, the units and clock follow the browser's locale.
const defaults: Preferences = { ...DEFAULT_PREFERENCES, ...unitDefaultsFor(browserLocale()) };
/**
 * The one place preferences live. The browser always keeps a copy (public/theme.js
 * reads the theme from it before the first paint); a signed-in person's
 * changes also go to their account, and their account's preferences are
 * copied here when they sign in (see account/use-account.ts).
 */
const stored = createStoredValue(PREFERENCES_KEY, (text) => parsePreferences(text, defaults));

/** The current preferences, outside React. */
export function currentPreferences(): Preferences {
  return stored.current();
}

/**
 * Takes the account's preferences into this browser's copy, e.g. after
 * sign-in; a unit the account has no choice for keeps this browser's.
 */
export function storePreferences(account: AccountPreferences): void {
  stored.save(withAccount(stored.current(), account));
}

export interface UsePreferences extends Preferences {
  setPreferences: (change: Partial<Preferences>) => Promise<void>;
}

/**
 * The person's units, clock and theme, and a way to change them.
 *
 * @example
 * const { units, windUnit, setPreferences } = usePreferences();
 * void setPreferences({ units: 'imperial' });
 */
export function usePreferences(): UsePreferences {
  const preferences = useStoredValue(stored);
  // The page already shows the change, and the account read is kept in step
  // below; the answer of an earlier update may land after a later change, so
  // it must not be written back over it.
  const { mutateAsync } = useMutation(trpc.preferences.update.mutationOptions());
  // Applied at once, everywhere on the page; a signed-in person's account is
  // updated too. Rejects when it could not be (the change still holds here).
  const setPreferences = useCallback(
    async (change: Partial<Preferences>) => {
      const next = { ...stored.current(), ...change };
      stored.save(next);
      if (!queryClient.getQueryData(trpc.auth.me.queryKey())) return;
      // A read of the account still on its way (just after signing in) would
      // otherwise land after this change and undo it on the page.
      await queryClient.cancelQueries(trpc.preferences.get.queryFilter());
      queryClient.setQueryData(trpc.preferences.get.queryKey(), next);
      await mutateAsync(change);
    },
    [mutateAsync],
  );
  return { ...preferences, setPreferences };
}
