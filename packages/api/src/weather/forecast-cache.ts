import { z } from 'zod';

import type { Database, Kysely } from '@skycast/db';
import {
  convertForecast,
  providerForecastSchema,
  type Forecast,
  type ProviderForecast,
  type WeatherProvider,
} from '@skycast/weather';

import type { Logger } from '../logger.ts';
import { localWallClock } from './local-time.ts';

export interface ForecastCacheOptions {
  db: Kysely<Database>;
  provider: WeatherProvider;
  logger: Logger;
  /** How long a stored forecast is served without asking the provider. */
  freshForMs?: number;
  /** How long a stored forecast may still be shown when the provider fails. */
  usableForMs?: number;
  now?: () => Date;
}

export interface ForecastCache {
  /** The forecast for the ~1 km cell around the coordinates. */
  get(latitude: number, longitude: number): Promise<Forecast>;
}

const HOURS_SERVED = 72;

const storedPayloadSchema = z.object({
  forecast: providerForecastSchema,
  simulated: z.boolean(),
});
type StoredPayload = z.infer<typeof storedPayloadSchema>;

interface CacheKey {
  latitudeE2: number;
  longitudeE2: number;
}

/**
 * Serves forecasts from PostgreSQL and asks the provider only when the stored
 * row is older than `freshForMs`. Concurrent misses for one cell share one
 * provider call; when the provider fails, a stored row is served as stale.
 *
 * @example
 * const cache = createForecastCache({ db, provider: createOpenMeteo(urls), logger });
 * const forecast = await cache.get(52.52, 13.41);
 */
export function createForecastCache(options: ForecastCacheOptions): ForecastCache {
  const { db, provider, logger } = options;
  const freshForMs = options.freshForMs ?? 10 * 60_000;
  const usableForMs = options.usableForMs ?? 24 * 60 * 60_000;
  const now = options.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<{ payload: StoredPayload; fetchedAt: Date }>>();

  async function readStored(key: CacheKey) {
    const row = await db
      .selectFrom('forecasts')
      .select(['payload', 'fetchedAt', 'freshUntil', 'staleUntil'])
      .where('provider', '=', provider.id)
      .where('latitudeE2', '=', key.latitudeE2)
      .where('longitudeE2', '=', key.longitudeE2)
      .executeTakeFirst();
    if (!row) return undefined;
    // Rows written by an older release may not match today's model: treat them as absent.
    const payload = storedPayloadSchema.safeParse(row.payload);
    if (!payload.success) return undefined;
    return { ...row, payload: payload.data };
  }

  async function fetchAndStore(key: CacheKey) {
    const { data, simulated } = await provider.forecast({
      latitude: key.latitudeE2 / 100,
      longitude: key.longitudeE2 / 100,
    });
    const fetchedAt = now();
    const payload: StoredPayload = { forecast: data, simulated };
    const row = {
      provider: provider.id,
      latitudeE2: key.latitudeE2,
      longitudeE2: key.longitudeE2,
      payload: JSON.stringify(payload),
      fetchedAt,
      freshUntil: new Date(fetchedAt.getTime() + freshForMs),
      staleUntil: new Date(fetchedAt.getTime() + usableForMs),
    };
    await db
      .insertInto('forecasts')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['provider', 'latitudeE2', 'longitudeE2']).doUpdateSet({
          payload: row.payload,
          fetchedAt: row.fetchedAt,
          freshUntil: row.freshUntil,
          staleUntil: row.staleUntil,
        }),
      )
      .execute();
    return { payload, fetchedAt };
  }

  function fetchOnce(key: CacheKey) {
    const id = `${key.latitudeE2},${key.longitudeE2}`;
    let pending = inFlight.get(id);
    if (!pending) {
      pending = fetchAndStore(key).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  }

  return {
    async get(latitude, longitude) {
      const key = { latitudeE2: Math.round(latitude * 100), longitudeE2: Math.round(longitude * 100) };
      const stored = await readStored(key);
      if (stored && stored.freshUntil > now()) {
        return present(stored.payload, stored.fetchedAt, false);
      }
      try {
        const fetched = await fetchOnce(key);
        return present(fetched.payload, fetched.fetchedAt, false);
      } catch (error) {
        if (stored && stored.staleUntil > now()) {
          logger.warn({ err: error, provider: provider.id }, 'provider failed; serving stored forecast');
          return present(stored.payload, stored.fetchedAt, true);
        }
        throw error;
      }
    },
  };

  function present(payload: StoredPayload, fetchedAt: Date, stale: boolean): Forecast {
    const stored = stale ? withCurrentFromHourly(payload.forecast, now()) : payload.forecast;
    // Stored data is canonical (visibility in metres); the served units say km, so convert.
    const { forecast, units } = convertForecast(stored, { units: 'metric', windUnit: 'kmh' });
    const currentHour = forecast.current.time.slice(0, 13);
    const firstHour = Math.max(
      0,
      forecast.hourly.findIndex((entry) => entry.time.slice(0, 13) >= currentHour),
    );
    const today = forecast.current.time.slice(0, 10);
    return {
      ...forecast,
      hourly: forecast.hourly.slice(firstHour, firstHour + HOURS_SERVED),
      daily: forecast.daily.filter((day) => day.date >= today),
      units,
      fetchedAt: fetchedAt.toISOString(),
      stale,
      source: provider.id,
      simulated: payload.simulated,
    };
  }
}

/**
 * An old forecast's `current` describes the moment it was fetched. When it is
 * served later, "now" is the stored hourly entry for the present hour instead.
 */
export function withCurrentFromHourly(forecast: ProviderForecast, at: Date): ProviderForecast {
  const hour = localWallClock(forecast.location.timezone, at).slice(0, 13);
  const entry = forecast.hourly.find((candidate) => candidate.time.startsWith(hour));
  if (!entry) return forecast;
  return {
    ...forecast,
    current: {
      ...forecast.current,
      time: entry.time,
      temperature: entry.temperature,
      apparentTemperature: entry.apparentTemperature ?? entry.temperature,
      humidity: entry.humidity ?? forecast.current.humidity,
      windSpeed: entry.windSpeed,
      weatherCode: entry.weatherCode,
      isDay: entry.isDay ?? forecast.current.isDay,
      precipitation: entry.precipitation ?? 0,
    },
  };
}
