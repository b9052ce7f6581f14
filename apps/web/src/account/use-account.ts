import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { RouterOutputs } from '@skycast/api';

import { storePreferences } from '../preferences/use-preferences.ts';
import { trpc } from '../trpc.ts';

export type User = NonNullable<RouterOutputs['auth']['me']>;

// Signing in, out, and the account's other changes are in account-actions.ts: only
// the pages that make them load that code.

/** Who is signed in on this browser: `undefined` while asking, then a user or `null`. */
export function useAccount(): { user: User | null | undefined } {
  // The answer changes only through this app's own sign-in and sign-out, which set it.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: Infinity });
  return { user: me.isError ? null : me.data };
}

/**
 * Once per page load, a signed-in person's preferences come from their
 * account, so a change made on another device shows here too.
 */
export function useAccountPreferences(): void {
  const { user } = useAccount();
  const account = useQuery({
    ...trpc.preferences.get.queryOptions(),
    enabled: Boolean(user),
    // Read once: later reads (on focus, say) could land after a change made
    // here and undo it; this page's own changes keep the cached copy current.
    staleTime: Infinity,
  });
  useEffect(() => {
    if (account.data) storePreferences(account.data);
  }, [account.data]);
}
