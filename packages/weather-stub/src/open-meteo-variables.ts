import type { TimeFormat } from './open-meteo-params.ts';
import type { Conditions } from './simulation.ts';
import type { SunTimes } from './sun.ts';
import { celsiusToFahrenheit, fromKmh, round, roundAmount, type UnitChoice } from './units.ts';

/** A variable of `current`, `hourly` and `minutely_15`: one value per time step. */
export interface StepVariable {
  unit(units: UnitChoice): string;
  /** `stepHours` is the span a sum covers: 1 for hourly data, 0.25 for 15-minutely. */
  value(conditions: Conditions, units: UnitChoice, stepHours: number): number;
}

/** One local day of hourly conditions, as daily aggregates need it. */
export interface Day {
  /** Instant of the day's local midnight. */
  start: number;
  hours: Conditions[];
  sun: SunTimes;
}

export interface DailyVariable {
  unit(units: UnitChoice, format: TimeFormat): string;
  /** `time` formats an instant as the request's `timeformat` asks. */
  value(day: Day, units: UnitChoice, time: (instant: number) => string | number): number | string;
}

const temperatureUnit = (units: UnitChoice) => (units.temperature === 'fahrenheit' ? '°F' : '°C');
// Open-Meteo spells miles per hour "mp/h".
const windUnit = (units: UnitChoice) =>
  ({ kmh: 'km/h', ms: 'm/s', mph: 'mp/h', kn: 'kn' })[units.windSpeed];
const precipitationUnit = (units: UnitChoice) => (units.precipitation === 'inch' ? 'inch' : 'mm');
const fixed = (unit: string) => () => unit;

const temperature = (celsius: number, units: UnitChoice) =>
  round(units.temperature === 'fahrenheit' ? celsiusToFahrenheit(celsius) : celsius, 1);
const wind = (kmh: number, units: UnitChoice) => round(fromKmh(kmh, units.windSpeed), 1);
const amount = (mm: number, units: UnitChoice) =>
  units.precipitation === 'inch' ? roundAmount(mm / 25.4, 3) : roundAmount(mm, 2);

function step(
  unit: (units: UnitChoice) => string,
  value: (conditions: Conditions, units: UnitChoice, stepHours: number) => number,
): StepVariable {
  return { unit, value };
}

export const STEP_VARIABLES: Record<string, StepVariable> = {
  temperature_2m: step(temperatureUnit, (c, u) => temperature(c.temperature, u)),
  relative_humidity_2m: step(fixed('%'), (c) => Math.round(c.humidity)),
  dew_point_2m: step(temperatureUnit, (c, u) => temperature(c.dewPoint, u)),
  apparent_temperature: step(temperatureUnit, (c, u) => temperature(c.apparentTemperature, u)),
  is_day: step(fixed(''), (c) => (c.isDay ? 1 : 0)),
  precipitation: step(precipitationUnit, (c, u, hours) => amount(c.precipitation * hours, u)),
  rain: step(precipitationUnit, (c, u, hours) => amount(c.rain * hours, u)),
  showers: step(precipitationUnit, (c, u, hours) => amount(c.showers * hours, u)),
  snowfall: step(
    (u) => (u.precipitation === 'inch' ? 'inch' : 'cm'),
    (c, u, hours) =>
      u.precipitation === 'inch'
        ? roundAmount((c.snowfall * hours) / 2.54, 3)
        : roundAmount(c.snowfall * hours, 2),
  ),
  precipitation_probability: step(fixed('%'), (c) => c.precipitationProbability),
  weather_code: step(fixed('wmo code'), (c) => c.weatherCode),
  cloud_cover: step(fixed('%'), (c) => Math.round(c.cloudCover)),
  pressure_msl: step(fixed('hPa'), (c) => round(c.pressureMsl, 1)),
  surface_pressure: step(fixed('hPa'), (c) => round(c.surfacePressure, 1)),
  wind_speed_10m: step(windUnit, (c, u) => wind(c.windSpeed, u)),
  wind_direction_10m: step(fixed('°'), (c) => Math.round(c.windDirection) % 360),
  wind_gusts_10m: step(windUnit, (c, u) => wind(c.windGusts, u)),
  visibility: step(fixed('m'), (c) => Math.round(c.visibility / 10) * 10),
  uv_index: step(fixed(''), (c) => round(c.uvIndex, 2)),
};

/** The day's hourly values of a step variable, rounded exactly as `hourly` shows them. */
const hourly = (day: Day, name: string, units: UnitChoice) =>
  day.hours.map((c) => STEP_VARIABLES[name]!.value(c, units, 1));
const max = (values: number[]) => Math.max(...values);
const min = (values: number[]) => Math.min(...values);
const sum = (values: number[], decimals: number) =>
  round(
    values.reduce((a, b) => a + b, 0),
    decimals,
  );
const sumDecimals = (units: UnitChoice) => (units.precipitation === 'inch' ? 3 : 2);

function daylightSeconds(day: Day): number {
  if (day.sun.kind === 'polar-day') return 86_400;
  if (day.sun.kind === 'polar-night') return 0;
  return round((day.sun.sunset - day.sun.sunrise) / 1000, 2);
}

function sunEvent(day: Day, event: 'sunrise' | 'sunset'): number {
  if (day.sun.kind === 'normal') return day.sun[event];
  // Open-Meteo has no null here: a sun that never sets rises at 00:00 and sets at 24:00.
  return day.sun.kind === 'polar-day' && event === 'sunset' ? day.start + 86_400_000 : day.start;
}

function daily(
  unit: (units: UnitChoice, format: TimeFormat) => string,
  value: (
    day: Day,
    units: UnitChoice,
    time: (instant: number) => string | number,
  ) => number | string,
): DailyVariable {
  return { unit, value };
}

/** Daily values are aggregated from the day's hourly series, so the two always agree. */
export const DAILY_VARIABLES: Record<string, DailyVariable> = {
  weather_code: daily(fixed('wmo code'), (d, u) => max(hourly(d, 'weather_code', u))),
  temperature_2m_max: daily(temperatureUnit, (d, u) => max(hourly(d, 'temperature_2m', u))),
  temperature_2m_min: daily(temperatureUnit, (d, u) => min(hourly(d, 'temperature_2m', u))),
  apparent_temperature_max: daily(temperatureUnit, (d, u) =>
    max(hourly(d, 'apparent_temperature', u)),
  ),
  apparent_temperature_min: daily(temperatureUnit, (d, u) =>
    min(hourly(d, 'apparent_temperature', u)),
  ),
  precipitation_sum: daily(precipitationUnit, (d, u) =>
    sum(hourly(d, 'precipitation', u), sumDecimals(u)),
  ),
  rain_sum: daily(precipitationUnit, (d, u) => sum(hourly(d, 'rain', u), sumDecimals(u))),
  showers_sum: daily(precipitationUnit, (d, u) => sum(hourly(d, 'showers', u), sumDecimals(u))),
  snowfall_sum: daily(
    (u) => STEP_VARIABLES.snowfall!.unit(u),
    (d, u) => sum(hourly(d, 'snowfall', u), sumDecimals(u)),
  ),
  precipitation_hours: daily(
    fixed('h'),
    (d, u) => hourly(d, 'precipitation', u).filter((v) => v > 0).length,
  ),
  precipitation_probability_max: daily(fixed('%'), (d, u) =>
    max(hourly(d, 'precipitation_probability', u)),
  ),
  precipitation_probability_min: daily(fixed('%'), (d, u) =>
    min(hourly(d, 'precipitation_probability', u)),
  ),
  // Sunrise and sunset are times, so they follow `timeformat`.
  sunrise: daily(
    (_u, format) => format,
    (d, _u, time) => time(sunEvent(d, 'sunrise')),
  ),
  sunset: daily(
    (_u, format) => format,
    (d, _u, time) => time(sunEvent(d, 'sunset')),
  ),
  daylight_duration: daily(fixed('s'), (d) => daylightSeconds(d)),
  sunshine_duration: daily(fixed('s'), (d) =>
    round(
      Math.min(
        daylightSeconds(d),
        d.hours.reduce(
          (total, c) => total + (c.isDay ? 3600 * (1 - c.cloudCover / 100) ** 1.5 : 0),
          0,
        ),
      ),
      2,
    ),
  ),
  uv_index_max: daily(fixed(''), (d, u) => max(hourly(d, 'uv_index', u))),
  wind_speed_10m_max: daily(windUnit, (d, u) => max(hourly(d, 'wind_speed_10m', u))),
  wind_gusts_10m_max: daily(windUnit, (d, u) => max(hourly(d, 'wind_gusts_10m', u))),
  wind_direction_10m_dominant: daily(fixed('°'), (d) => dominantDirection(d.hours)),
};

/** The direction of the mean wind vector, as Open-Meteo computes it. */
function dominantDirection(hours: Conditions[]): number {
  let u = 0;
  let v = 0;
  for (const c of hours) {
    u += c.windSpeed * Math.sin((c.windDirection * Math.PI) / 180);
    v += c.windSpeed * Math.cos((c.windDirection * Math.PI) / 180);
  }
  return Math.round(((Math.atan2(u, v) * 180) / Math.PI + 360) % 360) % 360;
}
