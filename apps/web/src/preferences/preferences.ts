import type { RouterInputs } from '@skycast/api';

import { LANGUAGE_CHOICES, t, type LanguageChoice } from '../i18n/i18n.ts';

type ForecastInput = RouterInputs['weather']['forecast'];
export type UnitSystem = NonNullable<ForecastInput['units']>;
export type WindUnit = NonNullable<ForecastInput['windUnit']>;
export type Theme = 'system' | 'light' | 'dark';

/** What a person chose about how the app looks and counts. */
export interface Preferences {
  units: UnitSystem;
  windUnit: WindUnit;
  theme: Theme;
  language: LanguageChoice;
}

export const UNIT_SYSTEMS: readonly UnitSystem[] = ['metric', 'imperial'];
export const WIND_UNITS: readonly WindUnit[] = ['kmh', 'ms', 'mph', 'kn'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export const DEFAULT_PREFERENCES: Preferences = {
  units: 'metric',
  windUnit: 'kmh',
  theme: 'system',
  language: 'auto',
};

/** The localStorage key; public/theme.js reads the theme from it too. */
export const PREFERENCES_KEY = 'skycast:preferences';

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * Preferences from stored text, keeping each valid field and defaulting the
 * rest: what an older release or a hand edit left behind never breaks the app.
 *
 * @example
 * parsePreferences('{"units":"imperial"}') // { units: 'imperial', windUnit: 'kmh', theme: 'system' }
 */
export function parsePreferences(text: string | null): Preferences {
  let stored: unknown;
  try {
    stored = text === null ? null : JSON.parse(text);
  } catch {
    stored = null;
  }
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  return {
    units: oneOf(UNIT_SYSTEMS, value.units, DEFAULT_PREFERENCES.units),
    windUnit: oneOf(WIND_UNITS, value.windUnit, DEFAULT_PREFERENCES.windUnit),
    theme: oneOf(THEMES, value.theme, DEFAULT_PREFERENCES.theme),
    language: oneOf(LANGUAGE_CHOICES, value.language, DEFAULT_PREFERENCES.language),
  };
}

export const UNIT_SYSTEM_LABELS: Record<UnitSystem, string> = { metric: '°C', imperial: '°F' };
export const WIND_UNIT_LABELS: Record<WindUnit, string> = {
  kmh: 'km/h',
  ms: 'm/s',
  mph: 'mph',
  kn: 'kn',
};
/** The words for a theme, in the active language. */
export function themeLabel(theme: Theme): string {
  const labels = {
    system: t('preferences.theme.system'),
    light: t('preferences.theme.light'),
    dark: t('preferences.theme.dark'),
  } satisfies Record<Theme, string>;
  return labels[theme];
}

/**
 * What to tell a screen reader after a change, or '' when nothing it hears changed.
 *
 * @example
 * describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, units: 'imperial' })
 * // 'Temperatures now in °F, rain in inches.'
 */
export function describeChange(before: Preferences, after: Preferences): string {
  const said: string[] = [];
  if (before.units !== after.units)
    said.push(
      after.units === 'imperial'
        ? t('preferences.changed.imperial')
        : t('preferences.changed.metric'),
    );
  if (before.windUnit !== after.windUnit)
    said.push(t('preferences.changed.wind', { unit: WIND_UNIT_LABELS[after.windUnit] }));
  if (before.theme !== after.theme)
    said.push(
      after.theme === 'system'
        ? t('preferences.changed.themeSystem')
        : t('preferences.changed.theme', { theme: themeLabel(after.theme) }),
    );
  return said.join(' ');
}
