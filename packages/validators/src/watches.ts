import { z } from 'zod';

import { placeIdSchema } from './places.ts';
import { text } from './text.ts';

/** Watches one person may keep on one place, and in all. */
export const MAX_WATCHES_PER_PLACE = 10;
export const MAX_WATCHES_PER_USER = 50;
/** Browsers one person may receive pushes on. */
export const MAX_PUSH_SUBSCRIPTIONS = 10;
/** Warning event types one watch may mute. */
export const MAX_MUTED_EVENTS = 20;
/** Conditions in one "all of" watch. */
export const MAX_CONDITIONS = 5;

const clockTime = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'input.timeOfDay');

/** Intensities a rain watch can ask for, with their mm per hour (the WMO's light/moderate/heavy rain). */
export const RAIN_INTENSITIES = { light: 0.1, moderate: 2.5, heavy: 7.6 } as const;
export const rainIntensitySchema = z.enum(['light', 'moderate', 'heavy']);

export const WARNING_SEVERITIES = ['minor', 'moderate', 'severe', 'extreme'] as const;

/** Hours ahead a threshold watch looks, or tonight (sunset to sunrise). */
const horizonSchema = z.union([
  z.object({ hours: z.number().int().min(1).max(72) }),
  z.object({ tonight: z.literal(true) }),
]);

const directionSchema = z.enum(['below', 'above']);

/** A quantity an "all of" condition may test, in canonical units (°C, km/h, mm/h, %, UV index). */
export const CONDITION_METRICS = [
  'temperature',
  'windSpeed',
  'windGusts',
  'precipitation',
  'precipitationProbability',
  'uvIndex',
] as const;

export const conditionSchema = z.object({
  metric: z.enum(CONDITION_METRICS),
  direction: directionSchema,
  value: z.number().min(-100).max(500),
});
export type WatchCondition = z.infer<typeof conditionSchema>;

/** What a watch watches for; thresholds in canonical units (°C, km/h). */
export const watchRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rain-starts'),
    withinMinutes: z.number().int().min(15).max(120),
    intensity: rainIntensitySchema,
  }),
  z.object({ kind: z.literal('rain-stops') }),
  z.object({
    kind: z.literal('temperature'),
    direction: directionSchema,
    threshold: z.number().min(-60).max(60),
    horizon: horizonSchema,
  }),
  z.object({
    kind: z.literal('gusts'),
    threshold: z.number().min(10).max(300),
    hours: z.number().int().min(1).max(72),
  }),
  z.object({
    kind: z.literal('uv'),
    threshold: z.number().min(1).max(15),
    hours: z.number().int().min(1).max(72),
  }),
  z.object({
    kind: z.literal('aqi'),
    threshold: z.number().int().min(10).max(500),
    hours: z.number().int().min(1).max(72),
  }),
  z.object({
    kind: z.literal('warning'),
    minSeverity: z.enum(WARNING_SEVERITIES),
    mutedEvents: z.array(text({ max: 100 }).trim().min(1)).max(MAX_MUTED_EVENTS),
  }),
  z.object({ kind: z.literal('daily-summary'), at: clockTime }),
  /**
   * Tomorrow's forecast high above the 90th percentile of the 1991–2020 normal highs for
   * its date (`warm`), or its low below the 10th percentile of normal lows (`cold`).
   */
  z.object({ kind: z.literal('unusual-tomorrow'), direction: z.enum(['warm', 'cold']) }),
  z.object({
    kind: z.literal('all-of'),
    conditions: z.array(conditionSchema).min(1).max(MAX_CONDITIONS),
  }),
]);
export type WatchRule = z.infer<typeof watchRuleSchema>;
export type WatchKind = WatchRule['kind'];
export const WATCH_KINDS = [
  'rain-starts',
  'rain-stops',
  'temperature',
  'gusts',
  'uv',
  'aqi',
  'warning',
  'daily-summary',
  'unusual-tomorrow',
  'all-of',
] as const satisfies readonly WatchKind[];

/**
 * When a watch may notify, on the place's clock: active days (1 Monday … 7
 * Sunday) and hours (`from` to `until`, across midnight when `until` is
 * earlier), minus quiet hours.
 */
export const watchScheduleSchema = z.object({
  days: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'input.dayRepeated'),
  from: clockTime,
  until: clockTime,
  quiet: z.object({ from: clockTime, until: clockTime }).nullable(),
});
export type WatchSchedule = z.infer<typeof watchScheduleSchema>;

export const ALWAYS: WatchSchedule = {
  days: [1, 2, 3, 4, 5, 6, 7],
  from: '00:00',
  until: '00:00',
  quiet: null,
};

export const watchIdSchema = z.uuid({ message: 'input.watchId' });

export const createWatchInputSchema = z.object({
  placeId: placeIdSchema,
  rule: watchRuleSchema,
  schedule: watchScheduleSchema.default(ALWAYS),
  enabled: z.boolean().default(true),
});
export const updateWatchInputSchema = z.object({
  id: watchIdSchema,
  rule: watchRuleSchema.optional(),
  schedule: watchScheduleSchema.optional(),
  enabled: z.boolean().optional(),
});
export const previewWatchInputSchema = z.object({
  placeId: placeIdSchema,
  rule: watchRuleSchema,
  schedule: watchScheduleSchema.default(ALWAYS),
});

/** Push services browsers use (Chrome/Edge via FCM, Firefox, Safari, Edge's own). */
export const DEFAULT_PUSH_SERVICE_ORIGINS = [
  'https://fcm.googleapis.com',
  'https://android.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://web.push.apple.com',
  'https://wns2-par02p.notify.windows.com',
] as const;

const base64url = (max: number) =>
  z
    .string()
    .min(16)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'input.base64url');

/** What `PushSubscription.toJSON()` gives, as the browser sends it. */
export const pushSubscriptionInputSchema = z.object({
  // A URL has no control characters; one here (a NUL, say) could not even be stored.
  endpoint: z
    .string()
    .max(2048)
    .regex(/^\P{Cc}*$/u, 'input.urlControlCharacter'),
  keys: z.object({ p256dh: base64url(200), auth: base64url(100) }),
  device: text({ max: 100 }).trim().min(1).default('This browser'),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInputSchema>;

/**
 * Whether the server may POST to `endpoint`: `https` and an origin among
 * `allowedOrigins` (a known push service). Anything else is refused before
 * any request is made.
 *
 * @example
 * isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', DEFAULT_PUSH_SERVICE_ORIGINS) // true
 */
export function isAllowedPushEndpoint(
  endpoint: string,
  allowedOrigins: readonly string[],
): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return allowedOrigins.some((origin) => {
    // `https://*.notify.windows.com` style entries match any host under the suffix.
    if (origin.startsWith('https://*.'))
      return url.hostname.endsWith(origin.slice('https://*'.length));
    return url.origin === origin;
  });
}
