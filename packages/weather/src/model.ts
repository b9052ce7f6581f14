import { z } from 'zod';

/**
 * The provider-independent weather model. Every provider maps its answers
 * onto these shapes; the API's output schemas are built from them.
 */

export const providerIdSchema = z.enum(['open-meteo', 'openweather']);
export type ProviderId = z.infer<typeof providerIdSchema>;

/** A WMO 4677 weather code (0 clear … 99 thunderstorm with heavy hail). */
export const weatherCodeSchema = z.number().int().min(0).max(99);

export const placeSchema = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  countryCode: z.string(),
  admin1: z.string().optional(),
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string(),
});
export type Place = z.infer<typeof placeSchema>;

/** Local wall-clock time at the place, `YYYY-MM-DDTHH:mm` (no offset). */
const localTime = z.string();

export const currentConditionsSchema = z.object({
  time: localTime,
  temperature: z.number(),
  apparentTemperature: z.number(),
  humidity: z.number(),
  windSpeed: z.number(),
  windDirection: z.number(),
  windGusts: z.number().nullable(),
  weatherCode: weatherCodeSchema,
  isDay: z.boolean(),
  precipitation: z.number(),
  pressure: z.number().nullable(),
  cloudCover: z.number().nullable(),
  uvIndex: z.number().nullable(),
  visibility: z.number().nullable(),
});
export type CurrentConditions = z.infer<typeof currentConditionsSchema>;

export const hourlyEntrySchema = z.object({
  time: localTime,
  temperature: z.number(),
  apparentTemperature: z.number().nullable(),
  precipitationProbability: z.number().nullable(),
  precipitation: z.number().nullable(),
  weatherCode: weatherCodeSchema,
  windSpeed: z.number(),
  humidity: z.number().nullable(),
  isDay: z.boolean().nullable(),
  /** For a day in detail: each null where the provider does not give it. */
  windGusts: z.number().nullable(),
  cloudCover: z.number().nullable(),
  dewPoint: z.number().nullable(),
  uvIndex: z.number().nullable(),
});
export type HourlyEntry = z.infer<typeof hourlyEntrySchema>;

export const dailyEntrySchema = z.object({
  date: z.string(),
  temperatureMax: z.number(),
  temperatureMin: z.number(),
  weatherCode: weatherCodeSchema,
  precipitationSum: z.number().nullable(),
  precipitationProbabilityMax: z.number().nullable(),
  sunrise: localTime.nullable(),
  sunset: localTime.nullable(),
  /**
   * `polar-night` when the sun does not rise that day, `midnight-sun` when it
   * does not set; sunrise and sunset are then null, never a 00:00 that did
   * not happen. Null on other days, or where the provider does not say.
   */
  polar: z.enum(['polar-night', 'midnight-sun']).nullable(),
  uvIndexMax: z.number().nullable(),
});
export type DailyEntry = z.infer<typeof dailyEntrySchema>;

/**
 * The units a served forecast is in. Providers' data is canonical (°C, km/h,
 * mm, hPa, visibility in metres); `convertForecast` turns it into these.
 */
export const unitsSchema = z.object({
  temperature: z.enum(['°C', '°F']),
  windSpeed: z.enum(['km/h', 'm/s', 'mph', 'kn']),
  precipitation: z.enum(['mm', 'inch']),
  pressure: z.enum(['hPa', 'inHg']),
  visibility: z.enum(['km', 'mi']),
});
export type Units = z.infer<typeof unitsSchema>;

/** Precipitation in one 15-minute step, summed over the 15 minutes before `time`: mm (snowfall cm). */
export const precipitationStepSchema = z.object({
  time: localTime,
  precipitation: z.number(),
  rain: z.number(),
  snowfall: z.number(),
});
export type PrecipitationStep = z.infer<typeof precipitationStepSchema>;

/**
 * Precipitation in 15-minute steps, each labelled by its end: the past 48
 * hours (for watch previews) and the coming hours. Whatever shows or
 * evaluates them reads only the steps after now. `interpolated` is true where the
 * provider has no model at that resolution and spreads hourly values instead:
 * the timing is then only as good as an hourly forecast's.
 */
export const minutely15Schema = z.object({
  interpolated: z.boolean(),
  steps: z.array(precipitationStepSchema),
});
export type Minutely15 = z.infer<typeof minutely15Schema>;

/** What a provider returns for one place: always °C, km/h, mm, hPa and visibility in metres. */
export const providerForecastSchema = z.object({
  location: z.object({
    latitude: z.number(),
    longitude: z.number(),
    timezone: z.string(),
    elevation: z.number().optional(),
  }),
  current: currentConditionsSchema,
  hourly: z.array(hourlyEntrySchema),
  daily: z.array(dailyEntrySchema),
  /** Null where the provider has no sub-hourly precipitation. */
  minutely15: minutely15Schema.nullable(),
});
export type ProviderForecast = z.infer<typeof providerForecastSchema>;

/**
 * Yesterday beside today, from the same provider answer (Open-Meteo's
 * `past_days`): the temperature at the same local clock time as
 * `current.time`, and yesterday's high and low. Null where the provider has no past.
 */
export const yesterdaySchema = z.object({
  date: z.string(),
  temperature: z.number().nullable(),
  temperatureMax: z.number(),
  temperatureMin: z.number(),
});
export type Yesterday = z.infer<typeof yesterdaySchema>;

export const precipitationKindSchema = z.enum(['none', 'rain', 'snow', 'rain-and-snow']);
export const precipitationIntensitySchema = z.enum(['none', 'light', 'moderate', 'heavy']);

/**
 * Rain in the next two hours: eight 15-minute steps in the caller's
 * precipitation unit, and one sentence about them ("Light rain starting
 * around 14:30"), which says so where the steps are interpolated.
 */
export const nextTwoHoursSchema = z.object({
  summary: z.string(),
  /**
   * What the sentence says, for clients that word it in another language: dry
   * throughout, or the heaviest precipitation `starting` or `stopping` around
   * `at` (local `HH:mm`), or `continuing` for the two hours.
   */
  outlook: z.object({
    change: z.enum(['dry', 'starting', 'stopping', 'continuing']),
    kind: precipitationKindSchema,
    intensity: precipitationIntensitySchema,
    at: z.string().max(5).nullable(),
  }),
  interpolated: z.boolean(),
  steps: z
    .array(
      z.object({
        /** The end of the 15 minutes the amount covers, local time. */
        time: localTime,
        precipitation: z.number(),
        kind: precipitationKindSchema,
        intensity: precipitationIntensitySchema,
      }),
    )
    .max(8),
});
export type NextTwoHours = z.infer<typeof nextTwoHoursSchema>;

/** The forecast as served to clients: the provider's data plus its provenance. */
export const forecastSchema = providerForecastSchema.omit({ minutely15: true }).extend({
  yesterday: yesterdaySchema.nullable(),
  /** Null where the provider has no 15-minute data, or the stored steps no longer reach two hours ahead. */
  nextTwoHours: nextTwoHoursSchema.nullable(),
  units: unitsSchema,
  /** When the provider produced this data (ISO 8601, UTC). */
  fetchedAt: z.iso.datetime(),
  /** True when the provider could not be reached and older data is shown. */
  stale: z.boolean(),
  source: providerIdSchema,
  /** True when the data comes from the local simulator, not a real service. */
  simulated: z.boolean(),
});
export type Forecast = z.infer<typeof forecastSchema>;

/**
 * Air quality at one moment. Concentrations are µg/m³ near the ground; null
 * where the provider has no value. `europeanAqi` is the EEA's European index
 * (0–20 good … above 100 extremely poor), `usAqi` the US EPA index (0–500).
 * A provider that does not give an index leaves it null or, as OpenWeather's
 * client does for `usAqi`, derives it and says how where it does.
 */
export const airQualityValuesSchema = z.object({
  europeanAqi: z.number().nullable(),
  usAqi: z.number().nullable(),
  pm2_5: z.number().nullable(),
  pm10: z.number().nullable(),
  ozone: z.number().nullable(),
  nitrogenDioxide: z.number().nullable(),
});

export const airQualityEntrySchema = airQualityValuesSchema.extend({ time: localTime });
export type AirQualityEntry = z.infer<typeof airQualityEntrySchema>;

/**
 * Pollen in the air now, grains per cubic metre, by type. A type is null
 * where the provider has no model for it (Open-Meteo: outside Europe) and 0
 * when there is none in the air (out of season).
 */
export const pollenSchema = z.object({
  alder: z.number().nullable(),
  birch: z.number().nullable(),
  grass: z.number().nullable(),
  mugwort: z.number().nullable(),
  olive: z.number().nullable(),
  ragweed: z.number().nullable(),
});
export type Pollen = z.infer<typeof pollenSchema>;
export const POLLEN_TYPES = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'] as const;

/** What a provider returns about the air at one place: now, and hourly for the coming days. */
export const airQualitySchema = z.object({
  location: z.object({
    latitude: z.number(),
    longitude: z.number(),
    timezone: z.string(),
  }),
  current: airQualityEntrySchema,
  /** Empty when the provider has no forecast of the air, only the present. */
  hourly: z.array(airQualityEntrySchema),
  /** Null where the provider has no pollen at all for the place: absent, not zero. */
  pollen: pollenSchema.nullable(),
});
export type AirQuality = z.infer<typeof airQualitySchema>;

/** One day of the forecast hour by hour, with the day's own summary. */
export const dayDetailSchema = z.object({
  location: providerForecastSchema.shape.location,
  day: dailyEntrySchema,
  /** The neighbouring days the forecast also has in detail, for "previous" and "next"; null at either end. */
  previousDate: z.string().nullable(),
  nextDate: z.string().nullable(),
  /** The local day's hours: 24, or 23 and 25 on days the clocks change. */
  hours: z.array(hourlyEntrySchema).max(25),
  units: unitsSchema,
  fetchedAt: z.iso.datetime(),
  stale: z.boolean(),
  source: providerIdSchema,
  simulated: z.boolean(),
});
export type DayDetail = z.infer<typeof dayDetailSchema>;
