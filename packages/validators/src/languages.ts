/** The languages Skycast speaks, English first: the one used when nothing else matches. */
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'ar'] as const;

export type Language = (typeof LANGUAGES)[number];

/** Languages written right to left. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['ar']);

/** The writing direction of a language, for `<html dir>`. */
export function languageDirection(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/**
 * The first of a person's languages (most wanted first, as `navigator.languages`
 * or a parsed `Accept-Language` list them) that Skycast speaks, by primary
 * subtag, or English.
 *
 * @example
 * pickLanguage(['de-AT', 'en']) // 'de'
 * pickLanguage(['pt-BR']) // 'en'
 */
export function pickLanguage(wanted: readonly string[]): Language {
  for (const tag of wanted) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}
