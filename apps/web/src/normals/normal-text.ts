import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { convert, formatShortTemperature, formatTemperature } from '../weather/units.ts';
import { compareHigh, type DayNormal } from './compare-to-normal.ts';

/** A temperature served in °C, in the person's unit. */
export const shown = (celsius: number, unit: Units['temperature']) =>
  formatTemperature(convert.temperature(celsius, '°C', unit), unit);
const shownDifference = (celsius: number, unit: Units['temperature']) =>
  formatShortTemperature(Math.abs(unit === '°F' ? (celsius * 9) / 5 : celsius), unit);

/** "6° above normal · warmest 10 % for the date". */
export function comparisonText(
  high: number,
  normal: DayNormal,
  unit: Units['temperature'],
): string {
  const { difference, band } = compareHigh(high, normal);
  const delta = shownDifference(difference, unit);
  const first =
    Math.abs(difference) < 0.5
      ? t('normals.near')
      : difference > 0
        ? t('normals.above', { delta })
        : t('normals.below', { delta });
  if (band === 'usual') return first;
  return `${first} · ${band === 'warmest-10' ? t('normals.warmest10') : t('normals.coldest10')}`;
}
