import { z } from 'zod';

import { text } from './text.ts';

/** The longest address RFC 5321 allows in a mailbox path. */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for any passphrase, short enough that hashing one stays cheap. */
export const PASSWORD_MAX_LENGTH = 256;

/** An email address, trimmed and lower-cased: one account per mailbox whatever its spelling. */
export const emailSchema = text({
  max: EMAIL_MAX_LENGTH,
  tooLong: 'input.emailTooLong',
})
  .trim()
  .toLowerCase()
  .min(1, 'input.emailMissing')
  .pipe(z.email('input.emailInvalid'));

/** A password being chosen: the length rules; the server also refuses common ones and the email itself. */
export const newPasswordSchema = text({
  max: PASSWORD_MAX_LENGTH,
})
  .min(PASSWORD_MIN_LENGTH, 'input.passwordTooShort')
  // Eight spaces count as eight characters but guard nothing.
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, {
    message: 'input.passwordBlank',
    params: { minimum: PASSWORD_MIN_LENGTH },
  });

/** A password being checked: only bounded, since sign-in just compares. */
export const passwordSchema = text({
  max: PASSWORD_MAX_LENGTH,
}).min(1, 'input.passwordMissing');

/**
 * True when the password is the email address or contains it, or its part
 * before the @ when that is long enough to guess from (case ignored).
 *
 * @example
 * passwordContainsEmail('ada.lovelace1815', 'ada.lovelace@example.com') // true
 */
export function passwordContainsEmail(password: string, email: string): boolean {
  const lowered = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if (!address) return false;
  const local = address.split('@')[0] ?? '';
  return lowered.includes(address) || (local.length >= 4 && lowered.includes(local));
}

export const signUpInputSchema = z.object({ email: emailSchema, password: newPasswordSchema });
export const signInInputSchema = z.object({ email: emailSchema, password: passwordSchema });
export const changePasswordInputSchema = z.object({
  currentPassword: passwordSchema,
  newPassword: newPasswordSchema,
});

/** The token of an emailed reset link: 43 base64url characters (256 bits). */
export const resetTokenSchema = z
  .string()
  .max(64, 'input.resetLinkIncomplete')
  .regex(/^[\w-]{43}$/, 'input.resetLinkIncomplete');
export const requestPasswordResetInputSchema = z.object({ email: emailSchema });
export const resetPasswordInputSchema = z.object({
  token: resetTokenSchema,
  newPassword: newPasswordSchema,
});
export const deleteAccountInputSchema = z.object({ password: passwordSchema });

export type SignUpInput = z.infer<typeof signUpInputSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;
