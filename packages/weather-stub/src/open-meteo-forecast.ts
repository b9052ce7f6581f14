import { type Clock, columns, formatDay, formatTime, locationHeader } from './open-meteo-format.ts';
import {
  InvalidParameter,
  readCoordinates,
  readDays,
  readTimeFormat,
  readTimeZone,
  readUnits,
  readVariables,
} from './open-meteo-params.ts';
import { DAILY_VARIABLES, type Day, STEP_VARIABLES } from './open-meteo-variables.ts';
import { json, openMeteoError, type StubResponse } from './responses.ts';
import { withScenarios, type RainScenario } from './scenarios.ts';
import { type Conditions, conditionsAt as simulatedAt } from './simulation.ts';
import { siteAt, type Site } from './sites.ts';
import { sunTimes } from './sun.ts';
import { startOfLocalDay, utcOffsetSeconds } from './time-zones.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const steps = (start: number, count: number, size: number) =>
  Array.from({ length: count }, (_, i) => start + i * size);

/** `GET /v1/forecast`: only the variables asked for, in the units and zone asked for. */
export function forecastRoute(
  query: URLSearchParams,
  now: number,
  _path = '',
  scenarios: readonly RainScenario[] = [],
): StubResponse {
  try {
    return forecast(query, now, scenarios);
  } catch (error) {
    if (error instanceof InvalidParameter) return openMeteoError(400, error.message);
    throw error;
  }
}

function forecast(
  query: URLSearchParams,
  now: number,
  scenarios: readonly RainScenario[],
): StubResponse {
  const { latitude, longitude } = readCoordinates(query);
  const currentNames = readVariables(query, 'current', STEP_VARIABLES, 'ForecastVariable');
  const hourlyNames = readVariables(query, 'hourly', STEP_VARIABLES, 'ForecastVariable');
  const minutelyNames = readVariables(query, 'minutely_15', STEP_VARIABLES, 'ForecastVariable');
  const dailyNames = readVariables(query, 'daily', DAILY_VARIABLES, 'ForecastVariableDaily');
  const forecastDays = readDays(query, 'forecast_days', 7, 16, 'Forecast days');
  const pastDays = readDays(query, 'past_days', 0, 92, 'Past days');
  // Counted from the current 15-minute step rather than from midnight, as Open-Meteo does.
  const forecastQuarters = query.has('forecast_minutely_15')
    ? readDays(query, 'forecast_minutely_15', 0, 16 * 96, 'Forecast minutely_15')
    : undefined;
  const pastQuarters = readDays(query, 'past_minutely_15', 0, 92 * 96, 'Past minutely_15');
  const units = readUnits(query);
  const format = readTimeFormat(query);
  const site = siteAt(latitude, longitude);
  const conditionsAt = (at: Site, instant: number) =>
    withScenarios(simulatedAt(at, instant), at, instant, scenarios);
  const zone = readTimeZone(query, site);
  const clock: Clock = { zone, offsetSeconds: utcOffsetSeconds(zone, now), format };

  const firstDay = startOfLocalDay(now, clock.offsetSeconds) - pastDays * DAY;
  const days = pastDays + forecastDays;
  const sections: Record<string, unknown> = {};
  let values = 0;

  if (currentNames.length > 0) {
    const instant = Math.floor(now / (15 * MINUTE)) * 15 * MINUTE;
    const conditions = conditionsAt(site, instant);
    const currentUnits: Record<string, string> = { time: format, interval: 'seconds' };
    const current: Record<string, number | string> = {
      time: formatTime(clock, instant),
      interval: 900,
    };
    for (const name of currentNames) {
      currentUnits[name] = STEP_VARIABLES[name]!.unit(units);
      // Current sums cover the preceding 15 minutes.
      current[name] = STEP_VARIABLES[name]!.value(conditions, units, 0.25);
    }
    sections.current_units = currentUnits;
    sections.current = current;
    values += currentNames.length;
  }

  const hourInstants =
    hourlyNames.length + dailyNames.length > 0 ? steps(firstDay, days * 24, HOUR) : [];
  const hours = hourInstants.map((instant) => conditionsAt(site, instant));

  if (minutelyNames.length > 0) {
    const quarter = Math.floor(now / (15 * MINUTE)) * 15 * MINUTE;
    const instants =
      forecastQuarters === undefined
        ? steps(firstDay, days * 96, 15 * MINUTE)
        : steps(quarter - pastQuarters * 15 * MINUTE, pastQuarters + forecastQuarters, 15 * MINUTE);
    const { units: sectionUnits, data } = columns(
      format,
      minutelyNames,
      instants.map((instant) => formatTime(clock, instant)),
      instants.map((instant) => conditionsAt(site, instant)),
      (name) => STEP_VARIABLES[name]!.unit(units),
      (name, row: Conditions) => STEP_VARIABLES[name]!.value(row, units, 0.25),
    );
    sections.minutely_15_units = sectionUnits;
    sections.minutely_15 = data;
    values += minutelyNames.length * instants.length;
  }

  if (hourlyNames.length > 0) {
    const { units: sectionUnits, data } = columns(
      format,
      hourlyNames,
      hourInstants.map((instant) => formatTime(clock, instant)),
      hours,
      (name) => STEP_VARIABLES[name]!.unit(units),
      (name, row) => STEP_VARIABLES[name]!.value(row, units, 1),
    );
    sections.hourly_units = sectionUnits;
    sections.hourly = data;
    values += hourlyNames.length * hours.length;
  }

  if (dailyNames.length > 0) {
    const dayList: Day[] = steps(firstDay, days, DAY).map((start, i) => ({
      start,
      hours: hours.slice(i * 24, i * 24 + 24),
      sun: sunTimes(site.latitude, site.longitude, start + DAY / 2),
    }));
    const { units: sectionUnits, data } = columns(
      format,
      dailyNames,
      dayList.map((day) => formatDay(clock, day.start)),
      dayList,
      (name) => DAILY_VARIABLES[name]!.unit(units, format),
      (name, day) =>
        DAILY_VARIABLES[name]!.value(day, units, (instant) => formatTime(clock, instant)),
    );
    sections.daily_units = sectionUnits;
    sections.daily = data;
    values += dailyNames.length * dayList.length;
  }

  return json(200, { ...locationHeader(site, clock, now, values), ...sections });
}
