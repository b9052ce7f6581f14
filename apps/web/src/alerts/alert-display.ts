import { localDateTime } from '@skycast/local-time';

import type { RouterOutputs } from '@skycast/api';

export type AlertsReport = RouterOutputs['weather']['alerts'];
export type WeatherAlert = AlertsReport['alerts'][number];
export type AlertSeverity = WeatherAlert['severity'];
export type AlertsSource = NonNullable<AlertsReport['source']>;

/** What each severity is called on the page: the word is always shown beside its colour and icon. */
export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  extreme: 'Extreme',
  severe: 'Severe',
  moderate: 'Moderate',
  minor: 'Minor',
  unknown: 'Warning',
};

const URGENCY: Record<WeatherAlert['urgency'], string | null> = {
  immediate: 'act now',
  expected: 'expected soon',
  future: 'expected later',
  past: 'no longer expected',
  unknown: null,
};
const CERTAINTY: Record<WeatherAlert['certainty'], string | null> = {
  observed: 'observed',
  likely: 'likely',
  possible: 'possible',
  unlikely: 'unlikely',
  unknown: null,
};

/** The services' own sites, for the credit under each warning. */
export const SOURCES: Record<AlertsSource, { name: string; href: string }> = {
  nws: { name: 'National Weather Service', href: 'https://www.weather.gov/' },
  meteoalarm: { name: 'MeteoAlarm', href: 'https://meteoalarm.org/' },
  openweather: { name: 'OpenWeather', href: 'https://openweathermap.org/' },
};

const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** "Tue 14:00" on the place's clocks (today's and tomorrow's too: warnings span days). */
function dayAndTime(instant: string, timeZone: string): string {
  const local = localDateTime(timeZone, Date.parse(instant));
  return `${weekday.format(new Date(`${local.slice(0, 10)}T00:00:00Z`))} ${local.slice(11, 16)}`;
}

/**
 * When a warning applies, in words, on the place's clocks.
 *
 * @example
 * alertPeriod({ onset: '2026-12-01T15:00:00Z', expires: '2026-12-02T09:00:00Z' }, 'Europe/Berlin', now)
 * // 'From Tue 16:00 until Wed 10:00' (before the onset) or 'Until Wed 10:00' (after it)
 */
export function alertPeriod(
  alert: Pick<WeatherAlert, 'onset' | 'expires'>,
  timeZone: string,
  now: number,
): string | null {
  const from = alert.onset && Date.parse(alert.onset) > now ? alert.onset : null;
  const until = alert.expires;
  if (from && until)
    return `From ${dayAndTime(from, timeZone)} until ${dayAndTime(until, timeZone)}`;
  if (from) return `From ${dayAndTime(from, timeZone)}`;
  if (until) return `Until ${dayAndTime(until, timeZone)}`;
  return null;
}

/** Urgency and certainty as a short phrase ("Expected soon, likely"), or null when the issuer gave neither. */
export function urgencyAndCertainty(
  alert: Pick<WeatherAlert, 'urgency' | 'certainty'>,
): string | null {
  const words = [URGENCY[alert.urgency], CERTAINTY[alert.certainty]].filter(
    (word): word is string => word !== null,
  );
  if (words.length === 0) return null;
  const text = words.join(', ');
  return text[0]!.toUpperCase() + text.slice(1);
}
