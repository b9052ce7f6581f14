import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { formErrors } from '../form-errors.ts';
import { AUTH_REASON_FIELDS, CHANGE_PASSWORD_REASON_FIELDS } from './form-reasons.ts';

/** An answer shaped as the API's error formatter sends it. */
function refusal(reason: string, message: string, zodError: unknown = null) {
  return TRPCClientError.from({
    error: {
      message,
      code: -32600,
      data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'auth.signUp', reason, zodError },
    },
  });
}

const forms = [
  { name: 'sign-up and sign-in', fields: ['email', 'password'], reasons: AUTH_REASON_FIELDS },
  {
    name: 'change of password',
    fields: ['currentPassword', 'newPassword'],
    reasons: CHANGE_PASSWORD_REASON_FIELDS,
  },
] as const;

describe.each(forms)('the $name form places refusals by reason', ({ fields, reasons }) => {
  it.each(Object.entries(reasons))(
    'puts %s beside %s, however its message is worded',
    (reason, field) => {
      // Messages are reworded freely on the server: a renamed one must land in the same place.
      for (const message of ['Original wording.', 'Entirely renamed — nothing about passwords']) {
        expect(formErrors(refusal(reason, message), fields, reasons)).toEqual({
          [field]: message,
        });
      }
    },
  );

  it('puts a reason the form has no field for above the form', () => {
    const error = refusal('WRONG_CREDENTIALS', 'Your password for this email is wrong.');
    expect(formErrors(error, fields, reasons)).toEqual({
      form: 'Your password for this email is wrong.',
    });
  });

  it("puts zod's field errors on their fields", () => {
    const field = fields[1];
    const error = refusal('INVALID_INPUT', 'Invalid input', {
      formErrors: [],
      fieldErrors: { [field]: ['Use at least 8 characters.'] },
    });
    expect(formErrors(error, fields, reasons)).toEqual({ [field]: 'Use at least 8 characters.' });
  });
});
