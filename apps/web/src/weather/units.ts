import type { Units } from '../api-types.ts';

/** Rounds for display, never showing "-0". */
function whole(value: number): number {
  const rounded = Math.round(value);
  return rounded === 0 ? 0 : rounded;
}

/**
 * A temperature with its unit from the response.
 *
 * @example
 * formatTemperature(21.4, '°C') // '21°C'
 */
export function formatTemperature(value: number, unit: Units['temperature']): string {
  return `${whole(value)}${unit}`;
}

/**
 * A temperature for tight spaces (hour strip, day rows): the degree sign
 * without the scale, which the page shows in full elsewhere.
 *
 * @example
 * formatShortTemperature(-3.6, '°F') // '-4°'
 */
export function formatShortTemperature(value: number, unit: Units['temperature']): string {
  return `${whole(value)}${unit.slice(0, 1)}`;
}

/** @example formatWindSpeed(12.3, 'km/h') // '12 km/h' */
export function formatWindSpeed(value: number, unit: Units['windSpeed']): string {
  return `${whole(value)} ${unit}`;
}

/**
 * Precipitation to a tenth of a millimetre or a hundredth of an inch.
 *
 * @example
 * formatPrecipitation(0.44, 'mm') // '0.4 mm'
 */
export function formatPrecipitation(value: number, unit: Units['precipitation']): string {
  const digits = unit === 'inch' ? 2 : 1;
  const suffix = unit === 'inch' ? ' in' : ` ${unit}`;
  return `${value.toFixed(digits)}${suffix}`;
}

/** @example formatPercent(39.6) // '40%' */
export function formatPercent(value: number): string {
  return `${whole(value)}%`;
}

/**
 * Air pressure: whole hectopascals, or inches of mercury to a hundredth.
 *
 * @example
 * formatPressure(1013.2, 'hPa') // '1013 hPa'
 */
export function formatPressure(value: number, unit: Units['pressure']): string {
  return unit === 'inHg' ? `${value.toFixed(2)} inHg` : `${whole(value)} hPa`;
}

/**
 * Visibility to a tenth below 10 (km or mi), whole above.
 *
 * @example
 * formatVisibility(24.14, 'km') // '24 km'
 */
export function formatVisibility(value: number, unit: Units['visibility']): string {
  return `${value < 10 ? value.toFixed(1) : whole(value)} ${unit}`;
}

/**
 * The UV index with the WHO's words for it.
 *
 * @example
 * formatUvIndex(6.2) // '6 (high)'
 */
export function formatUvIndex(value: number): string {
  const index = whole(value);
  const band =
    index <= 2
      ? 'low'
      : index <= 5
        ? 'moderate'
        : index <= 7
          ? 'high'
          : index <= 10
            ? 'very high'
            : 'extreme';
  return `${index} (${band})`;
}
