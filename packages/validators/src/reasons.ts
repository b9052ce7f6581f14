/**
 * Why the API refused a call, in `error.data.reason`: a stable code that the
 * web app (or any client) switches on, while the message beside it stays free
 * to be reworded. `INVALID_INPUT` comes with zod's field errors in `data.zodError`.
 * What each says, in every language, is in `error-catalogue/<language>.json`
 * (keyed by reason, taking the numbers in `error.data.values`).
 */
export const ERROR_REASONS = [
  'INVALID_INPUT',
  'SIGN_IN_REQUIRED',
  'RATE_LIMITED',
  'ACCOUNT_WRITES_LIMITED',
  'NEW_PLACES_LIMITED',
  'EMAIL_TAKEN',
  'WRONG_CREDENTIALS',
  'WRONG_CURRENT_PASSWORD',
  'COMMON_PASSWORD',
  'PASSWORD_CONTAINS_EMAIL',
  'SIGN_IN_LOCKED',
  'TOO_MANY_SIGN_INS',
  'PASSWORD_CHECK_LOCKED',
  'RESET_LINK_INVALID',
  'PLACE_LIMIT_REACHED',
  'PLACE_ALREADY_SAVED',
  'PLACE_NOT_FOUND',
  'PLACE_ORDER_MISMATCH',
  'DAY_NOT_IN_FORECAST',
  'CONFIDENCE_UNAVAILABLE',
  'PROVIDER_TIMEOUT',
  'PROVIDER_BUSY',
  'PROVIDER_PAUSED',
  'PROVIDER_TROUBLE',
  'DATABASE_UNAVAILABLE',
  'DATABASE_BUSY',
  'DATABASE_READ_ONLY',
  'WATCH_LIMIT_REACHED',
  'WATCH_NOT_FOUND',
  'PUSH_ENDPOINT_NOT_ALLOWED',
  'PUSH_DEVICE_LIMIT_REACHED',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The password field a reason belongs beside, on the forms that set a password. */
export const NEW_PASSWORD_REASONS: readonly ErrorReason[] = [
  'COMMON_PASSWORD',
  'PASSWORD_CONTAINS_EMAIL',
];

/** True for a value that is one of {@link ERROR_REASONS}. */
export function isErrorReason(value: unknown): value is ErrorReason {
  return (ERROR_REASONS as readonly unknown[]).includes(value);
}

/**
 * A key of the error catalogue (`error-catalogue/<language>.json`): a reason,
 * `INTERNAL`, or the message key a schema gives a zod check (`input.…`).
 */
export type ErrorMessageKey = ErrorReason | 'INTERNAL' | InputMessageKey;
export type InputMessageKey = `input.${string}`;
