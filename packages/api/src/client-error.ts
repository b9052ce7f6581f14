import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

import type { ErrorReason } from '@skycast/validators';

/**
 * A refusal with a stable reason: the error formatter puts `reason` into the
 * answer's `data`, where clients switch on it instead of on the message.
 *
 * @example
 * throw new ClientError('CONFLICT', 'EMAIL_TAKEN', 'An account with this email exists.');
 */
export class ClientError extends TRPCError {
  readonly reason: ErrorReason;
  /** The numbers in the message, for its words in other languages. */
  readonly values: Record<string, number>;
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    reason: ErrorReason,
    message: string,
    cause?: unknown,
    values: Record<string, number> = {},
  ) {
    super({ code, message, cause });
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
