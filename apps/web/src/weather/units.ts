import { convert, type Clock } from '@skycast/validators';

import type { ServedUnits, Units } from '../api-types.ts';
import { intlLocale } from '../i18n/i18n.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** A number in the page's language (its digits and separators), with Intl's unit words where it has them. */
export function number(value: number, options: Intl.NumberFormatOptions = {}): string {
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

export function withUnit(value: number, unit: keyof typeof INTL_UNITS, digits = 0): string {
  return number(value, {
    style: 'unit',
    unit: INTL_UNITS[unit],
    unitDisplay: 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Rounds for display, never showing "-0". */
export function whole(value: number): number {
  const rounded = Math.round(value);
  return rounded === 0 ? 0 : rounded;
}

/**
 * A temperature scale's symbol as Intl writes it in the page's language:
 * "°C" in English, "°م" in Arabic. For the units menu and its button.
 *
 * @example
 * temperatureSymbol('°F') // '°F'
 */
export function temperatureSymbol(unit: Units['temperature']): string {
  const format = new Intl.NumberFormat(intlLocale(), {
    style: 'unit',
    unit: INTL_UNITS[unit],
    unitDisplay: 'short',
  });
  return format.formatToParts(1).find((part) => part.type === 'unit')?.value ?? unit;
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

export { convert };

/**
 * A converter from the served units to the chosen ones, quantity by quantity;
 * null stays null. The page asks the API for one set of units only (so every
 * visitor shares one cached answer) and converts here, with the factors of
 * `@skycast/validators` that the server uses too.
 */
export function converterFor(served: ServedUnits, shown: Units) {
  const orNull =
    (one: (value: number) => number) =>
    <T extends number | null>(value: T): T =>
      (value === null ? null : one(value)) as T;
  return {
    temperature: orNull((v) => convert.temperature(v, served.temperature, shown.temperature)),
    windSpeed: orNull((v) => convert.windSpeed(v, served.windSpeed, shown.windSpeed)),
    precipitation: orNull((v) =>
      convert.precipitation(v, served.precipitation, shown.precipitation),
    ),
    pressure: orNull((v) => convert.pressure(v, served.pressure, shown.pressure)),
    distance: orNull((v) => convert.distance(v, served.visibility, shown.visibility)),
  };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A 12-hour time in the page's language ("2:30 PM", "2:30 م"), read in UTC so no zone shifts it. */
function twelveHour(hour: number, minute: number, withMinutes: boolean): string {
  // British English writes "2:30 pm"; a 12-hour clock in English reads "2:30 PM", as it always did here.
  const language = intlLocale() === 'en-GB' ? 'en-US' : intlLocale();
  const key = `${language} ${withMinutes}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      hour: 'numeric',
      ...(withMinutes && { minute: '2-digit' }),
      hourCycle: 'h12',
      timeZone: 'UTC',
    });
    timeFormats.set(key, format);
  }
  // ICU puts a narrow no-break space before AM/PM; a plain space reads (and tests) the same.
  return format.format(Date.UTC(2000, 0, 1, hour, minute)).replace(/\u202f/g, ' ');
}

/**
 * A local time as the person's clock shows it: "14:30", or "2:30 PM" on a
 * 12-hour clock (its day-period words in the page's language). Takes
 * `YYYY-MM-DDTHH:mm` or `HH:mm`, never converts zones.
 *
 * @example
 * formatTime('2026-11-23T14:30', '12h') // '2:30 PM'
 * formatTime('00:05', '12h') // '12:05 AM'
 */
export function formatTime(localTime: string, clock: Clock): string {
  const hhmm = localTime.length > 5 ? localTime.slice(11, 16) : localTime;
  if (clock === '24h') return hhmm;
  return twelveHour(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), true);
}

/**
 * An hour for tight spaces (the hour strip, chart axes): "14:00", or "2 PM".
 *
 * @example
 * formatHour('2026-11-23T14:00', '12h') // '2 PM'
 */
export function formatHour(localTime: string, clock: Clock): string {
  const hhmm = localTime.length > 5 ? localTime.slice(11, 16) : localTime;
  if (clock === '24h' || !hhmm.endsWith(':00')) return formatTime(localTime, clock);
  return twelveHour(Number(hhmm.slice(0, 2)), 0, false);
}

/**
 * A sentence from the API with its local times ("around 14:30", always
 * written HH:mm) put on the person's clock.
 *
 * @example
 * timesOnClock('Light rain starting around 14:30.', '12h') // 'Light rain starting around 2:30 PM.'
 */
export function timesOnClock(sentence: string, clock: Clock): string {
  if (clock === '24h') return sentence;
  return sentence.replace(/\b(?:[01]\d|2[0-3]):[0-5]\d\b/g, (time) => formatTime(time, clock));
}
