import {
  CLOCKS,
  DISTANCE_UNITS,
  PRECIPITATION_UNITS,
  PRESSURE_UNITS,
  THEMES,
  UNIT_SYSTEM_LABELS,
  UNIT_SYSTEMS,
  WIND_UNIT_LABELS,
  WIND_UNITS,
  type AccountPreferences,
  type PreferenceValues,
  type Clock,
  type DistanceUnit,
  type PrecipitationUnit,
  type PressureUnit,
  type Theme,
  type UnitSystem,
  type WindUnit,
} from '@skycast/validators';

import { LANGUAGE_CHOICES, type LanguageChoice } from '../i18n/i18n.ts';
import type { Units } from '../api-types.ts';
import type { UnitDefaults } from './locale-defaults.ts';

export type { Clock, DistanceUnit, PrecipitationUnit, PressureUnit, Theme, UnitSystem, WindUnit };
export {
  CLOCKS,
  DISTANCE_UNITS,
  PRECIPITATION_UNITS,
  PRESSURE_UNITS,
  THEMES,
  UNIT_SYSTEM_LABELS,
  UNIT_SYSTEMS,
  WIND_UNIT_LABELS,
  WIND_UNITS,
};

/**
 * What a person chose about how the app looks and counts, each on its own.
 * `units` is the temperature scale (its name is the API's).
 */
export interface Preferences extends UnitDefaults {
  theme: Theme;
  language: LanguageChoice;
}

/** What a browser that says nothing of its locale starts from. */
export const DEFAULT_PREFERENCES: Preferences = {
  units: 'metric',
  windUnit: 'kmh',
  precipitationUnit: 'mm',
  pressureUnit: 'hPa',
  distanceUnit: 'km',
  clock: '24h',
  theme: 'system',
  language: 'auto',
};

/** The localStorage key; public/theme.js reads the theme from it too. */
export const PREFERENCES_KEY = 'skycast:preferences';

// What each stored field may be: the same lists the API's schemas are built from
// (`preferenceValuesSchema`), checked without zod so it stays out of the first load.
const CHOICES: { [K in keyof PreferenceValues]: readonly PreferenceValues[K][] } = {
  units: UNIT_SYSTEMS,
  windUnit: WIND_UNITS,
  precipitationUnit: PRECIPITATION_UNITS,
  pressureUnit: PRESSURE_UNITS,
  distanceUnit: DISTANCE_UNITS,
  clock: CLOCKS,
  theme: THEMES,
  language: LANGUAGE_CHOICES,
};

/** One stored field, when it is one of its choices; anything else is taken as absent. */
function field<K extends keyof PreferenceValues>(
  stored: Record<string, unknown>,
  key: K,
): PreferenceValues[K] | undefined {
  const value = stored[key];
  return CHOICES[key].find((choice) => choice === value);
}

/**
 * Preferences from stored text, keeping each valid field and taking the rest
 * from `defaults` (the browser's locale): what an older release or a hand edit
 * left behind never breaks the app. Before precipitation, pressure and
 * distance were chosen apart they followed `units` (imperial: inches, inHg,
 * miles), so a value stored then keeps showing what it showed.
 *
 * @example
 * parsePreferences('{"units":"imperial"}', DEFAULT_PREFERENCES)
 * // { units: 'imperial', precipitationUnit: 'in', pressureUnit: 'inHg', distanceUnit: 'mi', windUnit: 'kmh', … }
 */
export function parsePreferences(text: string | null, defaults: Preferences): Preferences {
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
  const units = field(value, 'units');
  const legacy = units === undefined ? undefined : units === 'imperial';
  const fromUnits = <T>(imperial: T, metric: T) =>
    legacy === undefined ? undefined : legacy ? imperial : metric;
  return {
    units: units ?? defaults.units,
    windUnit: field(value, 'windUnit') ?? defaults.windUnit,
    precipitationUnit:
      field(value, 'precipitationUnit') ??
      fromUnits<PrecipitationUnit>('in', 'mm') ??
      defaults.precipitationUnit,
    pressureUnit:
      field(value, 'pressureUnit') ??
      fromUnits<PressureUnit>('inHg', 'hPa') ??
      defaults.pressureUnit,
    distanceUnit:
      field(value, 'distanceUnit') ?? fromUnits<DistanceUnit>('mi', 'km') ?? defaults.distanceUnit,
    clock: field(value, 'clock') ?? defaults.clock,
    theme: field(value, 'theme') ?? defaults.theme,
    language: field(value, 'language') ?? defaults.language,
  };
}

/** An account's preferences as the API gives them: a unit it has no choice for is `null`. */
export type { AccountPreferences };

/**
 * What this browser keeps after reading the account's preferences: the
 * account's choices, and this browser's own where the account has none.
 *
 * @example
 * withAccount(current, { ...account, clock: null }) // current.clock kept
 */
export function withAccount(current: Preferences, account: AccountPreferences): Preferences {
  return {
    units: account.units,
    windUnit: account.windUnit,
    precipitationUnit: account.precipitationUnit ?? current.precipitationUnit,
    pressureUnit: account.pressureUnit ?? current.pressureUnit,
    distanceUnit: account.distanceUnit ?? current.distanceUnit,
    clock: account.clock ?? current.clock,
    theme: account.theme,
    language: account.language,
  };
}

/**
 * The units a page shows for these preferences.
 *
 * @example
 * unitsOf(DEFAULT_PREFERENCES) // { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm', pressure: 'hPa', visibility: 'km', clock: '24h' }
 */
export function unitsOf(preferences: UnitDefaults): Units {
  return {
    temperature: UNIT_SYSTEM_LABELS[preferences.units],
    windSpeed: WIND_UNIT_LABELS[preferences.windUnit],
    precipitation: preferences.precipitationUnit === 'in' ? 'inch' : 'mm',
    pressure: preferences.pressureUnit,
    visibility: preferences.distanceUnit,
    clock: preferences.clock,
  };
}
