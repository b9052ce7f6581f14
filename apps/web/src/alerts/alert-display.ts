import type { RouterOutputs } from '@skycast/api';
import { localDateTime } from '@skycast/local-time';
import type { Clock } from '@skycast/validators';

import { intlLocale, t } from '../i18n/i18n.ts';
import { weekdayOf } from '../weather/local-time.ts';
import { formatTime } from '../weather/units.ts';

export type AlertsReport = RouterOutputs['weather']['alerts'];
export type WeatherAlert = AlertsReport['alerts'][number];
export type AlertSeverity = WeatherAlert['severity'];
export type AlertsSource = NonNullable<AlertsReport['source']>;

/** What each severity is called on the page: the word is always shown beside its colour and icon. */
export function severityLabel(severity: AlertSeverity): string {
  const labels = {
    extreme: t('alerts.severity.extreme'),
    severe: t('alerts.severity.severe'),
    moderate: t('alerts.severity.moderate'),
    minor: t('alerts.severity.minor'),
    unknown: t('alerts.severity.unknown'),
  } satisfies Record<AlertSeverity, string>;
  return labels[severity];
}

function urgencyWord(urgency: WeatherAlert['urgency']): string | null {
  const words = {
    immediate: t('alerts.urgency.immediate'),
    expected: t('alerts.urgency.expected'),
    future: t('alerts.urgency.future'),
    past: t('alerts.urgency.past'),
    unknown: null,
  } satisfies Record<WeatherAlert['urgency'], string | null>;
  return words[urgency];
}

function certaintyWord(certainty: WeatherAlert['certainty']): string | null {
  const words = {
    observed: t('alerts.certainty.observed'),
    likely: t('alerts.certainty.likely'),
    possible: t('alerts.certainty.possible'),
    unlikely: t('alerts.certainty.unlikely'),
    unknown: null,
  } satisfies Record<WeatherAlert['certainty'], string | null>;
  return words[certainty];
}

/** The services' own sites, for the credit under each warning. */
export const SOURCES: Record<AlertsSource, { name: string; href: string }> = {
  nws: { name: 'National Weather Service', href: 'https://www.weather.gov/' },
  meteoalarm: { name: 'MeteoAlarm', href: 'https://meteoalarm.org/' },
  openweather: { name: 'OpenWeather', href: 'https://openweathermap.org/' },
};

/** "Tue 14:00" (or "Tue 2:00 PM") on the place's clocks (today's and tomorrow's too: warnings span days). */
function dayAndTime(instant: string, timeZone: string, clock: Clock): string {
  const local = localDateTime(timeZone, Date.parse(instant));
  return `${weekdayOf(local)} ${formatTime(local, clock)}`;
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
  clock: Clock = '24h',
): string | null {
  const at = (instant: string) => dayAndTime(instant, timeZone, clock);
  const from = alert.onset && Date.parse(alert.onset) > now ? alert.onset : null;
  const until = alert.expires;
  if (from && until) return t('alerts.fromUntil', { from: at(from), until: at(until) });
  if (from) return t('alerts.from', { from: at(from) });
  if (until) return t('alerts.until', { until: at(until) });
  return null;
}

/** Urgency and certainty as a short phrase ("Expected soon, likely"), or null when the issuer gave neither. */
export function urgencyAndCertainty(
  alert: Pick<WeatherAlert, 'urgency' | 'certainty'>,
): string | null {
  const words = [urgencyWord(alert.urgency), certaintyWord(alert.certainty)].filter(
    (word): word is string => word !== null,
  );
  if (words.length === 0) return null;
  const text = words.join(', ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** A warning's words in one language; `language` null where the service does not name it. */
export type AlertWords = Pick<
  WeatherAlert,
  'language' | 'event' | 'headline' | 'description' | 'instruction'
>;

export interface AlertWordsChoice {
  /** What the page shows first. */
  shown: AlertWords;
  /** The issuer's original, one tap away, when `shown` is its version in the reader's language. */
  original: AlertWords | null;
  /** The name of `shown`'s language, to label it, when it is not the reader's. */
  shownLanguageName: string | null;
}

const primaryTag = (language: string | null) => language?.toLowerCase().split('-')[0] ?? null;

/** "de-AT" → "German" in the page's language; the tag itself where Intl does not know it. */
export function languageName(language: string): string {
  try {
    return (
      new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(primaryTag(language)!) ??
      language
    );
  } catch {
    return language;
  }
}

/**
 * Which of a warning's languages to show a reader (MeteoAlarm documents carry
 * one per language): the reader's own where the issuer sent it, with the
 * original one tap away; otherwise the original, labelled with its language.
 * The original is the issuer's first non-English block (members add English
 * beside their own), or the only one.
 *
 * @example
 * alertWords(dwdWarning, 'de').shown.event; // "ORKANARTIGE BÖEN"
 */
export function alertWords(alert: WeatherAlert, reader: string): AlertWordsChoice {
  const main: AlertWords = {
    language: alert.language,
    event: alert.event,
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction,
  };
  const all = [main, ...alert.otherLanguages];
  const original = all.find((words) => primaryTag(words.language) !== 'en') ?? main;
  const own = all.find((words) => primaryTag(words.language) === primaryTag(reader));
  if (own)
    return { shown: own, original: own === original ? null : original, shownLanguageName: null };
  return {
    shown: original,
    original: null,
    shownLanguageName: original.language === null ? null : languageName(original.language),
  };
}
