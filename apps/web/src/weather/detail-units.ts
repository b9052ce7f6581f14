import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { number, whole, withUnit } from './units.ts';

// The details' units (wind, pressure, visibility, UV): only the parts below the
// first screen write them, so they are not part of the first load (units.ts is).

/** @example formatWindSpeed(12.3, 'km/h') // '12 km/h' */
export function formatWindSpeed(value: number, unit: Units['windSpeed']): string {
  // Intl has no knots: the catalogue words them.
  if (unit === 'kn') return t('units.knots', { value: number(whole(value)) });
  return withUnit(whole(value), unit);
}

/**
 * Air pressure: whole hectopascals or millimetres of mercury, or inches of mercury to a hundredth.
 *
 * @example
 * formatPressure(1013.2, 'hPa') // '1013 hPa'
 */
export function formatPressure(value: number, unit: Units['pressure']): string {
  return unit === 'inHg'
    ? t('units.inHg', {
        value: number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      })
    : t(unit === 'mmHg' ? 'units.mmHg' : 'units.hPa', {
        value: number(whole(value), { useGrouping: false }),
      });
}

/**
 * Visibility to a tenth below 10 (km or mi), whole above.
 *
 * @example
 * formatVisibility(24.14, 'km') // '24 km'
 */
export function formatVisibility(value: number, unit: Units['visibility']): string {
  return value < 10 ? withUnit(value, unit, 1) : withUnit(whole(value), unit);
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
      ? t('uv.low')
      : index <= 5
        ? t('uv.moderate')
        : index <= 7
          ? t('uv.high')
          : index <= 10
            ? t('uv.veryHigh')
            : t('uv.extreme');
  return t('uv.index', { index: number(index), band });
}

/** A plain number in the page's language. @example formatNumber(1234) // '1,234' */
export function formatNumber(value: number): string {
  return number(value);
}
