import { LRUCache } from 'lru-cache';
import { z } from 'zod';

import { localDateTime } from '@skycast/local-time';
import { placeKey, roundCoordinate, type UnitChoice } from '@skycast/validators';
import {
  byUrgencyOfReading,
  checkedProvider,
  weatherAlertSchema,
  convertForecast,
  convertTemperature,
  fixedOffsetZone,
  plausibleAirQualitySchema,
  plausibleForecastSchema,
  placeSchema,
  plausiblePlacesSchema,
  sunAndMoon,
  zoneAtCoordinates,
  type AirQuality,
  type AlertsProvider,
  type DayDetail,
  type Forecast,
  type Place,
  type ProviderForecast,
  type ReverseGeocoder,
  type SunAndMoon,
  type WeatherAlert,
  type WeatherProvider,
  type Yesterday,
} from '@skycast/weather';

import type { Logger } from '../logger.ts';
import {
  MAX_ALERTS,
  provenance,
  type AirQualityReport,
  type AlertsReport,
  type WeatherSummary,
} from './answers.ts';
import { nextTwoHours } from './next-two-hours.ts';
import { currentRequestScope, entryId } from './request-scope.ts';
import type { CacheView, Freshness, WeatherCache } from './weather-cache.ts';

export interface WeatherServiceOptions {
  provider: WeatherProvider;
  /** Warning services, first that covers a point answers for it; none: no warnings anywhere. */
  alertsProviders?: readonly AlertsProvider[];
  /** Names the place at a point ("Use my location"); none: such points keep their coordinates. */
  reverseGeocoder?: ReverseGeocoder;
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
/** The furthest a watch looks ahead in hours (`hours` in the watch rules is at most 72). */
const WATCH_HORIZON_HOURS = 72;

/**
 * The part of a stored forecast a watch round reads, from `at` on: the hours
 * up to the watches' horizon (plus the entry's freshness and a margin), the
 * days from yesterday to three days ahead (sunrise and sunset for "tonight",
 * today's summary, tomorrow's extremes) and the 15-minute steps still to
 * come. A few per cent of the whole (16 days and two past ones), so every
 * watched cell's slice fits in memory and a round never reads or validates
 * the whole forecast again (the watches bench's profile: that was most of a
 * warm round).
 */
export const watchRoundView: CacheView<{ data: ProviderForecast }, ProviderForecast> = {
  name: 'watch-round',
  derive({ data: forecast }, at) {
    const zone = forecast.location.timezone;
    const instant = at.getTime();
    const from = localDateTime(zone, instant).slice(0, 13);
    const until = localDateTime(
      zone,
      instant + FORECAST_FRESHNESS.freshForMs + (WATCH_HORIZON_HOURS + 2) * HOUR,
    );
    const today = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
    const firstDay = new Date(today - DAY).toISOString().slice(0, 10);
    const lastDay = new Date(today + 3 * DAY).toISOString().slice(0, 10);
    const stepsFrom = localDateTime(zone, instant - 15 * MINUTE);
    return {
      location: forecast.location,
      current: forecast.current,
      hourly: forecast.hourly.filter(
        (hour) => hour.time.slice(0, 13) >= from && hour.time <= until,
      ),
      daily: forecast.daily.filter((day) => day.date >= firstDay && day.date <= lastDay),
      minutely15: forecast.minutely15 && {
        interpolated: forecast.minutely15.interpolated,
        steps: forecast.minutely15.steps.filter((step) => step.time > stepsFrom),
      },
    };
  },
  // Measured roughly in V8: an hour's object with its boxed numbers and time, a day's, a step's.
  bytes: (view) =>
    2_000 +
    view.hourly.length * 400 +
    view.daily.length * 400 +
    (view.minutely15?.steps.length ?? 0) * 150,
};

export const AIR_QUALITY_FRESHNESS: Freshness = {
  freshForMs: 30 * MINUTE,
  revalidateWithinMs: 2 * HOUR,
  usableForMs: DAY,
};
/**
 * Warnings are issued and lifted at any time: asked again after 5 minutes.
 * An older list is still shown, marked stale, for a few hours when the
 * service cannot answer (its expired warnings dropped on the way out).
 */
export const ALERTS_FRESHNESS: Freshness = {
  freshForMs: 5 * MINUTE,
  revalidateWithinMs: 30 * MINUTE,
  usableForMs: 6 * HOUR,
};
/** Place names and coordinates hardly ever change. */
export const GEOCODING_FRESHNESS: Freshness = {
  freshForMs: 7 * DAY,
  revalidateWithinMs: 30 * DAY,
  usableForMs: 30 * DAY,
};

/** Hours of the hourly forecast served, from the present hour on. */
export const HOURS_SERVED = 72;
/** About 30 MB at most: a day's worth of the places people look at. */
const SUN_AND_MOON_ANSWERS_KEPT = 10_000;

const result = <T extends z.ZodType>(data: T) => z.object({ data, simulated: z.boolean() });
// A row from before answers were checked may hold what cannot be true: read as absent.
const storedForecast = result(plausibleForecastSchema);
const storedAirQuality = result(plausibleAirQualitySchema);
const storedPlaces = result(plausiblePlacesSchema);
// `unreadable` came later: an entry stored before it was complete as far as anyone knew.
const storedAlerts = result(z.array(weatherAlertSchema)).extend({
  unreadable: z.number().int().min(0).default(0),
});
const storedNearestPlace = result(placeSchema.omit({ timezone: true }).nullable());

/**
 * The place rule of `@skycast/validators` (0.01°, ≈ 1.1 km): every point in a
 * cell shares one entry, keyed as the URL and saved places key it.
 */
export function cellOf(at: Coordinates): Coordinates & { key: string } {
  const latitude = roundCoordinate(at.latitude);
  const longitude = roundCoordinate(at.longitude);
  return { latitude, longitude, key: placeKey({ latitude, longitude }) };
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
  const { cache } = options;
  const alertsProviders = options.alertsProviders ?? [];
  const { reverseGeocoder } = options;
  const now = options.now ?? (() => new Date());
  // Checked here, before the cache: an answer that cannot be true is a provider error, never stored.
  const provider = checkedProvider(options.provider, now);
  const sunAndMoonAnswers = new LRUCache<string, SunAndMoon>({ max: SUN_AND_MOON_ANSWERS_KEPT });
  // Summaries made once per kept entry, units and minute rather than once per
  // request: a list of places asks for the same few again and again, and
  // converting a whole forecast to keep eight numbers was most of its cost.
  // Keyed by the entry's decoded value, so a newer entry starts afresh and a
  // dropped one takes its summaries with it.
  const summariesOfEntries = new WeakMap<object, Map<string, WeatherSummary>>();

  function summaryFrom(
    cached: Awaited<ReturnType<typeof cachedForecast>>,
    choice: UnitChoice,
  ): WeatherSummary {
    // The minute: "today" and the present hour follow the clock, a minute late at most.
    const minute = Math.floor(now().getTime() / 60_000);
    const key = `${cached.stale}|${choice.units}|${choice.windUnit}|${minute}`;
    let kept = summariesOfEntries.get(cached.value);
    if (!kept) summariesOfEntries.set(cached.value, (kept = new Map<string, WeatherSummary>()));
    let summary = kept.get(key);
    if (!summary) {
      summary = summarise(forecastFrom(cached, choice));
      // Older minutes are of no use again.
      for (const old of kept.keys()) if (!old.endsWith(`|${minute}`)) kept.delete(old);
      kept.set(key, summary);
    }
    return summary;
  }

  function forecastRequest(at: Coordinates, context: RequestContext & { maxAgeMs?: number }) {
    const cell = cellOf(at);
    return {
      ...context,
      key: { provider: provider.id, resource: 'forecast' as const, cacheKey: cell.key },
      schema: storedForecast,
      freshness: FORECAST_FRESHNESS,
      fetch: () => provider.forecast(cell),
    };
  }

  function cachedForecast(at: Coordinates, context: RequestContext & { maxAgeMs?: number }) {
    return cache.get(forecastRequest(at, context));
  }

  async function forecast(
    at: Coordinates,
    choice: UnitChoice,
    context: RequestContext = {},
  ): Promise<Forecast> {
    return forecastFrom(await cachedForecast(at, context), choice);
  }

  function forecastFrom(
    cached: Awaited<ReturnType<typeof cachedForecast>>,
    choice: UnitChoice,
  ): Forecast {
    const base = cached.stale ? withCurrentFromHourly(cached.value.data, now()) : cached.value.data;
    const { forecast: converted, units } = convertForecast(presentWindow(base, now()), choice);
    return {
      ...converted,
      yesterday: yesterdayOf(base, choice),
      nextTwoHours: nextTwoHours(
        base.minutely15,
        localDateTime(base.location.timezone, now().getTime()),
        choice.units,
      ),
      units,
      ...provenance(cached, provider.id),
    };
  }

  async function alerts(at: Coordinates, context: RequestContext = {}): Promise<AlertsReport> {
    const cell = cellOf(at);
    const source = alertsProviders.find((candidate) => candidate.covers(cell));
    if (!source) {
      return {
        alerts: [],
        unreadable: 0,
        fetchedAt: now().toISOString(),
        stale: false,
        source: null,
        simulated: false,
      };
    }
    const cached = await cache.get({
      ...context,
      key: { provider: source.id, resource: 'alerts', cacheKey: cell.key },
      schema: storedAlerts,
      freshness: ALERTS_FRESHNESS,
      fetch: async () => {
        const answer = await source.alerts(cell);
        return { ...answer, unreadable: answer.unreadable ?? 0 };
      },
    });
    const instant = now().getTime();
    return {
      alerts: cached.value.data
        .filter((alert) => alert.expires === null || Date.parse(alert.expires) > instant)
        .sort(byUrgencyOfReading)
        .slice(0, MAX_ALERTS),
      unreadable: cached.value.unreadable,
      ...provenance(cached, source.id),
    };
  }

  async function airQualityData(at: Coordinates, context: RequestContext) {
    const cell = cellOf(at);
    return cache.get({
      ...context,
      key: { provider: provider.id, resource: 'air-quality', cacheKey: cell.key },
      schema: storedAirQuality,
      freshness: AIR_QUALITY_FRESHNESS,
      fetch: () => provider.airQuality(cell),
    });
  }

  return {
    forecast,

    /**
     * A cell's weather as stored (canonical units), for the watch evaluator:
     * one cache read per resource for every watch at the cell. Each part is
     * null when it cannot be had; `forecastMaxAgeMs` refreshes an older
     * forecast first (watches on rain). The provider gate still decides.
     * `round`: only the forecast's coming days (`watchRoundView`), kept in
     * memory while fresh; a preview, which looks back, needs the whole.
     */
    async cellWeather(
      at: Coordinates,
      needs: { forecastMaxAgeMs?: number; alerts: boolean; airQuality: boolean; round?: boolean },
      context: RequestContext = {},
    ): Promise<{
      forecast: ProviderForecast | null;
      alerts: WeatherAlert[] | null;
      airQuality: AirQuality | null;
      forecastFetchedAt: Date | null;
    }> {
      const request = forecastRequest(at, {
        ...context,
        ...(needs.forecastMaxAgeMs ? { maxAgeMs: needs.forecastMaxAgeMs } : {}),
      });
      const [forecastResult, alertsResult, airResult] = await Promise.allSettled([
        needs.round
          ? cache.getView(request, watchRoundView)
          : cache.get(request).then((cached) => ({ ...cached, value: cached.value.data })),
        needs.alerts ? alerts(at, context) : Promise.resolve(null),
        needs.airQuality ? airQualityData(at, context) : Promise.resolve(null),
      ]);
      const value = <T>(result: PromiseSettledResult<T>) =>
        result.status === 'fulfilled' ? result.value : null;
      const cachedForecastValue = value(forecastResult);
      return {
        forecast: cachedForecastValue?.value ?? null,
        forecastFetchedAt: cachedForecastValue?.fetchedAt ?? null,
        alerts: value(alertsResult)?.alerts ?? null,
        airQuality: value(airResult)?.value.data ?? null,
      };
    },

    /**
     * One local day hour by hour, from the same stored forecast (no other
     * provider call). Null when the day is not among the coming days it covers.
     */
    async day(
      at: Coordinates,
      date: string,
      choice: UnitChoice,
      context: RequestContext = {},
    ): Promise<DayDetail | null> {
      const cached = await cachedForecast(at, context);
      const stored = cached.value.data;
      const today = localDateTime(stored.location.timezone, now().getTime()).slice(0, 10);
      const days = stored.daily.filter((entry) => entry.date >= today);
      const index = days.findIndex((entry) => entry.date === date);
      const day = days[index];
      if (!day) return null;
      const { forecast: converted, units } = convertForecast(
        {
          ...stored,
          hourly: stored.hourly.filter((hour) => hour.time.startsWith(date)),
          daily: [day],
        },
        choice,
      );
      return {
        location: converted.location,
        day: converted.daily[0]!,
        previousDate: days[index - 1]?.date ?? null,
        nextDate: days[index + 1]?.date ?? null,
        hours: converted.hourly,
        units,
        ...provenance(cached, provider.id),
      };
    },

    /**
     * Now at several points at once, each from its cached forecast: what a
     * list of places shows. A point whose forecast cannot be had is `null`,
     * so one failing place never blanks the others; the request's scope then
     * says the answer has a hole, so it is never kept or cached as public.
     */
    async summaries(
      points: readonly Coordinates[],
      choice: UnitChoice,
      context: RequestContext = {},
    ): Promise<(WeatherSummary | null)[]> {
      const settled = await Promise.allSettled(
        points.map(async (point) => summaryFrom(await cachedForecast(point, context), choice)),
      );
      const scope = currentRequestScope();
      return settled.map((outcome, i) => {
        if (outcome.status === 'fulfilled') return outcome.value;
        // A hole: the answer is not whole, and that place's next entry makes it untrue.
        const id = entryId({
          provider: provider.id,
          resource: 'forecast',
          cacheKey: cellOf(points[i]!).key,
        });
        if (scope && !scope.missed.includes(id)) scope.missed.push(id);
        return null;
      });
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
        // Pollen is the count when fetched; a stale answer says how old with `fetchedAt`.
        pollen: report.pollen,
        ...provenance(cached, provider.id),
      };
    },

    /**
     * The warnings in force or announced at a point, most severe first, from
     * the first warning service that covers it; an empty list with no source
     * where none does. Warnings past their expiry are dropped as they are read.
     */
    alerts,

    /**
     * Sunrise, sunset, day length and the moon for the coming `days` local days,
     * computed here (no provider call), in the zone the point lies in.
     */
    sunAndMoon(at: Coordinates, days: number): SunAndMoon {
      // 0.1° moves sunrise or moonrise by well under a minute, and each answer costs
      // tens of milliseconds of computing: one per cell and local day is kept.
      const latitude = Math.round(at.latitude * 10) / 10;
      const longitude = Math.round(at.longitude * 10) / 10;
      // Open sea has no named zone: nautical time, one hour per 15° of longitude.
      const timezone =
        zoneAtCoordinates(latitude, longitude) ??
        fixedOffsetZone(Math.round(longitude / 15) * 3600);
      const today = localDateTime(timezone, now().getTime()).slice(0, 10);
      const key = `${latitude}:${longitude}:${timezone}:${today}:${days}`;
      let answer = sunAndMoonAnswers.get(key);
      if (!answer) {
        answer = sunAndMoon({ latitude, longitude, timezone, days, from: now() });
        sunAndMoonAnswers.set(key, answer);
      }
      return answer;
    },

    /**
     * The town or city at a point, named in `language`: what "Use my location"
     * and typed coordinates are called. One answer per ~1 km cell and language,
     * kept as long as search answers, through the reverse geocoder's own budget.
     * Null where the service knows no place there (open sea) or none is configured.
     */
    async nearestPlace(
      at: Coordinates,
      language = 'en',
      context: RequestContext = {},
    ): Promise<Place | null> {
      if (!reverseGeocoder) return null;
      const cell = cellOf(at);
      const cached = await cache.get({
        ...context,
        key: {
          provider: reverseGeocoder.id,
          resource: 'geocoding',
          cacheKey: `reverse:${language}:${cell.key}`,
        },
        schema: storedNearestPlace,
        freshness: GEOCODING_FRESHNESS,
        fetch: () =>
          reverseGeocoder.nearestPlace({
            latitude: cell.latitude,
            longitude: cell.longitude,
            language,
          }),
      });
      const place = cached.value.data;
      if (!place) return null;
      const timezone =
        zoneAtCoordinates(place.latitude, place.longitude) ??
        fixedOffsetZone(Math.round(place.longitude / 15) * 3600);
      return { ...place, timezone };
    },

    async searchLocations(
      query: string,
      limit: number,
      context: RequestContext = {},
      language = 'en',
    ): Promise<Place[]> {
      const normalised = normaliseQuery(query);
      // Names differ by language, so each language's answer is kept apart.
      const languagePart = language === 'en' ? '' : `${language}:`;
      const cached = await cache.get({
        ...context,
        key: {
          provider: provider.id,
          resource: 'geocoding',
          cacheKey: `${languagePart}${limit}:${normalised}`,
        },
        schema: storedPlaces,
        freshness: GEOCODING_FRESHNESS,
        fetch: () => provider.searchLocations({ query: normalised, limit, language }),
      });
      return cached.value.data;
    },
  };
}
export type WeatherService = ReturnType<typeof createWeatherService>;

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

/** The calendar day before `date` (`YYYY-MM-DD`). */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00Z`) - DAY).toISOString().slice(0, 10);
}

/**
 * Yesterday from the stored answer, in the caller's units: the temperature at
 * the same local clock time as "now" (what a person means across a DST
 * change too) and yesterday's high and low. Null when the provider sent no past day.
 */
function yesterdayOf(forecast: ProviderForecast, choice: UnitChoice): Yesterday | null {
  const date = dayBefore(forecast.current.time.slice(0, 10));
  const day = forecast.daily.find((entry) => entry.date === date);
  if (!day) return null;
  const sameHour = `${date}T${forecast.current.time.slice(11, 13)}`;
  const hour = forecast.hourly.find((entry) => entry.time.startsWith(sameHour));
  return {
    date,
    temperature: hour ? convertTemperature(hour.temperature, choice.units) : null,
    temperatureMax: convertTemperature(day.temperatureMax, choice.units),
    temperatureMin: convertTemperature(day.temperatureMin, choice.units),
  };
}

/**
 * From the present hour on: past hours and days are of no use to a reader.
 * The present is the later of the answer's own "now" and the clock, so a
 * forecast served some minutes after it was fetched never offers an hour
 * already gone as the coming one.
 */
function presentWindow(forecast: ProviderForecast, at: Date): ProviderForecast {
  const clock = localDateTime(forecast.location.timezone, at.getTime());
  const present = clock > forecast.current.time ? clock : forecast.current.time;
  const currentHour = present.slice(0, 13);
  const found = forecast.hourly.findIndex((entry) => entry.time.slice(0, 13) >= currentHour);
  // Every stored hour past: none is offered rather than old ones.
  const firstHour = found === -1 ? forecast.hourly.length : found;
  const today = present.slice(0, 10);
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
