import { z } from 'zod';

import { fetchJson } from '../http.ts';
import { bounded, isoInstant, type AlertsProvider, type WeatherAlert } from './alert-model.ts';

export interface OneCallAlertsOptions {
  /** `https://api.openweathermap.org`, or the local stub. */
  baseUrl: string;
  /** A key with a One Call 3.0 subscription; never in an error message. */
  apiKey: string;
  timeoutMs?: number;
}

const PROVIDER = 'openweather';
const MAX_ALERTS = 50;

/** `/data/3.0/onecall` with everything but alerts excluded; `alerts` is absent when there are none. */
const oneCallSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  timezone: z.string().optional(),
  alerts: z
    .array(
      z.object({
        sender_name: z.string(),
        event: z.string(),
        /** Unix seconds. */
        start: z.number().int(),
        end: z.number().int(),
        description: z.string(),
        tags: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

const errorSchema = z.object({ message: z.string() });

/**
 * National agencies' warnings as OpenWeather's One Call 3.0 relays them,
 * worldwide. They carry no CAP severity, urgency or certainty (those are
 * `unknown`), headline or instruction.
 *
 * @example
 * const alerts = createOneCallAlerts({ baseUrl: 'https://api.openweathermap.org', apiKey });
 */
export function createOneCallAlerts(options: OneCallAlertsOptions): AlertsProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    id: PROVIDER,
    covers: () => true,
    async alerts({ latitude, longitude }) {
      const url = new URL('/data/3.0/onecall', options.baseUrl);
      url.searchParams.set('lat', String(latitude));
      url.searchParams.set('lon', String(longitude));
      url.searchParams.set('exclude', 'current,minutely,hourly,daily');
      url.searchParams.set('appid', options.apiKey);
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: oneCallSchema,
        timeoutMs,
        readErrorReason: (error) => {
          const parsed = errorSchema.safeParse(error);
          return parsed.success ? parsed.data.message : undefined;
        },
      });
      const data = (body.alerts ?? []).slice(0, MAX_ALERTS).map((alert, index): WeatherAlert =>
        bounded({
          // One Call gives no identifier: sender, event and start name one warning.
          id: `${alert.sender_name}:${alert.event}:${alert.start}:${index}`,
          event: alert.event,
          severity: 'unknown',
          urgency: 'unknown',
          certainty: 'unknown',
          onset: isoInstant(alert.start),
          expires: isoInstant(alert.end),
          sender: alert.sender_name,
          headline: null,
          description: alert.description,
          instruction: null,
          area: '',
          // One Call relays the agency's text as it is, without naming its language.
          language: null,
          otherLanguages: [],
        }),
      );
      return { data, simulated };
    },
  };
}
