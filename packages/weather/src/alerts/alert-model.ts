import { z } from 'zod';

import type { ProviderResult } from '../provider.ts';

/**
 * One official warning, whoever issued it: the fields of a CAP 1.2 `info`
 * block (the Common Alerting Protocol every service here speaks in some form),
 * lower-cased, with times as ISO instants in UTC.
 */
export const alertSeveritySchema = z.enum(['extreme', 'severe', 'moderate', 'minor', 'unknown']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
export const alertUrgencySchema = z.enum(['immediate', 'expected', 'future', 'past', 'unknown']);
export const alertCertaintySchema = z.enum([
  'observed',
  'likely',
  'possible',
  'unlikely',
  'unknown',
]);

/** The services that issue warnings; OpenWeather relays national agencies' through One Call. */
export const alertsProviderIdSchema = z.enum(['nws', 'meteoalarm', 'openweather']);
export type AlertsProviderId = z.infer<typeof alertsProviderIdSchema>;

const LIMITS = {
  id: 500,
  event: 200,
  sender: 300,
  headline: 500,
  description: 20_000,
  instruction: 20_000,
  area: 2_000,
  language: 35,
  /** Belgium and Switzerland send four; a few more leaves room without inviting a flood. */
  otherLanguages: 8,
};

/** Upstream texts are bounded here, so a runaway body cannot reach the cache or a page. */
const text = (max: number) => z.string().max(max);

/** A warning's words in one language, as the issuer wrote them (one CAP `<info>` block). */
export const alertTextSchema = z.object({
  /** As the issuer tags it: "de-DE", "en-GB", "fr". */
  language: text(LIMITS.language),
  event: text(LIMITS.event),
  headline: text(LIMITS.headline).nullable(),
  description: text(LIMITS.description),
  instruction: text(LIMITS.instruction).nullable(),
});
export type AlertText = z.infer<typeof alertTextSchema>;

export const weatherAlertSchema = z.object({
  id: text(LIMITS.id),
  event: text(LIMITS.event),
  severity: alertSeveritySchema,
  urgency: alertUrgencySchema,
  certainty: alertCertaintySchema,
  /** When the hazard begins; null when the issuer did not say. */
  onset: z.iso.datetime().nullable(),
  expires: z.iso.datetime().nullable(),
  /** Who issued it, as a person would name them ("NWS Chicago IL", "Deutscher Wetterdienst"). */
  sender: text(LIMITS.sender),
  headline: text(LIMITS.headline).nullable(),
  description: text(LIMITS.description),
  instruction: text(LIMITS.instruction).nullable(),
  /** The issuer's words for where it applies. */
  area: text(LIMITS.area),
  /** The language of `event`, `headline`, `description` and `instruction`; null where the service does not say. */
  language: text(LIMITS.language).nullable(),
  /**
   * The same words in the other languages the issuer sent (CAP: one `<info>`
   * per language), in the issuer's order; empty where it sent one.
   */
  otherLanguages: z.array(alertTextSchema).max(LIMITS.otherLanguages),
});
export type WeatherAlert = z.infer<typeof weatherAlertSchema>;

export interface AlertsQuery {
  latitude: number;
  longitude: number;
}

/**
 * A service of official warnings mapped onto {@link WeatherAlert}. `alerts`
 * throws `ProviderError` and nothing else.
 */
export interface AlertsProvider {
  readonly id: AlertsProviderId;
  /** Whether this service issues warnings for the point (no call is made). */
  covers(point: AlertsQuery): boolean;
  /** The warnings in force or announced at the point. */
  alerts(point: AlertsQuery): Promise<AlertsResult>;
}

/**
 * The warnings a service gave for a point, and how many more it listed there
 * whose own documents could not be read (MeteoAlarm: one CAP document per
 * warning). A page says so rather than silently showing fewer; absent is 0.
 */
export interface AlertsResult extends ProviderResult<WeatherAlert[]> {
  unreadable?: number;
}

const SEVERITY_ORDER: readonly AlertSeverity[] = [
  'extreme',
  'severe',
  'moderate',
  'minor',
  'unknown',
];

/** Most severe first, then the soonest; the order a person should read them in. */
export function byUrgencyOfReading(a: WeatherAlert, b: WeatherAlert): number {
  const severity = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  if (severity !== 0) return severity;
  return (a.onset ?? '').localeCompare(b.onset ?? '');
}

/** CAP's capitalised values ("Severe", "Immediate") onto the model's; anything else is `unknown`. */
export function capValue<T extends string>(options: readonly T[], value: unknown): T | 'unknown' {
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (options as readonly string[]).includes(lower) ? (lower as T) : 'unknown';
}

/** An instant as the model keeps it (UTC ISO), or null when absent or not a date. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const clip = (value: string, max: number) =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

function boundedText<T extends Omit<AlertText, 'language'>>(words: T): T {
  return {
    ...words,
    event: clip(words.event, LIMITS.event),
    headline: words.headline === null ? null : clip(words.headline, LIMITS.headline),
    description: clip(words.description, LIMITS.description),
    instruction: words.instruction === null ? null : clip(words.instruction, LIMITS.instruction),
  };
}

const boundedLanguage = (language: string) => clip(language, LIMITS.language);

/** Cuts over-long upstream texts to the model's bounds instead of refusing the whole answer. */
export function bounded(alert: WeatherAlert): WeatherAlert {
  return {
    ...boundedText(alert),
    id: clip(alert.id, LIMITS.id),
    sender: clip(alert.sender, LIMITS.sender),
    area: clip(alert.area, LIMITS.area),
    language: alert.language === null ? null : boundedLanguage(alert.language),
    otherLanguages: alert.otherLanguages
      .slice(0, LIMITS.otherLanguages)
      .map((words) => ({ ...boundedText(words), language: boundedLanguage(words.language) })),
  };
}
