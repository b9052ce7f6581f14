import type { TRPCClientError } from '@trpc/client';

import type { AppRouter } from '@skycast/api';
import { isErrorReason, type ErrorReason } from '@skycast/validators';

import { errorWords, t } from './i18n/i18n.ts';

// By its name, not `instanceof`: tRPC's client code loads with the first call (trpc.ts),
// and this module is part of the first load.
export function asTRPCError(error: unknown): TRPCClientError<AppRouter> | undefined {
  return error instanceof Error && error.name === 'TRPCClientError'
    ? (error as TRPCClientError<AppRouter>)
    : undefined;
}

/**
 * What to tell a person about a failed call: the error catalogue's words for
 * its reason, with the values the API sent (`data.values`), in the page's
 * language. An answer without them (invalid input, an internal error) is
 * shown as the API wrote it, in the language the app asked for
 * (`Accept-Language`); failures that never reached the API (offline, proxy
 * down, a garbled answer) get one message that says so.
 *
 * @example
 * errorMessage(error) // 'The weather service took too long to answer. Please try again in a minute.'
 */
export function errorMessage(error: unknown): string {
  const trpcError = asTRPCError(error);
  if (!trpcError?.shape || !trpcError.message) return t('error.unreachable');
  const reason = errorReason(error);
  const values: unknown = trpcError.data?.values;
  if (reason && reason !== 'INVALID_INPUT' && values && typeof values === 'object')
    return errorWords(reason, values as Record<string, unknown>, trpcError.message);
  return trpcError.message;
}

/**
 * TanStack Query's retry policy: one more try for failures that may pass by
 * themselves, none for requests the API refused (4xx): they would fail again.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = asTRPCError(error)?.data?.httpStatus;
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < 1;
}

/**
 * Why the API refused a call (`data.reason`): a stable code to switch on,
 * where the message beside it may be reworded at any time.
 *
 * @example
 * errorReason(error) // 'EMAIL_TAKEN'
 */
export function errorReason(error: unknown): ErrorReason | undefined {
  const reason: unknown = asTRPCError(error)?.data?.reason;
  return isErrorReason(reason) ? reason : undefined;
}
