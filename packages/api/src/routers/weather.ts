import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  dayDetailSchema,
  forecastSchema,
  dayNormalSchema,
  NORMALS_PERIOD,
  OPEN_METEO_FORECAST_DAYS,
  RECORDS_FIRST_YEAR,
  placeSchema,
  sunAndMoonSchema,
} from '@skycast/weather';
import {
  coordinatesSchema,
  languageSchema,
  MAX_SUMMARY_PLACES,
  SEARCH_LIMIT_MAX,
  SEARCH_QUERY_MAX_LENGTH,
  text,
  unitChoiceInputSchema,
} from '@skycast/validators';

import { ClientError } from '../client-error.ts';
import { datesBetween, MAX_NORMAL_DAYS } from '../normals/normals-service.ts';
import { publicProcedure } from '../trpc.ts';
import {
  airQualityReportSchema,
  alertsReportSchema,
  weatherSummarySchema,
} from '../weather/answers.ts';
import { confidenceAnswerSchema } from '../weather/confidence-service.ts';
import { HOURS_SERVED } from '../weather/weather-service.ts';

/** The most days ahead any daily answer covers: what the forecast provider gives. */
export const MAX_DAYS = 16;

/** The normals of a place for some dates, or why they are not there yet. */
export const placeNormalsSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('fetched'),
    /** What every number here comes from, to be shown with it. */
    source: z.literal(
      `ERA5-Land ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} reanalysis`,
    ),
    recordsSince: z.literal(RECORDS_FIRST_YEAR),
    /** °C and mm, whatever units the forecast is shown in. */
    units: z.object({ temperature: z.literal('°C'), precipitation: z.literal('mm') }),
    simulated: z.boolean(),
    days: z
      .array(dayNormalSchema.omit({ dayOfYear: true }).extend({ date: z.iso.date() }))
      .max(MAX_NORMAL_DAYS),
  }),
  z.object({
    status: z.literal('not-fetched'),
    /**
     * `not-requested`: nobody saved or often opened a place here yet; `queued`: it will be
     * fetched shortly; `waiting-for-budget`: later today; `failed`: the archive has none here.
     */
    reason: z.enum(['not-requested', 'queued', 'waiting-for-budget', 'failed']),
  }),
]);

const seasonNameSchema = z.enum(['winter', 'spring', 'summer', 'autumn']);

/** This meteorological season's precipitation so far against normal, or why not yet. */
export const seasonPrecipitationSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('fetched'),
    /** Observed and normal alike: the normal from 1991–2020, the observed days from the same reanalysis. */
    source: z.literal(
      `ERA5-Land ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} reanalysis`,
    ),
    /** Meteorological (Dec–Feb …), named for the place's hemisphere. */
    season: seasonNameSchema,
    seasonStart: z.iso.date(),
    /** The last local day counted: the archive runs about five days behind. */
    through: z.iso.date(),
    days: z.number().int().min(1).max(92),
    /** mm observed over those days, and the normals' mean precipitation summed over the same days. */
    observed: z.number().min(0),
    normal: z.number().min(0),
    simulated: z.boolean(),
    stale: z.boolean(),
  }),
  /** The season began too recently for the archive to hold any of its days. */
  z.object({ status: z.literal('not-yet'), season: seasonNameSchema, seasonStart: z.iso.date() }),
  /** The place's normals are not fetched yet (see `weather.normals` for why). */
  z.object({ status: z.literal('not-fetched') }),
]);

/** What an upstream weather service's trouble turns into (see `providerErrors` in trpc.ts). */
const upstreamErrors = [
  'BAD_GATEWAY',
  'GATEWAY_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'TOO_MANY_REQUESTS',
] as const;

export const weatherRouter = {
  /** Places whose name starts with `query`, best known first. */
  searchLocations: publicProcedure
    .meta({
      rateLimit: { max: 120, windowSeconds: 60 },
      cacheSeconds: 3600,
      errors: upstreamErrors,
      description: 'Places whose name starts with `query`, best known first, named in `language`.',
      example: { query: 'Berlin', limit: 5 },
    })
    .input(
      z.object({
        query: text({ max: SEARCH_QUERY_MAX_LENGTH }).trim().min(1),
        limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(10),
        /** The language of the names (a place's name, region and country). */
        language: languageSchema.default('en'),
      }),
    )
    .output(z.array(placeSchema).max(SEARCH_LIMIT_MAX))
    .query(({ ctx, input }) =>
      ctx.weather.searchLocations(input.query, input.limit, { logger: ctx.logger }, input.language),
    ),

  /** The town or city at a point: what "Use my location" and typed coordinates are called. */
  nearestPlace: publicProcedure
    .meta({
      rateLimit: { max: 60, windowSeconds: 60 },
      cacheSeconds: 86_400,
      errors: upstreamErrors,
      description:
        'The town or city at a point (reverse geocoding: Nominatim, OpenStreetMap data), named in `language`; null where none is known, such as at sea.',
      example: { latitude: 48.14, longitude: 11.58, language: 'de' },
    })
    .input(coordinatesSchema.extend({ language: languageSchema.default('en') }))
    .output(placeSchema.nullable())
    .query(({ ctx, input }) =>
      ctx.weather.nearestPlace(input, input.language, { logger: ctx.logger }),
    ),

  /** Current conditions, the coming hours and days for a point, in the units asked for. */
  forecast: publicProcedure
    // Forecasts are refreshed every 10 minutes; browsers may reuse one for 5.
    .meta({
      rateLimit: { max: 240, windowSeconds: 60 },
      cacheSeconds: 300,
      errors: upstreamErrors,
      description: `Current conditions, the coming ${HOURS_SERVED} hours and up to ${OPEN_METEO_FORECAST_DAYS} days for a point (OpenWeather: 5 days), in the units asked for.`,
      example: { latitude: 52.52, longitude: 13.41, units: 'metric', windUnit: 'kmh' },
    })
    .input(coordinatesSchema.extend(unitChoiceInputSchema.shape))
    .output(forecastSchema)
    .query(({ ctx, input }) =>
      ctx.weather.forecast(
        input,
        { units: input.units, windUnit: input.windUnit },
        { logger: ctx.logger },
      ),
    ),

  /** One of the coming days hour by hour: what a day in the web app's daily list opens. */
  day: publicProcedure
    .meta({
      rateLimit: { max: 240, windowSeconds: 60 },
      cacheSeconds: 300,
      errors: [...upstreamErrors, 'NOT_FOUND'],
      description:
        'One of the coming 16 days hour by hour (temperature, feels like, precipitation and its chance, wind and gusts, cloud cover, dew point, UV), with the day’s summary.',
      example: { latitude: 52.52, longitude: 13.41, date: '2026-12-03', units: 'metric' },
    })
    .input(
      coordinatesSchema.extend(unitChoiceInputSchema.shape).extend({
        date: z.iso.date('Give the day as YYYY-MM-DD.'),
      }),
    )
    .output(dayDetailSchema)
    .query(async ({ ctx, input }) => {
      const detail = await ctx.weather.day(
        input,
        input.date,
        { units: input.units, windUnit: input.windUnit },
        { logger: ctx.logger },
      );
      if (!detail)
        throw new ClientError('NOT_FOUND', 'DAY_NOT_IN_FORECAST', {
          date: input.date,
          max: MAX_DAYS,
        });
      return detail;
    }),

  /**
   * Now at up to MAX_SUMMARY_PLACES places in one call, for a list of places: each entry is
   * that place's summary, or `null` when its weather cannot be had just now.
   */
  summaries: publicProcedure
    .meta({
      rateLimit: { max: 60, windowSeconds: 60 },
      cacheSeconds: 300,
      errors: upstreamErrors,
      description: `Now at up to ${MAX_SUMMARY_PLACES} places in one call: temperature, condition, today’s high and low; \`null\` for a place whose weather cannot be had.`,
      example: {
        places: [
          { latitude: 52.52, longitude: 13.41 },
          { latitude: 48.86, longitude: 2.35 },
        ],
        units: 'metric',
      },
    })
    .input(
      unitChoiceInputSchema.extend({
        places: z
          .array(coordinatesSchema)
          .min(1, 'Name at least one place.')
          .max(MAX_SUMMARY_PLACES, `Ask about at most ${MAX_SUMMARY_PLACES} places at once.`),
      }),
    )
    .output(z.array(weatherSummarySchema.nullable()).max(MAX_SUMMARY_PLACES))
    .query(({ ctx, input }) =>
      ctx.weather.summaries(
        input.places,
        { units: input.units, windUnit: input.windUnit },
        { logger: ctx.logger },
      ),
    ),

  /** Air quality now and for the coming hours: AQI (European and US where given), PM2.5, PM10, O₃, NO₂. */
  airQuality: publicProcedure
    .meta({
      rateLimit: { max: 240, windowSeconds: 60 },
      cacheSeconds: 300,
      errors: upstreamErrors,
      description:
        'Air quality now and for the coming hours: AQI (European and US), PM2.5, PM10, O₃, NO₂.',
      example: { latitude: 52.52, longitude: 13.41 },
    })
    .input(coordinatesSchema)
    .output(airQualityReportSchema)
    .query(({ ctx, input }) => ctx.weather.airQuality(input, { logger: ctx.logger })),

  /** Official severe-weather warnings in force or announced at a point, most severe first. */
  alerts: publicProcedure
    // Warnings are issued and lifted at any time: refreshed every 5 minutes, and
    // browsers may reuse an answer for one.
    .meta({
      rateLimit: { max: 240, windowSeconds: 60 },
      cacheSeconds: 60,
      errors: upstreamErrors,
      description:
        'Official severe-weather warnings in force or announced at a point, most severe first: event, severity, urgency, certainty, onset, expiry, issuer, headline, description, instruction and area, with the same words in every other language the issuer sent. From the US National Weather Service in the United States, MeteoAlarm in its European member countries, or OpenWeather One Call where that provider is configured with it; an empty list (and `source: null`) where no service covers the point.',
      example: { latitude: 41.85, longitude: -87.65 },
    })
    .input(coordinatesSchema)
    .output(alertsReportSchema)
    .query(({ ctx, input }) => ctx.weather.alerts(input, { logger: ctx.logger })),

  /**
   * How sure the forecast is, hour by hour and day by day: ensemble bands, model
   * agreement, run-to-run change, a label with its reason, and the place's accuracy record.
   */
  confidence: publicProcedure
    // Ensembles and model runs change a few times a day: refreshed hourly, reused for 10 minutes.
    .meta({
      rateLimit: { max: 120, windowSeconds: 60 },
      cacheSeconds: 600,
      errors: upstreamErrors,
      description:
        'How sure the forecast is for the coming 7 days, in °C, mm and km/h: p10/p50/p90 per hour for temperature, precipitation and wind and the share of ensemble members with rain; each compared model (ECMWF IFS, GFS, ICON, GEM, Météo-France, UKMO, JMA; `null` past its horizon or outside its domain) and their blend, weighted by local skill when known; how a day’s high moved between runs; a label per hour and day (`sure`, `likely`, `uncertain`) with a reason code; and `accuracy`, how often the next-day high was within 2° over the last 30 days here (`null` until the nightly job has judged this place). `members: true` reads ECMWF’s 51 members instead of their mean and spread: exact counts of wet runs, at about 15 times the provider cost.',
      example: { latitude: 52.52, longitude: 13.41 },
    })
    .input(coordinatesSchema.extend({ members: z.boolean().default(false) }))
    .output(confidenceAnswerSchema)
    .query(({ ctx, input }) => {
      if (!ctx.confidence) throw new ClientError('SERVICE_UNAVAILABLE', 'CONFIDENCE_UNAVAILABLE');
      return ctx.confidence.confidence(input, { members: input.members }, { logger: ctx.logger });
    }),

  /** Sunrise, sunset, day length, moon phase, illumination, moonrise and moonset, day by day. */
  sunAndMoon: publicProcedure
    // Computed, not fetched: no upstream errors, but tens of milliseconds of CPU for a new
    // place, so a tighter limit. "Today" turns at local midnight, so not cached long.
    .meta({
      rateLimit: { max: 60, windowSeconds: 60 },
      cacheSeconds: 600,
      description:
        'Sunrise, sunset, day length, moon phase, illumination, moonrise and moonset for the coming days (local times), computed from the coordinates.',
      example: { latitude: 52.52, longitude: 13.41, days: 7 },
    })
    .input(
      coordinatesSchema.extend({
        days: z.number().int().min(1).max(MAX_DAYS).default(MAX_DAYS),
      }),
    )
    .output(sunAndMoonSchema.extend({ days: sunAndMoonSchema.shape.days.max(MAX_DAYS) }))
    .query(({ ctx, input }) => ctx.weather.sunAndMoon(input, input.days)),

  /**
   * Climate normals (1991–2020) and records (since 1950) for local dates at a point, from
   * the table only: never a provider call. Until the point's cell is fetched, says why.
   */
  normals: publicProcedure
    .meta({
      rateLimit: { max: 240, windowSeconds: 60 },
      // Short, though fetched normals never change: a "not fetched yet" answer must not
      // outlive the fetch by long, and opens reach the procedure (to be counted) once a minute.
      cacheSeconds: 60,
      description: `Daily climate normals of ERA5-Land ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} (mean, 10th and 90th percentile of highs and lows, ±7-day smoothed; mean precipitation and wet-day share) and records since ${RECORDS_FIRST_YEAR}, for up to ${MAX_NORMAL_DAYS} local dates; or why they are not fetched yet.`,
      example: { latitude: 52.52, longitude: 13.41, from: '2026-12-07', to: '2026-12-22' },
    })
    .input(
      coordinatesSchema
        .extend({
          from: z.iso.date('Give the first day as YYYY-MM-DD.'),
          to: z.iso.date('Give the last day as YYYY-MM-DD.'),
        })
        .refine(
          (input) =>
            input.from <= input.to && datesBetween(input.from, input.to).length <= MAX_NORMAL_DAYS,
          { message: `Give at most ${MAX_NORMAL_DAYS} days, the first not after the last.` },
        ),
    )
    .output(placeNormalsSchema)
    .query(async ({ ctx, input }) => {
      const normals = await ctx.normals.forPlace(input);
      if (normals.status !== 'fetched') return normals;
      return {
        status: normals.status,
        source:
          `ERA5-Land ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} reanalysis` as const,
        recordsSince: RECORDS_FIRST_YEAR,
        units: { temperature: '°C' as const, precipitation: 'mm' as const },
        simulated: normals.simulated,
        days: normals.days,
      };
    }),

  /**
   * Precipitation since the meteorological season began at a point, against the 1991–2020
   * normal for the same days: one cached archive call per cell and day, after its normals.
   */
  seasonPrecipitation: publicProcedure
    .meta({
      rateLimit: { max: 120, windowSeconds: 60 },
      cacheSeconds: 600,
      description: `Precipitation observed since the meteorological season began (ERA5-Land, about five days behind) against the ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} normal summed over the same days; nothing until the place's normals are fetched.`,
      example: { latitude: 52.52, longitude: 13.41 },
    })
    .input(coordinatesSchema)
    .output(seasonPrecipitationSchema)
    .query(async ({ ctx, input }) => {
      const answer = await ctx.normals.seasonPrecipitation(input, { logger: ctx.logger });
      if (answer.status !== 'fetched') return answer;
      return {
        ...answer,
        source:
          `ERA5-Land ${NORMALS_PERIOD.firstYear}–${NORMALS_PERIOD.lastYear} reanalysis` as const,
      };
    }),
} satisfies TRPCRouterRecord;
