import { intlLocale } from '../i18n/i18n.ts';

/**
 * The forecast's times are wall-clock times at the place (`YYYY-MM-DDTHH:mm`,
 * no offset), so they are shown as they are, never converted to the viewer's zone.
 */

/**
 * "14:00" from "2026-11-23T14:00".
 *
 * @example
 * hourOf('2026-11-23T14:00') // '14:00'
 */
export function hourOf(localTime: string): string {
  return localTime.slice(11, 16);
}

/** "2026-11-23" from "2026-11-23T14:00". */
export function dateOf(localTime: string): string {
  return localTime.slice(0, 10);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter of calendar dates in the page's language, read in UTC: a place's
 * date is never shifted by the viewer's zone.
 */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const language = intlLocale();
  const key = `${language} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

function utcDate(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/**
 * The weekday of a calendar date, short ("Mon") or long ("Monday").
 *
 * @example
 * weekdayOf('2026-11-23') // 'Mon'
 */
export function weekdayOf(date: string, style: 'short' | 'long' = 'short'): string {
  return dateFormat({ weekday: style }).format(utcDate(date));
}

// Instants on a place's clocks: the same module the server and the stub use.
export { clockTimeAt } from '@skycast/local-time';

/**
 * Whether the sun is up at a local time, for hours whose `isDay` the provider
 * left out: between that day's sunrise and sunset when known, else 06:00–18:00.
 */
export function isDaytime(
  localTime: string,
  sunrise: string | null | undefined,
  sunset: string | null | undefined,
): boolean {
  if (sunrise && sunset) return localTime >= sunrise && localTime < sunset;
  const hour = Number(localTime.slice(11, 13));
  return hour >= 6 && hour < 18;
}
