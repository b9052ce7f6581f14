import { z } from 'zod';

import { localDateTime } from '@skycast/local-time';
import {
  airQualitySchema,
  convertForecast,
  placeSchema,
  providerForecastSchema,
  type AirQuality,
  type Forecast,
  type Place,
  type ProviderForecast,
  type UnitChoice,
  type WeatherProvider,
} from '@skycast/weather';

import type { Logger } from '../logger.ts';
import type { Freshness, WeatherCache } from './weather-cache.ts';

export interface WeatherServiceOptions {
  provider: WeatherProvider;
  cache: WeatherCache;
  now?: () => Date;
}

/** Per-request details a call carries along, such as the logger bound to its request id. */
export interface RequestContext {
  logger?: Logger;
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Providers' data changes no more often than every 10 minutes. */
export const FORECAST_FRESHNESS: Freshness = {
  freshForMs: 10 * MINUTE,
  revalidateWithinMs: HOUR,
  usableForMs: DAY,
};
export const AIR_QUALITY_FRESHNESS: Freshness = {
  freshForMs: 30 * MINUTE,
  revalidateWithinMs: 2 * HOUR,
  usableForMs: DAY,
};
/** Place names and coordinates hardly ever change. */
export const GEOCODING_FRESHNESS: Freshness = {
  freshForMs: 7 * DAY,
  revalidateWithinMs: 30 * DAY,
  usableForMs: 30 * DAY,
};

/** Hours of the hourly forecast served, from the present hour on. */
export const HOURS_SERVED = 72;

const result = <T extends z.ZodType>(data: T) => z.object({ data, simulated: z.boolean() });
const storedForecast = result(providerForecastSchema);
const storedAirQuality = result(airQualitySchema);
const storedPlaces = result(z.array(placeSchema));

/** Coordinates rounded to 0.01° (≈ 1.1 km): every point in a cell shares one entry. */
export function cellOf({ latitude, longitude }: Coordinates): Coordinates & { key: string } {
  const lat = Math.round(latitude * 100);
  const lon = Math.round(longitude * 100);
  return { latitude: lat / 100, longitude: lon / 100, key: `${lat}:${lon}` };
}

/** Search text as the cache sees it: same letters, same entry. */
export function normaliseQuery(query: string): string {
  return query.normalize('NFKC').trim().toLocaleLowerCase('en').replace(/\s+/g, ' ');
}

/**
 * The weather the API serves: provider data through the shared cache, in the
 * caller's units, with its provenance (when fetched, stale or not, simulated).
 */
export function createWeatherService(options: WeatherServiceOptions) {
  const { provider, cache } = options;
  const now = options.now ?? (() => new Date());

  async function forecast(
    at: Coordinates,
    choice: UnitChoice,
    context: RequestContext = {},
  ): Promise<Forecast> {
    const cell = cellOf(at);
    const cached = await cache.get({
      ...context,
      key: { provider: provider.id, resource: 'forecast', cacheKey: cell.key },
      schema: storedForecast,
      freshness: FORECAST_FRESHNESS,
      fetch: () => provider.forecast(cell),
    });
    const base = cached.stale ? withCurrentFromHourly(cached.value.data, now()) : cached.value.data;
    const { forecast: converted, units } = convertForecast(presentWindow(base), choice);
    return {
      ...converted,
      units,
      fetchedAt: cached.fetchedAt.toISOString(),
      stale: cached.stale,
      source: provider.id,
      simulated: cached.value.simulated,
    };
  }

  return {
    forecast,

    /**
     * Now at several points at once, each from its cached forecast: what a
     * list of places shows. A point whose forecast cannot be had is `null`,
     * so one failing place never blanks the others.
     */
    async summaries(
      points: readonly Coordinates[],
      choice: UnitChoice,
      context: RequestContext = {},
    ): Promise<(WeatherSummary | null)[]> {
      const settled = await Promise.allSettled(
        points.map((point) => forecast(point, choice, context)),
      );
      return settled.map((outcome) =>
        outcome.status === 'fulfilled' ? summarise(outcome.value) : null,
      );
    },

    async airQuality(at: Coordinates, context: RequestContext = {}): Promise<AirQualityReport> {
      const cell = cellOf(at);
      const cached = await cache.get({
        ...context,
        key: { provider: provider.id, resource: 'air-quality', cacheKey: cell.key },
        schema: storedAirQuality,
        freshness: AIR_QUALITY_FRESHNESS,
        fetch: () => provider.airQuality(cell),
      });
      const report = cached.value.data;
      // "Now" is the present hour of the stored series when one matches.
      const hour = localDateTime(report.location.timezone, now().getTime()).slice(0, 13);
      const firstHour = Math.max(
        0,
        report.hourly.findIndex((entry) => entry.time.slice(0, 13) >= hour),
      );
      const present = cached.stale
        ? report.hourly.find((entry) => entry.time.startsWith(hour))
        : undefined;
      return {
        location: report.location,
        current: present ?? report.current,
        hourly: report.hourly.slice(firstHour, firstHour + HOURS_SERVED),
        fetchedAt: cached.fetchedAt.toISOString(),
        stale: cached.stale,
        source: provider.id,
        simulated: cached.value.simulated,
      };
    },

    async searchLocations(
      query: string,
      limit: number,
      context: RequestContext = {},
    ): Promise<Place[]> {
      const normalised = normaliseQuery(query);
      const cached = await cache.get({
        ...context,
        key: { provider: provider.id, resource: 'geocoding', cacheKey: `${limit}:${normalised}` },
        schema: storedPlaces,
        freshness: GEOCODING_FRESHNESS,
        fetch: () => provider.searchLocations({ query: normalised, limit }),
      });
      return cached.value.data;
    },
  };
}
export type WeatherService = ReturnType<typeof createWeatherService>;

/** A place's weather in a line: enough for a list of saved places. */
export interface WeatherSummary {
  temperature: number;
  weatherCode: number;
  isDay: boolean;
  high: number | null;
  low: number | null;
  units: Forecast['units'];
  fetchedAt: string;
  stale: boolean;
}

function summarise(forecast: Forecast): WeatherSummary {
  const today = forecast.daily[0];
  return {
    temperature: forecast.current.temperature,
    weatherCode: forecast.current.weatherCode,
    isDay: forecast.current.isDay,
    high: today?.temperatureMax ?? null,
    low: today?.temperatureMin ?? null,
    units: forecast.units,
    fetchedAt: forecast.fetchedAt,
    stale: forecast.stale,
  };
}

export type AirQualityReport = AirQuality & {
  fetchedAt: string;
  stale: boolean;
  source: WeatherProvider['id'];
  simulated: boolean;
};

/** From the present hour on: past hours and days are of no use to a reader. */
function presentWindow(forecast: ProviderForecast): ProviderForecast {
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
  };
}

/**
 * An old forecast's `current` describes the moment it was fetched. When it is
 * served later, "now" is the stored hourly entry for the present hour instead.
 */
export function withCurrentFromHourly(forecast: ProviderForecast, at: Date): ProviderForecast {
  const hour = localDateTime(forecast.location.timezone, at.getTime()).slice(0, 13);
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
