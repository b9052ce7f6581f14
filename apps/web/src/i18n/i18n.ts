import { i18n, type Messages } from '@lingui/core';

import {
  languageDirection,
  LANGUAGES,
  pickLanguage,
  type ErrorMessageKey,
  type Language,
} from '@skycast/validators';

import type englishCatalogue from './locales/en.json';

/** A key of the message catalogues; the English one is the reference every other must match. */
export type MessageKey = keyof typeof englishCatalogue;

/** What a person chose in the menu: a language, or whatever the browser prefers. */
export type LanguageChoice = Language | 'auto';

export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['auto', ...LANGUAGES];

type Catalogue = () => Promise<{ messages: Messages }>;

// Two chunks per language, fetched when it is first needed: the first screen's words
// (build/catalogue-parts-plugin.ts splits by `FIRST_SCREEN_NAMESPACES`) and the rest.
const CATALOGUES: Record<Language, { firstScreen: Catalogue; later: Catalogue }> = {
  en: {
    firstScreen: () => import('virtual:skycast/messages/en/first-screen'),
    later: () => import('virtual:skycast/messages/en/later'),
  },
  de: {
    firstScreen: () => import('virtual:skycast/messages/de/first-screen'),
    later: () => import('virtual:skycast/messages/de/later'),
  },
  es: {
    firstScreen: () => import('virtual:skycast/messages/es/first-screen'),
    later: () => import('virtual:skycast/messages/es/later'),
  },
  fr: {
    firstScreen: () => import('virtual:skycast/messages/fr/first-screen'),
    later: () => import('virtual:skycast/messages/fr/later'),
  },
  ar: {
    firstScreen: () => import('virtual:skycast/messages/ar/first-screen'),
    later: () => import('virtual:skycast/messages/ar/later'),
  },
};

// What errors say, by reason: the one catalogue per language the API words its messages from too.
const ERROR_CATALOGUES: Record<Language, () => Promise<{ messages: Messages }>> = {
  en: () => import('@skycast/validators/error-catalogue/en.ts'),
  de: () => import('@skycast/validators/error-catalogue/de.ts'),
  es: () => import('@skycast/validators/error-catalogue/es.ts'),
  fr: () => import('@skycast/validators/error-catalogue/fr.ts'),
  ar: () => import('@skycast/validators/error-catalogue/ar.ts'),
};

const loaded = new Set<Language>();
// Each language's later part, once asked for: settled (never rejected) when it is in.
const laterParts = new Map<Language, Promise<void>>();
let laterPart: Promise<void> = Promise.resolve();
const errorsLoaded = new Set<Language>();

/** The first of the browser's languages that Skycast speaks, or English. */
export function browserLanguage(): Language {
  return pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/** The language a choice means here: the browser's when it is "auto". */
export function resolveLanguage(choice: LanguageChoice): Language {
  return choice === 'auto' ? browserLanguage() : choice;
}

/** Loads the rest of a language's words (once; asked again after a failure). */
function loadLater(language: Language): Promise<void> {
  let part = laterParts.get(language);
  if (!part) {
    part = CATALOGUES[language]
      .later()
      .then(({ messages }) => i18n.load(language, messages))
      .catch(() => {
        laterParts.delete(language);
      });
    laterParts.set(language, part);
  }
  return part;
}

/**
 * Loads a language's catalogue (once) and makes it the page's: every
 * `useLingui()` re-renders, and `<html lang dir>` follow, so the layout mirrors
 * for a right-to-left language. With `firstScreenFirst` (the page's first
 * render) it waits only for the first screen's words; the rest follows at once,
 * and the parts loaded later wait for it (`laterWords`).
 */
export async function activateLanguage(
  language: Language,
  { firstScreenFirst = false }: { firstScreenFirst?: boolean } = {},
): Promise<void> {
  laterPart = loadLater(language);
  if (!loaded.has(language)) {
    i18n.load(language, (await CATALOGUES[language].firstScreen()).messages);
    loaded.add(language);
  }
  if (!firstScreenFirst) await laterPart;
  i18n.activate(language);
  document.documentElement.lang = language;
  document.documentElement.dir = languageDirection(language);
  // What errors say follows at once, not before the first screen: until it is
  // here, `errorWords` gives the words the API sent in this language.
  void loadErrorWords(language);
}

/** Settles once the active language's words beyond the first screen are in (or failed to load). */
export function laterWords(): Promise<void> {
  return laterPart;
}

/** Loads a language's error catalogue (once) beside its app catalogue. */
async function loadErrorWords(language: Language): Promise<void> {
  if (errorsLoaded.has(language)) return;
  try {
    i18n.load(language, (await ERROR_CATALOGUES[language]()).messages);
    errorsLoaded.add(language);
  } catch {
    // Asked again on the next activation; `errorWords` falls back meanwhile.
  }
}

/** The active language. */
export function currentLanguage(): Language {
  return i18n.locale as Language;
}

/**
 * The locale for `Intl` formats of the active language: Skycast's English is
 * British ("3 December", 24-hour clock), as it was before it spoke others.
 */
export function intlLocale(): string {
  const language = currentLanguage() || 'en';
  return language === 'en' ? 'en-GB' : language;
}

/**
 * A message of the active language, for code outside components (components
 * use `useLingui()`'s `t`, which re-renders them on a change of language).
 *
 * @example
 * t('place.documentTitle', { name: 'Milan' }) // 'Milan — Skycast'
 */
export function t(key: MessageKey, values?: Record<string, unknown>): string {
  return i18n._(key, values);
}

/**
 * What an error says in the active language, from the error catalogue
 * (`@skycast/validators/error-catalogue`), by reason or zod message key; in
 * the moment before that catalogue is loaded, `fallback` (the API's own words,
 * in the language the app asked for) when there is one.
 *
 * @example
 * errorWords('PLACE_LIMIT_REACHED', { max: 20 }) // 'You can keep at most 20 places. Remove one to add another.'
 */
export function errorWords(
  key: ErrorMessageKey,
  values?: Record<string, unknown>,
  fallback?: string,
): string {
  if (fallback !== undefined && !(key in i18n.messages)) return fallback;
  return i18n._(key, values);
}

export { i18n };
