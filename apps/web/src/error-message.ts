import { TRPCClientError } from '@trpc/client';

import type { AppRouter } from '@skycast/api';

const UNREACHABLE = 'Skycast’s server could not be reached. Check your connection and try again.';

function asTRPCError(error: unknown): TRPCClientError<AppRouter> | undefined {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>) : undefined;
}

/**
 * What to tell a person about a failed call. The API writes its error messages
 * for people, so they are shown as they are; failures that never reached the
 * API (offline, proxy down, a garbled answer) get one message that says so.
 *
 * @example
 * errorMessage(error) // 'The weather service took too long to answer. Please try again in a minute.'
 */
export function errorMessage(error: unknown): string {
  const trpcError = asTRPCError(error);
  if (trpcError?.shape && trpcError.message) return trpcError.message;
  return UNREACHABLE;
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

/** The tRPC error code of a failed call (`'CONFLICT'`, `'UNAUTHORIZED'`…), if it reached the API. */
export function errorCode(error: unknown): string | undefined {
  return asTRPCError(error)?.data?.code;
}

/**
 * The first message per input field of a call the API refused as invalid,
 * for showing beside each field.
 *
 * @example
 * fieldErrors(error) // { email: 'Enter an email address such as ada@example.com.' }
 */
export function fieldErrors(error: unknown): Record<string, string> {
  // The router's formatter sends z.flattenError's shape: field → messages.
  const errors = (asTRPCError(error)?.data?.zodError?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >;
  const first: Record<string, string> = {};
  for (const [field, messages] of Object.entries(errors)) {
    if (messages?.[0]) first[field] = messages[0];
  }
  return first;
}
