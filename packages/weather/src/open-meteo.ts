import { z } from 'zod';

import { countryName } from './country-names.ts';
import { fetchJson } from './http.ts';
import { POLLEN_TYPES } from './model.ts';
import type {
  AirQuality,
  AirQualityEntry,
  DailyEntry,
  HourlyEntry,
  Place,
  Pollen,
  ProviderForecast,
} from './model.ts';
import type { ForecastQuery, LocationQuery, ProviderResult, WeatherProvider } from './provider.ts';

export interface OpenMeteoOptions {
  forecastUrl: string;
  geocodingUrl: string;
  airQualityUrl: string;
  /** Per-call timeout; a slow provider must not hold a request for minutes. */
  timeoutMs?: number;
}

const PROVIDER = 'open-meteo';

const CURRENT = [
  'temperature_2m',
  'relative_humidity_2m',
  'apparent_temperature',
  'is_day',
  'precipitation',
  'weather_code',
  'cloud_cover',
  'pressure_msl',
  'wind_speed_10m',
  'wind_direction_10m',
  'wind_gusts_10m',
] as const;
const HOURLY = [
  'temperature_2m',
  'apparent_temperature',
  'precipitation_probability',
  'precipitation',
  'weather_code',
  'wind_speed_10m',
  'relative_humidity_2m',
  'is_day',
  'uv_index',
  'visibility',
  'wind_gusts_10m',
  'cloud_cover',
  'dew_point_2m',
] as const;
const DAILY = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_sum',
  'precipitation_probability_max',
  'sunrise',
  'sunset',
  'daylight_duration',
  'uv_index_max',
] as const;

const MINUTELY_15 = ['precipitation', 'rain', 'snowfall'] as const;
/** Six hours of steps: two to show, and the rest so a forecast served late still has them. */
const MINUTELY_15_STEPS = 24;
/**
 * The past 48 hours of steps, so a rain watch's preview reaches as far back
 * as every other kind's. In the same call at the same weight (Open-Meteo
 * counts variables and days, and these lie within `past_days`); about 13 kB
 * more text per kept forecast (a tenth more of the memory budget for each).
 * Nothing shows them: whatever reads them takes the steps after now.
 */
const PAST_MINUTELY_15_STEPS = 48 * 4;

/**
 * Where Open-Meteo runs models at 15-minute resolution: its documentation names
 * Central Europe and North America, elsewhere it interpolates hourly values.
 * The boxes are those models' domains, roughly (ICON-D2 and AROME; HRRR).
 */
const NATIVE_MINUTELY_15 = [
  { south: 43, north: 58, west: -5, east: 20 },
  { south: 21, north: 53, west: -135, east: -60 },
];

export function hasNativeMinutely15(latitude: number, longitude: number): boolean {
  return NATIVE_MINUTELY_15.some(
    (box) =>
      latitude >= box.south &&
      latitude <= box.north &&
      longitude >= box.west &&
      longitude <= box.east,
  );
}

const AIR_QUALITY = [
  'european_aqi',
  'us_aqi',
  'pm2_5',
  'pm10',
  'ozone',
  'nitrogen_dioxide',
] as const;
const POLLEN = POLLEN_TYPES.map((type) => `${type}_pollen` as const);

/** Open-Meteo's default and the span its air-quality models cover well (at most 7). */
const AIR_QUALITY_DAYS = 5;

/** Days of forecast asked for: Open-Meteo's longest. */
export const OPEN_METEO_FORECAST_DAYS = 16;

/**
 * Two past days come in the same call: yesterday for "warmer than yesterday",
 * and with the day before it every watch's preview reaches 48 hours back —
 * at no extra call (the call weighs 18/17 of what one past day did). Rain
 * watches read 15-minute steps, asked back as far by `past_minutely_15`.
 */
const PAST_DAYS = 2;

// Open-Meteo sends columns; a value may be null where a model has no data.
const column = z.array(z.number().nullable());
const stringColumn = z.array(z.string().nullable());

const forecastResponseSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  elevation: z.number().optional(),
  timezone: z.string(),
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    relative_humidity_2m: z.number(),
    apparent_temperature: z.number(),
    is_day: z.number(),
    precipitation: z.number(),
    weather_code: z.number().int(),
    cloud_cover: z.number().nullable().optional(),
    pressure_msl: z.number().nullable().optional(),
    wind_speed_10m: z.number(),
    wind_direction_10m: z.number(),
    wind_gusts_10m: z.number().nullable().optional(),
  }),
  hourly: z.object({
    time: z.array(z.string()),
    temperature_2m: column,
    apparent_temperature: column.optional(),
    precipitation_probability: column.optional(),
    precipitation: column.optional(),
    weather_code: column,
    wind_speed_10m: column,
    relative_humidity_2m: column.optional(),
    is_day: column.optional(),
    uv_index: column.optional(),
    visibility: column.optional(),
    wind_gusts_10m: column.optional(),
    cloud_cover: column.optional(),
    dew_point_2m: column.optional(),
  }),
  minutely_15: z
    .object({
      time: z.array(z.string()),
      precipitation: column,
      rain: column,
      snowfall: column,
    })
    .optional(),
  daily: z.object({
    time: z.array(z.string()),
    weather_code: column,
    temperature_2m_max: column,
    temperature_2m_min: column,
    precipitation_sum: column.optional(),
    precipitation_probability_max: column.optional(),
    sunrise: stringColumn.optional(),
    sunset: stringColumn.optional(),
    daylight_duration: column.optional(),
    uv_index_max: column.optional(),
  }),
});
type ForecastResponse = z.infer<typeof forecastResponseSchema>;

// Open-Meteo answers every variable asked for, with null where a model has no value.
const airValue = z.number().nullable();
const airQualityResponseSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string(),
  current: z.object({
    time: z.string(),
    ...Object.fromEntries(POLLEN.map((name) => [name, airValue.optional()])),
    european_aqi: airValue,
    us_aqi: airValue,
    pm2_5: airValue,
    pm10: airValue,
    ozone: airValue,
    nitrogen_dioxide: airValue,
  }),
  hourly: z.object({
    time: z.array(z.string()),
    european_aqi: column,
    us_aqi: column,
    pm2_5: column,
    pm10: column,
    ozone: column,
    nitrogen_dioxide: column,
  }),
});
type AirQualityResponse = z.infer<typeof airQualityResponseSchema>;

const geocodingResponseSchema = z.object({
  // Open-Meteo leaves `results` out entirely when nothing matches.
  results: z
    .array(
      z.object({
        id: z.number(),
        name: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        admin1: z.string().optional(),
        timezone: z.string().optional(),
      }),
    )
    .optional(),
});

const errorBodySchema = z.object({ error: z.literal(true), reason: z.string() });
const readErrorReason = (body: unknown) => errorBodySchema.safeParse(body).data?.reason;

/**
 * Open-Meteo: forecast, geocoding and air quality, no key needed.
 *
 * @example
 * const provider = createOpenMeteo({ forecastUrl: 'https://api.open-meteo.com', ... });
 * const { data } = await provider.forecast({ latitude: 52.52, longitude: 13.41 });
 */
export function createOpenMeteo(options: OpenMeteoOptions): WeatherProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;

  return {
    id: PROVIDER,

    async searchLocations(query: LocationQuery): Promise<ProviderResult<Place[]>> {
      const url = new URL('/v1/search', options.geocodingUrl);
      url.searchParams.set('name', query.query);
      url.searchParams.set('count', String(query.limit));
      url.searchParams.set('language', query.language ?? 'en');
      url.searchParams.set('format', 'json');
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: geocodingResponseSchema,
        timeoutMs,
        readErrorReason,
      });
      const places = (body.results ?? []).map((result): Place => ({
        id: `open-meteo:${result.id}`,
        name: result.name,
        country: result.country || countryName(result.country_code, query.language),
        countryCode: result.country_code ?? '',
        ...(result.admin1 ? { admin1: result.admin1 } : {}),
        latitude: result.latitude,
        longitude: result.longitude,
        timezone: result.timezone ?? 'UTC',
      }));
      return { data: places, simulated };
    },

    async forecast(query: ForecastQuery): Promise<ProviderResult<ProviderForecast>> {
      const url = new URL('/v1/forecast', options.forecastUrl);
      url.searchParams.set('latitude', String(query.latitude));
      url.searchParams.set('longitude', String(query.longitude));
      url.searchParams.set('current', CURRENT.join(','));
      url.searchParams.set('hourly', HOURLY.join(','));
      url.searchParams.set('daily', DAILY.join(','));
      // Daily min/max are aggregated over the local day of this zone.
      url.searchParams.set('timezone', 'auto');
      url.searchParams.set('forecast_days', String(OPEN_METEO_FORECAST_DAYS));
      url.searchParams.set('past_days', String(PAST_DAYS));
      url.searchParams.set('minutely_15', MINUTELY_15.join(','));
      url.searchParams.set('forecast_minutely_15', String(MINUTELY_15_STEPS));
      url.searchParams.set('past_minutely_15', String(PAST_MINUTELY_15_STEPS));
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: forecastResponseSchema,
        timeoutMs,
        readErrorReason,
      });
      return { data: toForecast(body), simulated };
    },

    async airQuality(query: ForecastQuery): Promise<ProviderResult<AirQuality>> {
      const url = new URL('/v1/air-quality', options.airQualityUrl);
      url.searchParams.set('latitude', String(query.latitude));
      url.searchParams.set('longitude', String(query.longitude));
      // Pollen now only: the hourly series would double the answer for little use.
      url.searchParams.set('current', [...AIR_QUALITY, ...POLLEN].join(','));
      url.searchParams.set('hourly', AIR_QUALITY.join(','));
      url.searchParams.set('timezone', 'auto');
      url.searchParams.set('forecast_days', String(AIR_QUALITY_DAYS));
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: airQualityResponseSchema,
        timeoutMs,
        readErrorReason,
      });
      return { data: toAirQuality(body), simulated };
    },
  };
}

function toPollen(current: Record<string, unknown>): Pollen | null {
  const value = (type: (typeof POLLEN_TYPES)[number]) => {
    const raw = current[`${type}_pollen`];
    return typeof raw === 'number' ? raw : null;
  };
  const pollen = Object.fromEntries(POLLEN_TYPES.map((type) => [type, value(type)])) as Pollen;
  return Object.values(pollen).every((count) => count === null) ? null : pollen;
}

function toAirQuality(body: AirQualityResponse): AirQuality {
  const { current, hourly } = body;
  const at = (values: (number | null)[], index: number) => values[index] ?? null;
  return {
    location: { latitude: body.latitude, longitude: body.longitude, timezone: body.timezone },
    current: {
      time: current.time,
      europeanAqi: current.european_aqi,
      usAqi: current.us_aqi,
      pm2_5: current.pm2_5,
      pm10: current.pm10,
      ozone: current.ozone,
      nitrogenDioxide: current.nitrogen_dioxide,
    },
    pollen: toPollen(current),
    hourly: hourly.time.map((time, i): AirQualityEntry => ({
      time,
      europeanAqi: at(hourly.european_aqi, i),
      usAqi: at(hourly.us_aqi, i),
      pm2_5: at(hourly.pm2_5, i),
      pm10: at(hourly.pm10, i),
      ozone: at(hourly.ozone, i),
      nitrogenDioxide: at(hourly.nitrogen_dioxide, i),
    })),
  };
}

function toMinutely15(body: ForecastResponse): ProviderForecast['minutely15'] {
  const minutely = body.minutely_15;
  if (!minutely) return null;
  const steps = minutely.time.flatMap((time, i) => {
    const precipitation = minutely.precipitation[i];
    // A step without an amount is dropped: "no rain" must not be invented.
    if (precipitation == null) return [];
    return [
      {
        time,
        precipitation,
        rain: minutely.rain[i] ?? 0,
        snowfall: minutely.snowfall[i] ?? 0,
      },
    ];
  });
  return { interpolated: !hasNativeMinutely15(body.latitude, body.longitude), steps };
}

function toForecast(body: ForecastResponse): ProviderForecast {
  const { current, hourly, daily } = body;
  const currentHour = current.time.slice(0, 13);
  const currentHourIndex = hourly.time.findIndex((time) => time.startsWith(currentHour));
  const at = (values: (number | null)[] | undefined, index: number) => values?.[index] ?? null;

  return {
    location: {
      latitude: body.latitude,
      longitude: body.longitude,
      timezone: body.timezone,
      ...(body.elevation === undefined ? {} : { elevation: body.elevation }),
    },
    current: {
      time: current.time,
      temperature: current.temperature_2m,
      apparentTemperature: current.apparent_temperature,
      humidity: current.relative_humidity_2m,
      windSpeed: current.wind_speed_10m,
      windDirection: current.wind_direction_10m,
      windGusts: current.wind_gusts_10m ?? null,
      weatherCode: current.weather_code,
      isDay: current.is_day === 1,
      precipitation: current.precipitation,
      pressure: current.pressure_msl ?? null,
      cloudCover: current.cloud_cover ?? null,
      uvIndex: at(hourly.uv_index, currentHourIndex),
      visibility: at(hourly.visibility, currentHourIndex),
    },
    // Every day's hours are kept: a day in detail reads them from the same stored answer.
    hourly: hourly.time.flatMap((time, i): HourlyEntry[] => {
      const temperature = hourly.temperature_2m[i];
      const weatherCode = hourly.weather_code[i];
      const windSpeed = hourly.wind_speed_10m[i];
      // An hour without its core values is dropped rather than invented.
      if (temperature == null || weatherCode == null || windSpeed == null) return [];
      const isDay = at(hourly.is_day, i);
      return [
        {
          time,
          temperature,
          apparentTemperature: at(hourly.apparent_temperature, i),
          precipitationProbability: at(hourly.precipitation_probability, i),
          precipitation: at(hourly.precipitation, i),
          weatherCode,
          windSpeed,
          humidity: at(hourly.relative_humidity_2m, i),
          isDay: isDay === null ? null : isDay === 1,
          windGusts: at(hourly.wind_gusts_10m, i),
          cloudCover: at(hourly.cloud_cover, i),
          dewPoint: at(hourly.dew_point_2m, i),
          uvIndex: at(hourly.uv_index, i),
        },
      ];
    }),
    minutely15: toMinutely15(body),
    daily: daily.time.flatMap((date, i): DailyEntry[] => {
      const temperatureMax = daily.temperature_2m_max[i];
      const temperatureMin = daily.temperature_2m_min[i];
      const weatherCode = daily.weather_code[i];
      if (temperatureMax == null || temperatureMin == null || weatherCode == null) return [];
      return [
        {
          date,
          temperatureMax,
          temperatureMin,
          weatherCode,
          precipitationSum: at(daily.precipitation_sum, i),
          precipitationProbabilityMax: at(daily.precipitation_probability_max, i),
          ...sunOf(
            daily.sunrise?.[i] ?? null,
            daily.sunset?.[i] ?? null,
            at(daily.daylight_duration, i),
          ),
          uvIndexMax: at(daily.uv_index_max, i),
        },
      ];
    }),
  };
}

/**
 * Open-Meteo's sunrise and sunset, read with the day length it gives: in polar
 * night and midnight sun it sends both as the day's 00:00, which did not happen.
 */
function sunOf(
  sunrise: string | null,
  sunset: string | null,
  daylightSeconds: number | null,
): Pick<DailyEntry, 'sunrise' | 'sunset' | 'polar'> {
  const polar =
    daylightSeconds === 0
      ? 'polar-night'
      : daylightSeconds !== null && daylightSeconds >= 86_340
        ? 'midnight-sun'
        : null;
  if (polar !== null || (sunrise !== null && sunrise === sunset))
    return { sunrise: null, sunset: null, polar };
  return { sunrise, sunset, polar };
}
