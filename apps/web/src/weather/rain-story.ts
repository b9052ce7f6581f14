import { WET_MM_PER_HOUR } from '@skycast/validators';

import type { Units } from '../api-types.ts';

import { describeWeather, type WeatherKind } from './weather-codes.ts';

type PrecipitationUnit = Units['precipitation'];

/** Conditions that say something falls; without an amount to match they would contradict it. */
const FALLING: ReadonlySet<WeatherKind> = new Set([
  'drizzle',
  'rain',
  'freezing-rain',
  'sleet',
  'snow',
  'showers',
  'snow-showers',
  'hail',
]);

/** WMO 3 ("Overcast"): what a sky that drops too little to measure is called instead. */
const OVERCAST = 3;
/** WMO 17 ("Thunder, no rain"): a thunderstorm whose rain is too little to measure. */
const DRY_THUNDER = 17;

const toMm = (amount: number, unit: PrecipitationUnit) =>
  unit === 'inch' ? amount * 25.4 : amount;

/**
 * Whether an amount over `hours` counts as falling: the page's one rule
 * (`WET_MM_PER_HOUR`), the same the server's next-two-hours sentence uses.
 *
 * @example
 * isWet(0.02, 0.25, 'mm') // false — shown as "0.0 mm", so not "drizzle" either
 */
export function isWet(amount: number, hours: number, unit: PrecipitationUnit): boolean {
  return toMm(amount, unit) >= WET_MM_PER_HOUR * hours - 1e-9;
}

/**
 * The weather code a page shows for a time with a known amount: a code that
 * says something falls becomes the dry one when the amount is below the rule,
 * so "Light drizzle" never stands beside "0.0 mm". Unknown amounts keep the code.
 *
 * @example
 * shownWeatherCode(51, 0.01, 0.25, 'mm') // 3 (overcast)
 * shownWeatherCode(61, 0.4, 1, 'mm') // 61
 */
export function shownWeatherCode(
  code: number,
  amount: number | null,
  hours: number,
  unit: PrecipitationUnit,
): number {
  if (amount === null || isWet(amount, hours, unit)) return code;
  const { kind } = describeWeather(code, true);
  if (kind === 'thunderstorm') return DRY_THUNDER;
  return FALLING.has(kind) ? OVERCAST : code;
}

/**
 * Hours each amount is judged over: Open-Meteo's `current` is a 15-minute step, an
 * hour an hour; a day is wet when it holds at least one wet hour's worth.
 */
export const AMOUNT_HOURS = { current: 0.25, hour: 1, day: 1 } as const;
