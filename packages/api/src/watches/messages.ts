import type { Language } from '@skycast/validators';

import type { WatchEvent } from './evaluate.ts';
import { INTL_LOCALE, WORDS, type NotificationText } from './notification-words.ts';

export type { NotificationText } from './notification-words.ts';

/** How a person reads numbers: their temperature scale and wind unit. */
export interface Reader {
  language: Language;
  temperature: 'metric' | 'imperial';
  wind: 'kmh' | 'ms' | 'mph' | 'kn';
}

const WIND_UNIT: Record<Reader['wind'], { factor: number; unit: string }> = {
  kmh: { factor: 1, unit: 'kilometer-per-hour' },
  ms: { factor: 1 / 3.6, unit: 'meter-per-second' },
  mph: { factor: 1 / 1.609344, unit: 'mile-per-hour' },
  kn: { factor: 1 / 1.852, unit: 'knot' },
};

/** Numbers, temperatures, wind speeds, wall-clock times and dates as the reader reads them. */
function readerFormats(reader: Reader) {
  const locale = INTL_LOCALE[reader.language];
  const number = (value: number, options: Intl.NumberFormatOptions = {}) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 0, ...options }).format(value);
  const temperature = (celsius: number, digits = 0) =>
    reader.temperature === 'imperial'
      ? number((celsius * 9) / 5 + 32, {
          style: 'unit',
          unit: 'fahrenheit',
          maximumFractionDigits: digits,
        })
      : number(celsius, { style: 'unit', unit: 'celsius', maximumFractionDigits: digits });
  const wind = (kmh: number) => {
    const { factor, unit } = WIND_UNIT[reader.wind];
    return number(kmh * factor, { style: 'unit', unit });
  };
  // Wall-clock times and dates are formatted as UTC so no zone moves them again.
  const time = (local: string) =>
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }).format(Date.parse(`${local}:00Z`));
  const date = (day: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(Date.parse(`${day}T00:00:00Z`));
  return { number, temperature, wind, time, date };
}

/**
 * The words of a notification in the reader's language and units; the place
 * name is the person's own. Times are the place's wall clock.
 *
 * @example
 * describeEvent(event, 'Home', { language: 'de', temperature: 'metric', wind: 'kmh' })
 * // { title: 'Home: Regen in 20 Min.', body: 'Leichter Regen ab 14:15.' }
 */
export function describeEvent(event: WatchEvent, place: string, reader: Reader): NotificationText {
  const words = WORDS[reader.language];
  const { number, temperature, wind, time, date } = readerFormats(reader);

  switch (event.kind) {
    case 'rain-starts':
      return words.rainStarts(
        place,
        number(event.minutes),
        time(event.at),
        words.intensity[event.intensity] ?? '',
      );
    case 'rain-stops':
      return words.rainStops(place, number(event.minutes), time(event.at));
    case 'temperature':
      return event.direction === 'below'
        ? words.below(place, temperature(event.value), time(event.at), event.tonight)
        : words.above(place, temperature(event.value), time(event.at));
    case 'gusts':
      return words.gusts(place, wind(event.value), time(event.at));
    case 'uv':
      return words.uv(place, number(event.value), time(event.at));
    case 'aqi':
      return words.aqi(place, number(event.value), time(event.at));
    case 'warning':
      // The issuer's words stay as they came: Skycast does not translate warnings.
      return words.warning(
        place,
        event.event,
        words.severity[event.severity] ?? event.severity,
        event.headline ?? (event.onset ? time(event.onset) : event.event),
      );
    case 'daily-summary':
      return words.summary(
        place,
        temperature(event.high),
        temperature(event.low),
        event.precipitationChance === null
          ? null
          : number(event.precipitationChance / 100, { style: 'percent' }),
      );
    case 'unusual-tomorrow': {
      // A tenth of a degree past the percentile must not read as "17 °C, above 17 °C".
      const digits = temperature(event.value) === temperature(event.bound) ? 1 : 0;
      return words.unusual(
        place,
        event.direction === 'warm',
        temperature(event.value, digits),
        temperature(event.bound, digits),
        date(event.date),
      );
    }
    case 'all-of':
      return words.allOf(
        place,
        time(`${event.date}T${event.from}`),
        time(`${event.date}T${event.until}`),
      );
  }
}

/** The words of the test notification a person sends themselves from the account page. */
export function testNotificationText(language: Language): NotificationText {
  return WORDS[language].test('Skycast');
}
