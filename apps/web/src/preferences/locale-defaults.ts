import type {
  Clock,
  DistanceUnit,
  PrecipitationUnit,
  PressureUnit,
  UnitSystem,
  WindUnit,
} from '@skycast/validators';

/**
 * Units a person from a region most likely reads a forecast in. Browsers
 * give the locale but not CLDR's unit preferences, so these few lists stand
 * in for them, after CLDR's `unitPreferenceData` and what national weather
 * services publish; everywhere else gets °C, km/h, mm, hPa and km.
 */
/** The United States and the territories and neighbours that follow its customary units. */
const US_CUSTOMARY = ['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'LR', 'FM', 'MH', 'PW'];
/**
 * °F: the above, and the Caribbean and Central American places that kept it.
 * public/theme.js holds the same list (it picks the scale before the first paint).
 */
export const FAHRENHEIT_REGIONS: readonly string[] = [...US_CUSTOMARY, 'BS', 'BZ', 'KY'];
const FAHRENHEIT = new Set(FAHRENHEIT_REGIONS);
/** Miles (and so miles per hour for wind): the above, the United Kingdom and its Crown Dependencies, Myanmar. */
const MILES = new Set([...US_CUSTOMARY, 'GB', 'IM', 'JE', 'GG', 'MM']);
/** Wind in metres per second: what the Nordic, Russian, Chinese, Japanese and Korean services publish. */
const METRES_PER_SECOND = new Set(['NO', 'SE', 'FI', 'DK', 'IS', 'RU', 'CN', 'JP', 'KR']);
/** Pressure in millimetres of mercury: forecasts in Russia, Belarus, Ukraine and Kazakhstan. */
const MILLIMETRES_OF_MERCURY = new Set(['RU', 'BY', 'UA', 'KZ']);

export interface UnitDefaults {
  units: UnitSystem;
  windUnit: WindUnit;
  precipitationUnit: PrecipitationUnit;
  pressureUnit: PressureUnit;
  distanceUnit: DistanceUnit;
  clock: Clock;
}

/** The region a locale names, or the one its language most likely means ("en" → US, "de" → DE). */
function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/** 12 or 24 hours, as the locale's own time format has it (CLDR's, through the browser's Intl). */
function clockOf(locale: string): Clock {
  try {
    const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
    return hourCycle === 'h11' || hourCycle === 'h12' ? '12h' : '24h';
  } catch {
    return '24h';
  }
}

/**
 * The units and clock a locale suggests, before the person chooses. The
 * region decides the units (the language alone stands for its most likely
 * region); the locale's own time format decides the clock.
 *
 * @example
 * unitDefaultsFor('en-US') // { units: 'imperial', windUnit: 'mph', precipitationUnit: 'in', pressureUnit: 'inHg', distanceUnit: 'mi', clock: '12h' }
 * unitDefaultsFor('de-DE') // { units: 'metric', windUnit: 'kmh', precipitationUnit: 'mm', pressureUnit: 'hPa', distanceUnit: 'km', clock: '24h' }
 */
export function unitDefaultsFor(locale: string): UnitDefaults {
  const region = regionOf(locale) ?? '';
  const customary = US_CUSTOMARY.includes(region);
  return {
    units: FAHRENHEIT.has(region) ? 'imperial' : 'metric',
    windUnit: MILES.has(region) ? 'mph' : METRES_PER_SECOND.has(region) ? 'ms' : 'kmh',
    precipitationUnit: customary ? 'in' : 'mm',
    pressureUnit: customary ? 'inHg' : MILLIMETRES_OF_MERCURY.has(region) ? 'mmHg' : 'hPa',
    distanceUnit: MILES.has(region) ? 'mi' : 'km',
    clock: clockOf(locale),
  };
}

/** The browser's first language, as the person set it; "en-US" when it says nothing. */
export function browserLocale(): string {
  if (typeof navigator === 'undefined') return 'en-US';
  return navigator.languages?.[0] ?? navigator.language ?? 'en-US';
}
