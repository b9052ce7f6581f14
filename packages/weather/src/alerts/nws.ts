import { z } from 'zod';

import { fetchJson } from '../http.ts';
import {
  alertCertaintySchema,
  alertSeveritySchema,
  alertUrgencySchema,
  capValue,
  isoInstant,
  bounded,
  type AlertsProvider,
  type WeatherAlert,
} from './alert-model.ts';
import { inNwsArea } from './coverage.ts';

export interface NwsOptions {
  /** `https://api.weather.gov`, or the local stub. */
  baseUrl: string;
  /**
   * The NWS refuses calls without one and asks that it name the app and a
   * contact: `(skycast.example, ops@skycast.example)`.
   */
  userAgent: string;
  timeoutMs?: number;
}

const PROVIDER = 'nws';
/** The NWS answers a point within the United States with its zones' and counties' alerts. */
const MAX_ALERTS = 50;

const optionalText = z.string().nullish();

const featureSchema = z.object({
  properties: z.object({
    id: z.string(),
    areaDesc: z.string(),
    sent: z.string().optional(),
    onset: optionalText,
    expires: optionalText,
    /** When the hazard is expected to end; `expires` is when the message does. */
    ends: optionalText,
    status: z.string(),
    messageType: z.string(),
    severity: z.string(),
    certainty: z.string(),
    urgency: z.string(),
    event: z.string(),
    sender: z.string().optional(),
    senderName: optionalText,
    headline: optionalText,
    description: optionalText,
    instruction: optionalText,
  }),
});

/** `/alerts/active?point=` answers a GeoJSON FeatureCollection of CAP alerts. */
const activeAlertsSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(featureSchema),
});

/** NWS errors are RFC 7807 problem documents. */
const problemSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

/**
 * The US National Weather Service's warnings (keyless). Covers the United
 * States and its territories; test and exercise messages are left out.
 *
 * @example
 * const nws = createNws({ baseUrl: 'https://api.weather.gov', userAgent: '(skycast, ops@example.com)' });
 * const { data } = await nws.alerts({ latitude: 41.85, longitude: -87.65 });
 */
export function createNws(options: NwsOptions): AlertsProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    id: PROVIDER,
    covers: ({ latitude, longitude }) => inNwsArea(latitude, longitude),
    async alerts({ latitude, longitude }) {
      const url = new URL('/alerts/active', options.baseUrl);
      // The API refuses more than four decimals ("Parameter point is invalid").
      url.searchParams.set('point', `${latitude.toFixed(4)},${longitude.toFixed(4)}`);
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: activeAlertsSchema,
        timeoutMs,
        accept: 'application/geo+json',
        headers: { 'user-agent': options.userAgent },
        readErrorReason: (problem) => {
          const parsed = problemSchema.safeParse(problem);
          return parsed.success ? (parsed.data.detail ?? parsed.data.title) : undefined;
        },
      });
      const data = body.features
        .map((feature) => feature.properties)
        .filter((alert) => alert.status === 'Actual' && alert.messageType !== 'Cancel')
        .slice(0, MAX_ALERTS)
        .map((alert): WeatherAlert =>
          bounded({
            id: alert.id,
            event: alert.event,
            severity: capValue(alertSeveritySchema.options, alert.severity),
            urgency: capValue(alertUrgencySchema.options, alert.urgency),
            certainty: capValue(alertCertaintySchema.options, alert.certainty),
            onset: isoInstant(alert.onset),
            // What a reader wants is when the hazard ends; the message's own expiry otherwise.
            expires: isoInstant(alert.ends) ?? isoInstant(alert.expires),
            sender: alert.senderName ?? alert.sender ?? 'National Weather Service',
            headline: alert.headline ?? null,
            description: alert.description ?? '',
            instruction: alert.instruction ?? null,
            area: alert.areaDesc,
            // The GeoJSON carries one language and does not name it.
            language: null,
            otherLanguages: [],
          }),
        );
      return { data, simulated };
    },
  };
}
