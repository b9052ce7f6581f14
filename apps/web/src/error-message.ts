import type { TRPCClientError } from '@trpc/client';

import type { AppRouter } from '@skycast/api';
import {
  isErrorReason,
  isInputMessageKey,
  issueValues,
  type ErrorReason,
} from '@skycast/validators';

import { errorWords, t } from './i18n/i18n.ts';

// By its name, not `instanceof`: tRPC's client code loads with the first call (trpc.ts),
// and this module is part of the first load.
function asTRPCError(error: unknown): TRPCClientError<AppRouter> | undefined {
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
