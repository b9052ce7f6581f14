const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A country's name from its ISO 3166 code in the caller's language
 * ("GB", "de" → "Vereinigtes Königreich"), for geocoders that give the code
 * alone. A code Intl does not know stays as it is; no code gives "".
 *
 * @example
 * countryName('AT', 'fr'); // "Autriche"
 */
export function countryName(code: string | undefined, language = 'en'): string {
  if (!code) return '';
  try {
    let names = displayNames.get(language);
    if (!names) {
      names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
      // A handful of UI languages: the map stays small.
      if (displayNames.size < 50) displayNames.set(language, names);
    }
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
