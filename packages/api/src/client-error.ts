import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

import type { ErrorReason } from '@skycast/validators';

import { errorText, type ErrorValues } from './i18n/error-messages.ts';

/**
 * A refusal with a stable reason: the error formatter puts `reason` and its
 * `values` into the answer's `data`, where clients switch on it instead of on
 * the message. The words come from the error catalogue (English here, the
 * caller's language in the answer).
 *
 * @example
 * throw new ClientError('BAD_REQUEST', 'PLACE_LIMIT_REACHED', { max: 20 });
 */
export class ClientError extends TRPCError {
  readonly reason: ErrorReason;
  /** The numbers and names in the message, for its words in every language. */
  readonly values: ErrorValues;
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    reason: ErrorReason,
    values: ErrorValues = {},
    cause?: unknown,
  ) {
    super({ code, message: errorText('en', reason, values), cause });
    this.reason = reason;
    this.values = values;
  }
}

/** The reason an answer carries: the thrown one, else the one its code always means. */
export function reasonOf(error: TRPCError, invalidInput: boolean): ErrorReason | null {
  if (error instanceof ClientError) return error.reason;
  if (invalidInput) return 'INVALID_INPUT';
  if (error.code === 'UNAUTHORIZED') return 'SIGN_IN_REQUIRED';
  if (error.code === 'TOO_MANY_REQUESTS') return 'RATE_LIMITED';
  return null;
}
