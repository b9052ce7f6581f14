import { canonicalTimeZone, localDateTime } from '@skycast/local-time';
import { z } from 'zod';

import {
  airQualityEntrySchema,
  airQualitySchema,
  currentConditionsSchema,
  dailyEntrySchema,
  hourlyEntrySchema,
  minutely15Schema,
  placeSchema,
  pollenSchema,
  precipitationStepSchema,
  providerForecastSchema,
  type AirQuality,
  type Place,
  type ProviderForecast,
} from './model.ts';
import { ProviderError } from './provider-error.ts';
import type { WeatherProvider } from './provider.ts';

/**
 * How far a provider's "now" may be from our clock. Real answers are minutes
 * off at most (an observation's hour); a day or a week off is an answer
 * replayed, cached wrongly upstream, or made with a broken clock.
 */
export const MAX_PROVIDER_CLOCK_SKEW_MS = 6 * 3_600_000;
/** The widest offset of any zone from UTC, allowed besides when a zone is not known here. */
const WIDEST_ZONE_OFFSET_MS = 14 * 3_600_000;

// Beyond every value ever observed on Earth, in the model's units (°C, km/h, mm, hPa, m).
const between = (min: number, max: number) => z.number().min(min).max(max);
const temperature = between(-100, 70);
const feltTemperature = between(-120, 90);
const percent = between(0, 100);
const wind = between(0, 600);
const rain = between(0, 1_000);
const pressure = between(800, 1_100);
const uvIndex = between(0, 30);
const visibility = between(0, 1_000_000);
const concentration = between(0, 100_000);
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

/** The same limits, for answers that are not a forecast (ensembles, model comparisons, past runs). */
export const plausibleValue = { temperature, wind, rain, localTime } as const;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A forecast in the model's units whose every value is one the weather can have. */
export const plausibleForecastSchema = providerForecastSchema.extend({
  location: providerForecastSchema.shape.location.extend({
    latitude: between(-90, 90),
    longitude: between(-180, 180),
    elevation: between(-500, 9_000).optional(),
  }),
  current: currentConditionsSchema.extend({
    time: localTime,
    temperature,
    apparentTemperature: feltTemperature,
    humidity: percent,
    windSpeed: wind,
    windDirection: between(0, 360),
    windGusts: wind.nullable(),
    precipitation: rain,
    pressure: pressure.nullable(),
    cloudCover: percent.nullable(),
    uvIndex: uvIndex.nullable(),
    visibility: visibility.nullable(),
  }),
  hourly: z.array(
    hourlyEntrySchema.extend({
      time: localTime,
      temperature,
      apparentTemperature: feltTemperature.nullable(),
      precipitationProbability: percent.nullable(),
      precipitation: rain.nullable(),
      windSpeed: wind,
      humidity: percent.nullable(),
      windGusts: wind.nullable(),
      cloudCover: percent.nullable(),
      dewPoint: temperature.nullable(),
      uvIndex: uvIndex.nullable(),
    }),
  ),
  daily: z.array(
    dailyEntrySchema.extend({
      date: localDate,
      temperatureMax: temperature,
      temperatureMin: temperature,
      precipitationSum: rain.nullable(),
      precipitationProbabilityMax: percent.nullable(),
      uvIndexMax: uvIndex.nullable(),
    }),
  ),
  minutely15: minutely15Schema
    .extend({
      steps: z.array(
        precipitationStepSchema.extend({
          time: localTime,
          precipitation: rain,
          rain,
          snowfall: rain,
        }),
      ),
    })
    .nullable(),
});

const plausibleAirEntry = airQualityEntrySchema.extend({
  time: localTime,
  // Both indices pass their top band in dust storms and fires; Infinity and 1e9 do not.
  europeanAqi: between(0, 10_000).nullable(),
  usAqi: between(0, 10_000).nullable(),
  pm2_5: concentration.nullable(),
  pm10: concentration.nullable(),
  ozone: concentration.nullable(),
  nitrogenDioxide: concentration.nullable(),
});
/** Air quality whose every value is one the air can have. */
export const plausibleAirQualitySchema = airQualitySchema.extend({
  location: airQualitySchema.shape.location.extend({
    latitude: between(-90, 90),
    longitude: between(-180, 180),
  }),
  current: plausibleAirEntry,
  hourly: z.array(plausibleAirEntry),
  pollen: z
    .object(
      Object.fromEntries(
        Object.keys(pollenSchema.shape).map((type) => [type, concentration.nullable()]),
      ) as Record<keyof typeof pollenSchema.shape, z.ZodNullable<z.ZodNumber>>,
    )
    .nullable(),
});

/** Places found, on the globe. */
export const plausiblePlacesSchema = z.array(
  placeSchema.extend({ latitude: between(-90, 90), longitude: between(-180, 180) }),
);

/** A provider answer that is well formed but cannot be true: never stored, never served. */
function implausible(provider: string, what: string): ProviderError {
  return new ProviderError({
    kind: 'malformed',
    provider,
    message: `${provider} answered with implausible data: ${what}`,
  });
}

function checked<T>(schema: z.ZodType<T>, provider: string, value: T): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return value;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw implausible(provider, issues);
}

/** Minutes between a provider's local time and our clock read in the same zone. */
function offFromClock(time: string, zone: string, now: Date): number {
  const ours = localDateTime(zone, now.getTime());
  return Math.abs(Date.parse(`${time.slice(0, 16)}Z`) - Date.parse(`${ours}Z`));
}

/**
 * Says whether an answer's "now" and its series fit our clock: `current` near
 * it, and a series (when there is one) that reaches the present from both sides.
 */
function checkClock(
  provider: string,
  zone: string,
  now: Date,
  current: string,
  series: readonly string[],
): void {
  const skew = MAX_PROVIDER_CLOCK_SKEW_MS + (canonicalTimeZone(zone) ? 0 : WIDEST_ZONE_OFFSET_MS);
  if (offFromClock(current, zone, now) > skew) {
    throw implausible(
      provider,
      `its "now" (${current} in ${zone}) is far from our clock (${now.toISOString()})`,
    );
  }
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return;
  const ours = Date.parse(`${localDateTime(zone, now.getTime())}Z`);
  if (
    Date.parse(`${first.slice(0, 16)}Z`) - ours > skew ||
    ours - Date.parse(`${last.slice(0, 16)}Z`) > skew
  ) {
    throw implausible(provider, `its hours (${first} … ${last}) do not reach the present`);
  }
}

/**
 * The provider with every answer checked at the boundary, beyond its shape:
 * values inside what the weather on Earth can be (a weather code of 150, a
 * temperature of Infinity or 1,000 °C is refused) and times near our clock
 * (an answer a week old is refused). A refused answer is a `malformed`
 * {@link ProviderError}: it is never stored, and a stored one is served
 * stale instead.
 *
 * @example
 * const provider = checkedProvider(createOpenMeteo(urls), () => new Date());
 */
export function checkedProvider(provider: WeatherProvider, now: () => Date): WeatherProvider {
  const { id } = provider;
  return {
    id,
    async searchLocations(query) {
      const result = await provider.searchLocations(query);
      return { ...result, data: checked<Place[]>(plausiblePlacesSchema, id, result.data) };
    },
    async forecast(query) {
      const result = await provider.forecast(query);
      const data = checked<ProviderForecast>(plausibleForecastSchema, id, result.data);
      checkClock(
        id,
        data.location.timezone,
        now(),
        data.current.time,
        data.hourly.map((hour) => hour.time),
      );
      return { ...result, data };
    },
    async airQuality(query) {
      const result = await provider.airQuality(query);
      const data = checked<AirQuality>(plausibleAirQualitySchema, id, result.data);
      checkClock(
        id,
        data.location.timezone,
        now(),
        data.current.time,
        data.hourly.map((hour) => hour.time),
      );
      return { ...result, data };
    },
  };
}
