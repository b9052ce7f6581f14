import { isInputMessageKey, issueValues, type ErrorReason } from '@skycast/validators';

import { asTRPCError, errorMessage, errorReason } from './error-message.ts';
import { errorWords } from './i18n/i18n.ts';

// Where a form shows what went wrong. Apart from error-message.ts, which is part
// of the first load: only the forms' pages, each a chunk of its own, use these.

/** What a form shows: a message per field, and one above the form for the rest. */
export type FormErrors<Field extends string> = Partial<Record<Field | 'form', string>>;

/**
 * Places a failed call's messages on a form: zod's field errors on their
 * fields, a refusal whose reason belongs to a field (`reasonFields`) beside
 * that field, anything else above the form. Never looks at the message text.
 *
 * @example
 * formErrors(error, ['email', 'password'], { EMAIL_TAKEN: 'email' }) // { email: 'An account with this email exists…' }
 */
export function formErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  reasonFields: Partial<Record<ErrorReason, Field>>,
): FormErrors<Field> {
  const fromZod = (asTRPCError(error)?.data?.zodError?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >;
  const placed: FormErrors<Field> = {};
  for (const field of fields) {
    const first = fromZod[field]?.[0];
    if (first) placed[field] = first;
  }
  if (Object.keys(placed).length > 0) return placed;
  const reason = errorReason(error);
  const field = reason ? reasonFields[reason] : undefined;
  return { [field ?? 'form']: errorMessage(error) } as FormErrors<Field>;
}

/**
 * What is wrong with a form's values before asking the server, from the same
 * zod schema the API validates with: the first message per field.
 *
 * @example
 * schemaErrors(signUpInputSchema, { email: 'x', password: '' }) // { email: 'Enter an email…', password: 'Use at least 8…' }
 */
export function schemaErrors<Field extends string>(
  schema: { safeParse(value: unknown): { error?: { issues: readonly ZodIssueLike[] } } },
  values: Record<Field, string>,
): FormErrors<Field> {
  const placed: FormErrors<Field> = {};
  for (const issue of schema.safeParse(values).error?.issues ?? []) {
    const field = issue.path[0] as Field | undefined;
    if (field !== undefined && field in values && !placed[field])
      placed[field] = isInputMessageKey(issue.message)
        ? errorWords(issue.message, issueValues(issue))
        : issue.message;
  }
  return placed;
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly params?: Record<string, unknown> | undefined;
}
