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
import {
  coversSite,
  FORECAST_MODELS,
  type ForecastModel,
  leadDaysOf,
  perturb,
} from './forecast-models.ts';
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
  const hourlyNames = readVariables(query, 'hourly', HOURLY_VARIABLES, 'ForecastVariable');
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

  const variants = readModels(query);
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
    const keys = variants.flatMap((variant) =>
      hourlyNames.map((name) => ({ key: name + variant.suffix, name, variant })),
    );
    const rows = hourInstants.map((instant, i) => ({ instant, truth: hours[i]! }));
    const byKey = new Map(keys.map((entry) => [entry.key, entry]));
    const { units: sectionUnits, data } = columns(
      format,
      keys.map((entry) => entry.key),
      hourInstants.map((instant) => formatTime(clock, instant)),
      rows,
      (key) => STEP_VARIABLES[baseName(byKey.get(key)!.name)]!.unit(units),
      (key, row) => {
        const { name, variant } = byKey.get(key)!;
        const seen = runView(variant.model, site, row.truth, row.instant, now, runsBack(name));
        return seen ? STEP_VARIABLES[baseName(name)]!.value(seen, units, 1) : null;
      },
    );
    sections.hourly_units = sectionUnits;
    sections.hourly = data;
    values += keys.length * hours.length;
  }

  if (dailyNames.length > 0) {
    const starts = steps(firstDay, days, DAY);
    const units_: Record<string, string> = { time: format };
    const data: Record<string, (number | string | null)[]> = {
      time: starts.map((start) => formatDay(clock, start)),
    };
    for (const variant of variants) {
      const dayList: (Day | null)[] = starts.map((start, i) => {
        const truths = hours.slice(i * 24, i * 24 + 24);
        const seen = truths.map((truth, h) =>
          runView(variant.model, site, truth, start + h * HOUR, now, 0),
        );
        if (seen.some((c) => c === null)) return null;
        return {
          start,
          hours: seen as Conditions[],
          sun: sunTimes(site.latitude, site.longitude, start + DAY / 2),
        };
      });
      for (const name of dailyNames) {
        units_[name + variant.suffix] = DAILY_VARIABLES[name]!.unit(units, format);
        data[name + variant.suffix] = dayList.map((day) =>
          day
            ? DAILY_VARIABLES[name]!.value(day, units, (instant) => formatTime(clock, instant))
            : null,
        );
      }
    }
    sections.daily_units = units_;
    sections.daily = data;
    values += dailyNames.length * variants.length * days;
  }

  return json(200, { ...locationHeader(site, clock, now, values), ...sections });
}

const MAX_RUNS_BACK = 5;
const PREVIOUS_DAY = /^(.+)_previous_day([1-5])$/;

/** Every step variable, and `X_previous_day1…5`: what the run N days earlier said for that hour. */
const HOURLY_VARIABLES: Record<string, unknown> = Object.fromEntries(
  Object.keys(STEP_VARIABLES).flatMap((name): [string, boolean][] => [
    [name, true],
    ...Array.from({ length: MAX_RUNS_BACK }, (_, i): [string, boolean] => [
      `${name}_previous_day${i + 1}`,
      true,
    ]),
  ]),
);

const baseName = (name: string) => PREVIOUS_DAY.exec(name)?.[1] ?? name;
const runsBack = (name: string) => Number(PREVIOUS_DAY.exec(name)?.[2] ?? 0);

interface Variant {
  /** `undefined` is `best_match`: the simulated truth itself. */
  model: ForecastModel | undefined;
  /** Appended to every key when several models are asked for, as upstream does. */
  suffix: string;
}

function readModels(query: URLSearchParams): Variant[] {
  const names = readVariables(
    query,
    'models',
    { ...FORECAST_MODELS, best_match: true },
    'MultiDomains',
  );
  if (names.length === 0) return [{ model: undefined, suffix: '' }];
  return names.map((name) => ({
    model: FORECAST_MODELS[name],
    suffix: names.length > 1 ? `_${name}` : '',
  }));
}

/**
 * What a run `back` days before the newest said about one hour, or null
 * where the model does not reach. The newest `best_match` run is the truth;
 * every other view errs, the more the further ahead it looked.
 */
function runView(
  model: ForecastModel | undefined,
  site: Parameters<typeof coversSite>[1],
  truth: Conditions,
  instant: number,
  now: number,
  back: number,
): Conditions | null {
  const lead = Math.max(0, leadDaysOf(instant, now));
  if (model && (!coversSite(model, site) || lead * 24 > model.horizonHours)) return null;
  if (!model && back === 0) return truth;
  return perturb(truth, instant, {
    seed: (model?.seed ?? 90) * 100 + back,
    leadDays: lead + back,
    ...(model
      ? {
          temperatureBias: model.temperatureBias,
          precipitationFactor: model.precipitationFactor,
          windFactor: model.windFactor,
        }
      : {}),
  });
}
