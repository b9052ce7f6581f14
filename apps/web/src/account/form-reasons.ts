import type { ErrorReason } from '@skycast/validators';

/**
 * Where each refusal of the account forms is shown, by its stable reason:
 * beside the named field; a reason not listed (wrong credentials, a lock, a
 * busy server) goes above the form.
 */
export const AUTH_REASON_FIELDS = {
  EMAIL_TAKEN: 'email',
  COMMON_PASSWORD: 'password',
  PASSWORD_CONTAINS_EMAIL: 'password',
} as const satisfies Partial<Record<ErrorReason, 'email' | 'password'>>;

export const CHANGE_PASSWORD_REASON_FIELDS = {
  WRONG_CURRENT_PASSWORD: 'currentPassword',
  COMMON_PASSWORD: 'newPassword',
  PASSWORD_CONTAINS_EMAIL: 'newPassword',
} as const satisfies Partial<Record<ErrorReason, 'currentPassword' | 'newPassword'>>;

export const RESET_PASSWORD_REASON_FIELDS = {
  COMMON_PASSWORD: 'newPassword',
  PASSWORD_CONTAINS_EMAIL: 'newPassword',
} as const satisfies Partial<Record<ErrorReason, 'newPassword'>>;

export const DELETE_ACCOUNT_REASON_FIELDS = {
  WRONG_CURRENT_PASSWORD: 'password',
} as const satisfies Partial<Record<ErrorReason, 'password'>>;
