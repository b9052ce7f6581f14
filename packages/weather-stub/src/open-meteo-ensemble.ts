import {
  ENSEMBLE_MEAN_SUFFIX,
  ENSEMBLE_MODELS,
  type EnsembleModel,
  leadDaysOf,
  memberPerturbation,
  perturb,
} from './forecast-models.ts';
import { type Clock, columns, formatTime, locationHeader } from './open-meteo-format.ts';
import {
  InvalidParameter,
  readCoordinates,
  readDays,
  readTimeFormat,
  readTimeZone,
  readUnits,
  readVariables,
} from './open-meteo-params.ts';
import { STEP_VARIABLES } from './open-meteo-variables.ts';
import { json, openMeteoError, type StubResponse } from './responses.ts';
import { conditionsAt } from './simulation.ts';
import { siteAt } from './sites.ts';
import { startOfLocalDay, utcOffsetSeconds } from './time-zones.ts';
import { round } from './units.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every member model, and `<model>_ensemble_mean` for each. */
const KNOWN_MODELS: Record<string, unknown> = Object.fromEntries(
  Object.keys(ENSEMBLE_MODELS).flatMap((name) => [
    [name, true],
    [name + ENSEMBLE_MEAN_SUFFIX, true],
  ]),
);

/**
 * `GET /v1/ensemble`: each named ensemble's members (`X` is the control run,
 * `X_member01…` the perturbed ones), or with `<model>_ensemble_mean` the
 * members' mean as `X` and their standard deviation as `X_spread`, computed
 * from exactly the values the member model would answer. `best_match` is
 * refused, as upstream refuses it.
 */
export function ensembleRoute(query: URLSearchParams, now: number): StubResponse {
  try {
    return ensemble(query, now);
  } catch (error) {
    if (error instanceof InvalidParameter) return openMeteoError(400, error.message);
    throw error;
  }
}

function ensemble(query: URLSearchParams, now: number): StubResponse {
  const { latitude, longitude } = readCoordinates(query);
  const names = readVariables(query, 'hourly', STEP_VARIABLES, 'EnsembleVariable');
  const models = readVariables(query, 'models', KNOWN_MODELS, 'EnsembleMultiDomains');
  if (models.length === 0) {
    throw new InvalidParameter('Parameter models is required, e.g. models=ecmwf_ifs025.');
  }
  if (query.has('daily')) {
    throw new InvalidParameter('The Skycast weather stub serves hourly ensemble data only.');
  }
  const forecastDays = readDays(query, 'forecast_days', 7, 35, 'Forecast days');
  const pastDays = readDays(query, 'past_days', 0, 92, 'Past days');
  const units = readUnits(query);
  const format = readTimeFormat(query);
  const site = siteAt(latitude, longitude);
  const zone = readTimeZone(query, site);
  const clock: Clock = { zone, offsetSeconds: utcOffsetSeconds(zone, now), format };
  const firstDay = startOfLocalDay(now, clock.offsetSeconds) - pastDays * DAY;
  const instants = Array.from(
    { length: (pastDays + forecastDays) * 24 },
    (_, i) => firstDay + i * HOUR,
  );
  const truths = instants.map((instant) => conditionsAt(site, instant));

  const keys: string[] = [];
  const unitOfKey = new Map<string, string>();
  const series = new Map<string, (number | null)[]>();
  for (const modelName of models) {
    const isMean = modelName.endsWith(ENSEMBLE_MEAN_SUFFIX);
    const model =
      ENSEMBLE_MODELS[isMean ? modelName.slice(0, -ENSEMBLE_MEAN_SUFFIX.length) : modelName]!;
    const suffix = models.length > 1 ? `_${modelName}` : '';
    for (const name of names) {
      const members = memberValues(model, name, instants, truths, now, units);
      const unit = STEP_VARIABLES[name]!.unit(units);
      const add = (key: string, values: (number | null)[]) => {
        keys.push(key);
        unitOfKey.set(key, unit);
        series.set(key, values);
      };
      if (isMean) {
        add(
          name + suffix,
          members.map((values) => values && round(mean(values), 2)),
        );
        add(
          `${name}_spread${suffix}`,
          members.map((values) => values && round(standardDeviation(values), 2)),
        );
        continue;
      }
      for (let member = 0; member < model.members; member++) {
        const key =
          (member === 0 ? name : `${name}_member${String(member).padStart(2, '0')}`) + suffix;
        add(
          key,
          members.map((values) => (values ? values[member]! : null)),
        );
      }
    }
  }
  const { units: sectionUnits, data } = columns(
    format,
    keys,
    instants.map((instant) => formatTime(clock, instant)),
    instants.map((_, i) => i),
    (key) => unitOfKey.get(key)!,
    (key, i) => series.get(key)![i]!,
  );
  return json(200, {
    ...locationHeader(site, clock, now, keys.length * instants.length),
    hourly_units: sectionUnits,
    hourly: data,
  });
}

/** Per hour, every member's value as the response shows it; null past the ensemble's horizon. */
function memberValues(
  model: EnsembleModel,
  name: string,
  instants: number[],
  truths: ReturnType<typeof conditionsAt>[],
  now: number,
  units: ReturnType<typeof readUnits>,
): (number[] | null)[] {
  const variable = STEP_VARIABLES[name]!;
  return instants.map((instant, i) => {
    if (leadDaysOf(instant, now) * 24 > model.horizonHours) return null;
    return Array.from({ length: model.members }, (_, member) =>
      variable.value(
        perturb(truths[i]!, instant, memberPerturbation(model, member, instant, now)),
        units,
        1,
      ),
    );
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Population standard deviation, as ensemble spread is usually given. */
function standardDeviation(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((total, value) => total + (value - m) ** 2, 0) / values.length);
}
