import { setupI18n, type I18n, type Messages } from '@lingui/core';

import {
  issueValues,
  LANGUAGES,
  pickLanguage,
  type ErrorMessageKey,
  type Language,
} from '@skycast/validators';
import { messages as ar } from '@skycast/validators/error-catalogue/ar.ts';
import { messages as de } from '@skycast/validators/error-catalogue/de.ts';
import { messages as en } from '@skycast/validators/error-catalogue/en.ts';
import { messages as es } from '@skycast/validators/error-catalogue/es.ts';
import { messages as fr } from '@skycast/validators/error-catalogue/fr.ts';

// What the API tells a person when it refuses comes from the one catalogue per
// language in `@skycast/validators/error-catalogue` (English included), keyed by
// reason, which the web app shows too. The reason code beside the message
// never changes with the language.

/** The numbers and names a message puts in its words (`{max}`, `{seconds}`…); sent as `data.values`. */
export type ErrorValues = Record<string, number | string>;

const CATALOGUES: Record<Language, Messages> = { en, de, es, fr, ar };

const i18n: I18n = setupI18n();
for (const language of LANGUAGES) i18n.load(language, CATALOGUES[language]);

/**
 * The caller's language: a `lang` query parameter wins, then `Accept-Language`
 * (most wanted first, as Express's `req.acceptsLanguages()` lists it), then English.
 *
 * @example
 * callerLanguage(undefined, ['de-CH', 'en']) // 'de'
 */
export function callerLanguage(lang: unknown, accepted: readonly string[]): Language {
  if (typeof lang === 'string' && lang.length <= 35) return pickLanguage([lang, ...accepted]);
  return pickLanguage(accepted);
}

/** True when `key` has words in the catalogue (every language has the same keys: a test says so). */
export function isErrorMessageKey(key: string): key is ErrorMessageKey {
  return Object.hasOwn(en, key);
}

/**
 * A refusal's words in a language, from the catalogue.
 *
 * @example
 * errorText('de', 'PLACE_LIMIT_REACHED', { max: 20 }) // 'Du kannst höchstens 20 Orte speichern. …'
 */
export function errorText(
  language: Language,
  key: ErrorMessageKey,
  values: ErrorValues = {},
): string {
  i18n.activate(language);
  return i18n._(key, values);
}

/**
 * A zod issue's words: its message is a catalogue key (`input.…`, set in the
 * validators' schemas), filled with the issue's bounds and params; zod's own
 * messages (a wrong type, say) pass as they are.
 *
 * @example
 * issueText('en', { message: 'input.passwordTooShort', minimum: 8 }) // 'Use at least 8 characters.'
 */
export function issueText(language: Language, issue: Parameters<typeof issueValues>[0]): string {
  if (!isErrorMessageKey(issue.message)) return issue.message;
  return errorText(language, issue.message, issueValues(issue));
}
