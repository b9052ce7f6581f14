import type { Units } from '../api-types.ts';
import { intlLocale, t } from '../i18n/i18n.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** A number in the page's language (its digits and separators), with Intl's unit words where it has them. */
function number(value: number, options: Intl.NumberFormatOptions = {}): string {
  const language = intlLocale();
  const key = `${language} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, options);
    formats.set(key, format);
  }
  return format.format(value);
}

const INTL_UNITS = {
  '°C': 'celsius',
  '°F': 'fahrenheit',
  'km/h': 'kilometer-per-hour',
  'm/s': 'meter-per-second',
  mph: 'mile-per-hour',
  mm: 'millimeter',
  inch: 'inch',
  km: 'kilometer',
  mi: 'mile',
} as const;

function withUnit(value: number, unit: keyof typeof INTL_UNITS, digits = 0): string {
  return number(value, {
    style: 'unit',
    unit: INTL_UNITS[unit],
    unitDisplay: 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

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
  return withUnit(whole(value), unit);
}

/**
 * A temperature for tight spaces (hour strip, day rows): the degree sign
 * without the scale, which the page shows in full elsewhere.
 *
 * @example
 * formatShortTemperature(-3.6, '°F') // '-4°'
 */
export function formatShortTemperature(value: number, unit: Units['temperature']): string {
  return `${number(whole(value))}${unit.slice(0, 1)}`;
}

/** @example formatWindSpeed(12.3, 'km/h') // '12 km/h' */
export function formatWindSpeed(value: number, unit: Units['windSpeed']): string {
  // Intl has no knots: the catalogue words them.
  if (unit === 'kn') return t('units.knots', { value: number(whole(value)) });
  return withUnit(whole(value), unit);
}

/**
 * Precipitation to a tenth of a millimetre or a hundredth of an inch.
 *
 * @example
 * formatPrecipitation(0.44, 'mm') // '0.4 mm'
 */
export function formatPrecipitation(value: number, unit: Units['precipitation']): string {
  return withUnit(value, unit, unit === 'inch' ? 2 : 1);
}

/** @example formatPercent(39.6) // '40%' */
export function formatPercent(value: number): string {
  return number(whole(value) / 100, { style: 'percent' });
}

/**
 * Air pressure: whole hectopascals, or inches of mercury to a hundredth.
 *
 * @example
 * formatPressure(1013.2, 'hPa') // '1013 hPa'
 */
export function formatPressure(value: number, unit: Units['pressure']): string {
  return unit === 'inHg'
    ? t('units.inHg', {
        value: number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      })
    : t('units.hPa', { value: number(whole(value), { useGrouping: false }) });
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
