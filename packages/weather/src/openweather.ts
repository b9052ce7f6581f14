import { z } from 'zod';

import { countryName } from './country-names.ts';
import { fetchJson } from './http.ts';
import type {
  AirQuality,
  CurrentConditions,
  DailyEntry,
  HourlyEntry,
  Place,
  ProviderForecast,
} from './model.ts';
import { wmoCodeForOpenWeather } from './openweather-conditions.ts';
import type { ForecastQuery, LocationQuery, ProviderResult, WeatherProvider } from './provider.ts';
import {
  fixedOffsetZone,
  localDateTime,
  utcOffsetSeconds,
  zoneAtCoordinates,
} from './time-zones.ts';
import { usAqiFromPm25 } from './us-aqi.ts';

export interface OpenWeatherOptions {
  /** `https://api.openweathermap.org`, or the local stub. */
  baseUrl: string;
  /** Sent as `appid`; it never appears in an error message. */
  apiKey: string;
  /** Per-call timeout; a slow provider must not hold a request for minutes. */
  timeoutMs?: number;
}

const PROVIDER = 'openweather';
/** OpenWeather's geocoding answers at most five places. */
const MAX_PLACES = 5;

/** OpenWeather sends `cod` as a number on some answers (200, 401, 429) and a string on others ("200", "404"). */
const cod = z.union([z.number(), z.string()]);

/**
 * °C, as asked for with `units=metric`. OpenWeather's default is Kelvin, which
 * reads 173 and more for any real temperature: a request that lost its
 * `units` is rejected here instead of showing 290 °C.
 */
const celsius = z.number().min(-100).max(70);

const conditions = z
  .array(
    z.object({
      id: z
        .number()
        .refine(
          (id) => wmoCodeForOpenWeather(id) !== undefined,
          'unknown OpenWeather condition id',
        ),
      icon: z.string().optional(),
    }),
  )
  .min(1);

const wind = z.object({
  /** m/s, in both `standard` and `metric`. */
  speed: z.number().min(0),
  deg: z.number(),
  gust: z.number().min(0).optional(),
});

const amount = z.number().min(0).optional();

const currentResponseSchema = z.object({
  cod: cod.optional(),
  coord: z.object({ lat: z.number(), lon: z.number() }),
  weather: conditions,
  main: z.object({
    temp: celsius,
    feels_like: celsius,
    pressure: z.number().optional(),
    humidity: z.number(),
  }),
  visibility: z.number().optional(),
  wind,
  rain: z.object({ '1h': amount }).optional(),
  snow: z.object({ '1h': amount }).optional(),
  clouds: z.object({ all: z.number() }).optional(),
  dt: z.number().int(),
  // 0 when the sun does not rise or set that day.
  sys: z.object({ sunrise: z.number().int().optional(), sunset: z.number().int().optional() }),
  /** Offset from UTC in seconds at the place, now. */
  timezone: z.number().int(),
});
type CurrentResponse = z.infer<typeof currentResponseSchema>;

const stepSchema = z.object({
  dt: z.number().int(),
  main: z.object({
    temp: celsius,
    feels_like: celsius,
    temp_min: celsius,
    temp_max: celsius,
    humidity: z.number(),
  }),
  weather: conditions,
  wind,
  clouds: z.object({ all: z.number() }).optional(),
  /** Probability of precipitation, 0–1. */
  pop: z.number().min(0).max(1).optional(),
  /** mm over the three hours up to `dt`. */
  rain: z.object({ '3h': amount }).optional(),
  snow: z.object({ '3h': amount }).optional(),
  sys: z.object({ pod: z.enum(['d', 'n']) }).optional(),
});
type Step = z.infer<typeof stepSchema>;

const forecastResponseSchema = z.object({
  cod,
  list: z.array(stepSchema).min(1),
});

const geocodingResponseSchema = z.array(
  z.object({
    name: z.string(),
    local_names: z.record(z.string(), z.string()).optional(),
    lat: z.number(),
    lon: z.number(),
    country: z.string().optional(),
    state: z.string().optional(),
  }),
);

const airPollutionResponseSchema = z.object({
  coord: z.object({ lat: z.number(), lon: z.number() }).optional(),
  list: z
    .array(
      z.object({
        dt: z.number().int(),
        main: z.object({ aqi: z.number().int().min(1).max(5) }),
        components: z.object({
          pm2_5: z.number().min(0),
          pm10: z.number().min(0),
          o3: z.number().min(0),
          no2: z.number().min(0),
        }),
      }),
    )
    .min(1),
});

const errorBodySchema = z.object({ cod, message: z.string() });
const readErrorReason = (body: unknown) => errorBodySchema.safeParse(body).data?.message;

const kmh = (metresPerSecond: number) => Math.round(metresPerSecond * 3.6 * 100) / 100;
const round2 = (value: number) => Math.round(value * 100) / 100;
const wmo = (weather: { id: number }[]) => wmoCodeForOpenWeather(weather[0]!.id)!;

/**
 * OpenWeather's free API (2.5): current weather plus the 5-day/3-hour
 * forecast, geocoding and air pollution, mapped onto the shared model.
 *
 * - Every call asks for `units=metric` (°C); wind comes in m/s and becomes km/h.
 * - The 3-hourly steps are the hourly series (40 steps, 5 days). Their
 *   `precipitation` is the step's amount spread over its three hours (mm per
 *   hour, like Open-Meteo's hourly values) and `precipitationProbability` is `pop` × 100.
 * - The daily series is at most 5 days, because the free forecast ends there; days
 *   are not invented beyond it, and a last day the steps cover only partly is left out.
 * - OpenWeather gives no UV index on this API, so `uvIndex` is null.
 *
 * @example
 * const provider = createOpenWeather({ baseUrl: 'https://api.openweathermap.org', apiKey });
 * const { data } = await provider.forecast({ latitude: 52.52, longitude: 13.41 });
 */
export function createOpenWeather(options: OpenWeatherOptions): WeatherProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;

  function get<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>) {
    const url = new URL(path, options.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('appid', options.apiKey);
    return fetchJson({ provider: PROVIDER, url, schema, timeoutMs, readErrorReason });
  }

  const coordinates = (query: ForecastQuery) => ({
    lat: String(query.latitude),
    lon: String(query.longitude),
  });

  return {
    id: PROVIDER,

    async searchLocations(query: LocationQuery): Promise<ProviderResult<Place[]>> {
      const limit = Math.min(MAX_PLACES, Math.max(1, Math.trunc(query.limit)));
      const { body, simulated } = await get(
        '/geo/1.0/direct',
        { q: query.query, limit: String(limit) },
        geocodingResponseSchema,
      );
      const places = body.slice(0, limit).map((result): Place => ({
        id: `openweather:${result.lat},${result.lon}`,
        name: result.local_names?.[query.language ?? 'en'] ?? result.local_names?.en ?? result.name,
        country: countryName(result.country, query.language),
        countryCode: result.country ?? '',
        ...(result.state ? { admin1: result.state } : {}),
        latitude: result.lat,
        longitude: result.lon,
        // OpenWeather's geocoding has no zone. The one at the coordinates is
        // looked up offline; the forecast later checks it against the real offset.
        timezone: zoneAtCoordinates(result.lat, result.lon) ?? 'UTC',
      }));
      return { data: places, simulated };
    },

    async forecast(query: ForecastQuery): Promise<ProviderResult<ProviderForecast>> {
      // Kelvin is the default: `units=metric` is always asked for explicitly.
      const params = { ...coordinates(query), units: 'metric' };
      const [current, steps] = await Promise.all([
        get('/data/2.5/weather', params, currentResponseSchema),
        get('/data/2.5/forecast', params, forecastResponseSchema),
      ]);
      return {
        data: toForecast(current.body, steps.body.list),
        simulated: current.simulated || steps.simulated,
      };
    },

    async airQuality(query: ForecastQuery): Promise<ProviderResult<AirQuality>> {
      const { body, simulated } = await get(
        '/data/2.5/air_pollution',
        coordinates(query),
        airPollutionResponseSchema,
      );
      const latitude = body.coord?.lat ?? query.latitude;
      const longitude = body.coord?.lon ?? query.longitude;
      const timezone = zoneAtCoordinates(latitude, longitude) ?? 'UTC';
      const { dt, components } = body.list[0]!;
      return {
        data: {
          location: { latitude, longitude, timezone },
          current: {
            time: localDateTime(timezone, dt * 1000),
            // OpenWeather's own index (1–5) is neither European nor US, so it is not
            // passed on. usAqi is derived: the EPA's PM2.5 breakpoints applied to this
            // hour's PM2.5. The EPA uses 24-hour means and the worst of several
            // pollutants, so it can read lower than Open-Meteo's us_aqi. europeanAqi
            // stays null rather than being guessed a second way.
            europeanAqi: null,
            usAqi: usAqiFromPm25(components.pm2_5),
            pm2_5: components.pm2_5,
            pm10: components.pm10,
            ozone: components.o3,
            nitrogenDioxide: components.no2,
          },
          // The hourly pollution forecast is a separate endpoint the local stub
          // does not serve; until it does, only the present is known.
          hourly: [],
          // OpenWeather has no pollen.
          pollen: null,
        },
        simulated,
      };
    },
  };
}

/**
 * The zone local times are given in: the place's IANA zone when it has the
 * offset OpenWeather reports for now (so a daylight-saving change inside the
 * 5 days is followed), else a zone fixed at that offset, which is right for
 * now and trusted over the lookup.
 */
function zoneOf(current: CurrentResponse): string {
  const named = zoneAtCoordinates(current.coord.lat, current.coord.lon);
  if (named && utcOffsetSeconds(named, current.dt * 1000) === current.timezone) return named;
  return fixedOffsetZone(current.timezone);
}

function toForecast(current: CurrentResponse, steps: Step[]): ProviderForecast {
  const timezone = zoneOf(current);
  const local = (seconds: number) => localDateTime(timezone, seconds * 1000);
  const condition = current.weather[0]!;
  const sunrise = current.sys.sunrise || undefined;
  const sunset = current.sys.sunset || undefined;

  const now: CurrentConditions = {
    time: local(current.dt),
    temperature: current.main.temp,
    apparentTemperature: current.main.feels_like,
    humidity: current.main.humidity,
    windSpeed: kmh(current.wind.speed),
    windDirection: current.wind.deg,
    windGusts: current.wind.gust === undefined ? null : kmh(current.wind.gust),
    weatherCode: wmo(current.weather),
    isDay: condition.icon
      ? condition.icon.endsWith('d')
      : sunrise !== undefined &&
        sunset !== undefined &&
        current.dt >= sunrise &&
        current.dt < sunset,
    precipitation: round2((current.rain?.['1h'] ?? 0) + (current.snow?.['1h'] ?? 0)),
    pressure: current.main.pressure ?? null,
    cloudCover: current.clouds?.all ?? null,
    uvIndex: null,
    visibility: current.visibility ?? null,
  };

  const hourly = steps.map((step): HourlyEntry => ({
    time: local(step.dt),
    temperature: step.main.temp,
    apparentTemperature: step.main.feels_like,
    precipitationProbability: step.pop === undefined ? null : Math.round(step.pop * 100),
    precipitation: round2(stepAmount(step) / 3),
    weatherCode: wmo(step.weather),
    windSpeed: kmh(step.wind.speed),
    humidity: step.main.humidity,
    isDay: step.sys ? step.sys.pod === 'd' : null,
    windGusts: step.wind.gust === undefined ? null : kmh(step.wind.gust),
    cloudCover: step.clouds?.all ?? null,
    // The free 5-day forecast gives neither.
    dewPoint: null,
    uvIndex: null,
  }));

  const today = now.time.slice(0, 10);
  const days = new Map<string, Step[]>();
  for (const step of steps) {
    const date = local(step.dt).slice(0, 10);
    // The two calls are not one snapshot: around midnight a step can still be "yesterday".
    if (date < today) continue;
    days.set(date, [...(days.get(date) ?? []), step]);
  }
  // A day after today whose steps stop before its last three hours is covered only in part.
  const lastDate = [...days.keys()].at(-1);
  if (lastDate && lastDate !== today && local(steps.at(-1)!.dt).slice(11) < '21:00') {
    days.delete(lastDate);
  }
  if (!days.has(today)) days.set(today, []);

  const daily = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, daySteps]): DailyEntry => {
      const isToday = date === today;
      // Today counts the present observation too, so a late evening still has a day.
      const highs = daySteps.map((step) => step.main.temp_max);
      const lows = daySteps.map((step) => step.main.temp_min);
      const codes = daySteps.map((step) => wmo(step.weather));
      if (isToday) {
        highs.push(current.main.temp);
        lows.push(current.main.temp);
        codes.push(now.weatherCode);
      }
      const pops = daySteps.flatMap((step) => (step.pop === undefined ? [] : [step.pop]));
      return {
        date,
        temperatureMax: Math.max(...highs),
        temperatureMin: Math.min(...lows),
        weatherCode: dominantCode(codes),
        precipitationSum:
          daySteps.length === 0
            ? null
            : round2(daySteps.reduce((sum, step) => sum + stepAmount(step), 0)),
        precipitationProbabilityMax: pops.length === 0 ? null : Math.round(Math.max(...pops) * 100),
        // Only the current call tells sunrise and sunset, and only for today.
        sunrise: isToday && sunrise !== undefined ? local(sunrise) : null,
        sunset: isToday && sunset !== undefined ? local(sunset) : null,
        // The free API gives no day length: a polar day's missing sunrise is only "unknown".
        polar: null,
        uvIndexMax: null,
      };
    });

  return {
    location: { latitude: current.coord.lat, longitude: current.coord.lon, timezone },
    current: now,
    hourly,
    daily,
    // The free API's steps are three hours long: nothing to say about the next two.
    minutely15: null,
  };
}

/** Rain and snow (as water) of one step, mm over its three hours. */
const stepAmount = (step: Step) => (step.rain?.['3h'] ?? 0) + (step.snow?.['3h'] ?? 0);

/**
 * The day's dominant condition: the most frequent code, where any
 * precipitation (WMO 50 and above) outranks dry weather so that a rainy
 * afternoon is not summed up as "cloudy"; ties go to the more severe code.
 */
function dominantCode(codes: number[]): number {
  const wet = codes.filter((code) => code >= 50);
  const counted = new Map<number, number>();
  for (const code of wet.length > 0 ? wet : codes) counted.set(code, (counted.get(code) ?? 0) + 1);
  let best = codes[0] ?? 0;
  let bestCount = 0;
  for (const [code, count] of counted) {
    if (count > bestCount || (count === bestCount && code > best)) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}
